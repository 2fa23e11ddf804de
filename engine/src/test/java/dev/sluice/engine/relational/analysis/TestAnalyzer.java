package dev.sluice.engine.relational.analysis;

import static dev.sluice.engine.relational.RelationFixtures.and;
import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.count;
import static dev.sluice.engine.relational.RelationFixtures.customer;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lineitem;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.orders;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Column resolution, qualifiers, aggregates, distinct, unions and every analysis error message. */
class TestAnalyzer {
  private static void assertError(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  private static Expression condition(Relation analyzed) {
    return ((FilterRelation) analyzed).condition();
  }

  @Test
  void testColumnsResolveToTheirInputPositionsCaseInsensitively() {
    Relation analyzed = Analyzer.analyze(new ProjectRelation(
        new FilterRelation(lineitem(), gt(col("L_QUANTITY"), col("l_tax"))), List.of(col("l_orderkey"), col("L_Comment"))));
    ProjectRelation project = (ProjectRelation) analyzed;
    assertThat(project.projections()).containsExactly(new BoundRef(0, "l_orderkey", DataType.INT64),
        new BoundRef(15, "l_comment", DataType.UTF8));
    assertThat(condition(project.child())).isEqualTo(new Comparison(Comparison.Op.GREATER,
        new BoundRef(4, "l_quantity", DataType.decimal(15, 2)), new BoundRef(7, "l_tax", DataType.decimal(15, 2))));
    assertThat(analyzed.schema().fields().get(1).name()).isEqualTo("l_comment");
    assertThat(analyzed.resolved()).isTrue();
  }

  @Test
  void testExactCaseMatchIsPreferredAndOtherwiseAmbiguous() {
    Relation t = table("t", "id", DataType.INT64, "ID", DataType.UTF8);
    Relation exact = Analyzer.analyze(new ProjectRelation(t, List.of(col("ID"))));
    assertThat(((ProjectRelation) exact).projections()).containsExactly(new BoundRef(1, "ID", DataType.UTF8));
    assertError(() -> Analyzer.analyze(new ProjectRelation(t, List.of(col("Id")))), ErrorCode.AMBIGUOUS_REFERENCE,
        "Column 'Id' is ambiguous: it matches 2 input columns [id, ID] (positions [0, 1]); qualify it with an alias "
            + "(df.alias(\"a\") and col(\"a.name\")) or use the exact name");
  }

  @Test
  void testUnknownColumnListsTheColumnsAndSuggestsTheClosest() {
    assertError(() -> Analyzer.analyze(new FilterRelation(lineitem(), gt(col("l_shipdat"), lit("1998-01-01")))),
        ErrorCode.COLUMN_NOT_FOUND, "Column 'l_shipdat' not found in [l_orderkey, l_partkey, l_suppkey, l_linenumber, "
            + "l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate, "
            + "l_receiptdate, l_shipinstruct, l_shipmode, l_comment]; did you mean 'l_shipdate'?");
    Relation small = table("t", "a", DataType.INT32);
    assertError(() -> Analyzer.analyze(new ProjectRelation(small, List.of(col("zzz")))), ErrorCode.COLUMN_NOT_FOUND,
        "Column 'zzz' not found in [a]");
  }

  @Test
  void testAliasesQualifyColumnsThroughUnaryNodesAndJoins() {
    Relation o = new FilterRelation(new AliasRelation(orders(), "o"), gt(col("o.o_totalprice"), lit(10)));
    Relation c = new AliasRelation(customer(), "c");
    Relation joined = Analyzer.analyze(new JoinRelation(c, o, JoinType.INNER, eq(col("c.c_custkey"), col("o.o_custkey"))));
    Expression condition = ((JoinRelation) joined).condition();
    assertThat(condition).isEqualTo(new Comparison(Comparison.Op.EQUAL, new BoundRef(0, "c_custkey", DataType.INT64),
        new BoundRef(8 + 1, "o_custkey", DataType.INT64)));
    // a third relation joins the first two; their qualifiers still reach through the inner join
    Relation l = new AliasRelation(lineitem(), "l");
    Relation threeWay = Analyzer.analyze(new JoinRelation(joined, l, JoinType.INNER,
        and(eq(col("l.l_orderkey"), col("o.o_orderkey")), gt(col("C.C_ACCTBAL"), lit(0)))));
    Expression three = ((JoinRelation) threeWay).condition();
    assertThat(three.children().get(0)).isEqualTo(new Comparison(Comparison.Op.EQUAL,
        new BoundRef(17, "l_orderkey", DataType.INT64), new BoundRef(8, "o_orderkey", DataType.INT64)));
    assertThat(((Comparison) three.children().get(1)).left()).isEqualTo(
        new BoundRef(5, "c_acctbal", DataType.decimal(15, 2)));
    // above the join, alias qualifiers pass through a projection of the bare column
    Relation projected = Analyzer.analyze(new FilterRelation(
        new ProjectRelation(threeWay, List.of(col("o.o_orderkey"), as(col("l_quantity"), "q"))),
        gt(col("o.o_orderkey"), lit(5L))));
    assertThat(condition(projected).children().get(0)).isEqualTo(new BoundRef(0, "o_orderkey", DataType.INT64));
    assertError(() -> Analyzer.analyze(new FilterRelation(projected.children().get(0), gt(col("l.q"), lit(1)))),
        ErrorCode.COLUMN_NOT_FOUND, "Column 'l.q' not found: no input is aliased 'l' here (aliases: [o]); "
            + "columns: [o_orderkey, q]");
    assertError(() -> Analyzer.analyze(new FilterRelation(threeWay, gt(col("o.o_totalprize"), lit(1)))),
        ErrorCode.COLUMN_NOT_FOUND, "Column 'o.o_totalprize' not found in [o.o_orderkey, o.o_custkey, "
            + "o.o_orderstatus, o.o_totalprice, o.o_orderdate, o.o_orderpriority, o.o_clerk, o.o_shippriority, "
            + "o.o_comment]; did you mean 'o.o_totalprice'?");
  }

  @Test
  void testReservedJoinQualifiersNameEachSideAndClashingRightNamesGetSuffix() {
    Relation left = table("a", "k", DataType.INT64, "v", DataType.UTF8);
    Relation right = table("b", "k", DataType.INT64, "w", DataType.UTF8);
    JoinRelation join = (JoinRelation) Analyzer.analyze(new JoinRelation(left, right, JoinType.INNER,
        eq(new ColumnRef(JoinRelation.LEFT, "k"), new ColumnRef(JoinRelation.RIGHT, "k"))));
    assertThat(join.condition()).isEqualTo(new Comparison(Comparison.Op.EQUAL,
        new BoundRef(0, "k", DataType.INT64), new BoundRef(2, "k_right", DataType.INT64)));
    assertThat(join.schema().fields().stream().map(f -> f.name()).toList()).containsExactly("k", "v", "k_right", "w");
    // a self-join where both sides carry the same alias is ambiguous
    Relation t = new AliasRelation(left, "t");
    assertError(() -> Analyzer.analyze(new JoinRelation(t, t, JoinType.INNER, eq(col("t.k"), lit(1L)))),
        ErrorCode.AMBIGUOUS_REFERENCE, "Column 't.k' is ambiguous: it matches 2 input columns [k, k_right] "
            + "(positions [0, 2]); qualify it with an alias (df.alias(\"a\") and col(\"a.name\")) or use the exact name");
  }

  @Test
  void testGroupingAndAggregateOutputsAndTheirErrors() {
    Relation aggregate = Analyzer.analyze(new AggregateRelation(lineitem(), List.of(col("l_returnflag")),
        List.of(col("l_returnflag"), new ScalarCall(ScalarFunction.LOWER, List.of(col("l_returnflag"))),
            as(sum(col("l_quantity")), "sum_qty"), count(col("l_orderkey")))));
    assertThat(aggregate.schema().fields().stream().map(f -> f.name() + ":" + f.type().displayName()).toList())
        .containsExactly("l_returnflag:utf8", "lower(l_returnflag):utf8", "sum_qty:decimal(25,2)",
            "count(l_orderkey):int64");

    assertError(() -> Analyzer.analyze(new AggregateRelation(lineitem(), List.of(col("l_returnflag")),
        List.of(col("l_returnflag"), plus(col("l_tax"), sum(col("l_quantity")))))), ErrorCode.INVALID_QUERY,
        "Column 'l_tax' in (l_tax + sum(l_quantity)) is neither grouped nor aggregated; add it to groupBy or use it "
            + "inside an aggregate (grouped by: [l_returnflag])");
    assertError(() -> Analyzer.analyze(new FilterRelation(lineitem(), gt(sum(col("l_tax")), lit(1)))),
        ErrorCode.INVALID_QUERY, "Aggregate sum(l_tax) is not allowed in the filter condition; aggregates go "
            + "in groupBy(...).agg(...) or in a select of only aggregates");
    assertError(() -> Analyzer.analyze(new AggregateRelation(lineitem(), List.of(),
        List.of(sum(sum(col("l_tax")))))), ErrorCode.INVALID_QUERY, "Aggregate sum(l_tax) is not allowed in the input "
            + "of sum; aggregates go in groupBy(...).agg(...) or in a select of only aggregates");
    assertError(() -> Analyzer.analyze(new AggregateRelation(lineitem(), List.of(sum(col("l_tax"))),
        List.of(count(col("l_tax"))))), ErrorCode.INVALID_QUERY, "Aggregate sum(l_tax) is not allowed in the grouping "
            + "expression; aggregates go in groupBy(...).agg(...) or in a select of only aggregates");
  }

  @Test
  void testSelectOfOnlyAggregatesIsAGlobalAggregate() {
    Relation analyzed = Analyzer.analyze(new ProjectRelation(lineitem(), List.of(sum(col("l_quantity")),
        AggregateCall.countStar())));
    assertThat(analyzed).isInstanceOf(AggregateRelation.class);
    assertThat(((AggregateRelation) analyzed).groupings()).isEmpty();
    assertThat(analyzed.schema().fields().stream().map(f -> f.name()).toList())
        .containsExactly("sum(l_quantity)", "count(1)");
    assertError(() -> Analyzer.analyze(new ProjectRelation(lineitem(), List.of(col("l_tax"), sum(col("l_tax"))))),
        ErrorCode.INVALID_QUERY, "Column 'l_tax' in l_tax is neither grouped nor aggregated; add it to groupBy or use "
            + "it inside an aggregate (grouped by: [])");
  }

  @Test
  void testDistinctBecomesAnAggregateOverEveryColumn() {
    Relation t = table("t", "a", DataType.INT32, "b", DataType.UTF8);
    Relation analyzed = Analyzer.analyze(new DistinctRelation(t));
    List<Expression> columns = List.of(new BoundRef(0, "a", DataType.INT32), new BoundRef(1, "b", DataType.UTF8));
    assertThat(analyzed).isEqualTo(new AggregateRelation(t, columns, columns));
  }

  @Test
  void testUnionChecksColumnCountAndCastsToCommonTypes() {
    Relation ints = table("i", "x", DataType.INT32, "s", DataType.UTF8);
    Relation longs = table("l", "y", DataType.INT64, "t", DataType.UTF8);
    UnionRelation union = (UnionRelation) Analyzer.analyze(new UnionRelation(List.of(ints, longs)));
    assertThat(union.inputs().get(0)).isEqualTo(new ProjectRelation(ints, List.of(
        new dev.sluice.engine.expr.Cast(new BoundRef(0, "x", DataType.INT32), DataType.INT64),
        new BoundRef(1, "s", DataType.UTF8))));
    assertThat(union.inputs().get(1)).isSameAs(longs);
    assertThat(union.schema().fields().stream().map(f -> f.name() + ":" + f.type().displayName()).toList())
        .containsExactly("x:int64", "s:utf8");

    assertError(() -> Analyzer.analyze(new UnionRelation(List.of(ints, table("n", "x", DataType.INT32)))),
        ErrorCode.INVALID_QUERY, "union needs inputs with the same number of columns: input 1 has 2 [x, s], input 2 "
            + "has 1 [x]");
    assertError(() -> Analyzer.analyze(new UnionRelation(List.of(ints, table("n", "s", DataType.UTF8, "x",
        DataType.INT32)))), ErrorCode.TYPE_MISMATCH, "union column 1 ('x') is int32 in input 1 but utf8 in input 2 "
            + "('s'); cast one of them");
  }

  @Test
  void testDuplicateOutputNamesAndUnknownSortKeys() {
    assertError(() -> Analyzer.analyze(new ProjectRelation(lineitem(), List.of(col("l_tax"), col("L_TAX")))),
        ErrorCode.INVALID_QUERY, "Duplicate column name 'l_tax' in select [l_tax, l_tax]; rename one with as(...)");
    assertError(() -> Analyzer.analyze(new SortRelation(lineitem(), List.of(SortKey.ascending(col("l_taxx"))))),
        ErrorCode.COLUMN_NOT_FOUND, "Column 'l_taxx' not found in [l_orderkey, l_partkey, l_suppkey, l_linenumber, "
            + "l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate, "
            + "l_receiptdate, l_shipinstruct, l_shipmode, l_comment]; did you mean 'l_tax'?");
  }

  @Test
  void testAnalyzingAnAnalyzedTreeReturnsTheSameObjects() {
    Relation o = new AliasRelation(orders(), "o");
    Relation c = new AliasRelation(customer(), "c");
    Relation tree = new LimitRelation(new SortRelation(new AggregateRelation(
        new JoinRelation(c, new FilterRelation(o, gt(col("o_orderdate"), lit("1995-03-15"))), JoinType.INNER,
            eq(col("c.c_custkey"), col("o.o_custkey"))),
        List.of(col("o_orderkey")), List.of(col("o_orderkey"), as(sum(plus(col("o_totalprice"), lit(1))), "t"))),
        List.of(SortKey.descending(col("t")))), 10);
    Relation analyzed = Analyzer.analyze(tree);
    assertThat(analyzed.resolved()).isTrue();
    assertThat(Analyzer.analyze(analyzed)).isSameAs(analyzed);
    Relation union = Analyzer.analyze(new UnionRelation(List.of(table("i", "x", DataType.INT32),
        table("l", "y", DataType.INT64))));
    assertThat(Analyzer.analyze(union)).isSameAs(union);
    // a new node over analyzed children keeps the children as they are
    FilterRelation above = (FilterRelation) Analyzer.analyze(new FilterRelation(analyzed, gt(col("t"), lit(0))));
    assertThat(above.child()).isSameAs(analyzed);
  }
}
