package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.RelationFixtures.and;
import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.lt;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.optimizer.rules.RuleAssert.assertRule;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPushDownFilters {
  private static final Rule RULE = new PushDownFilters();
  private static final Relation T = table("t", "a", DataType.INT32, "b", DataType.INT64, "s", DataType.UTF8);
  private static final Relation U = table("u", "k", DataType.INT64, "v", DataType.UTF8);

  private static Relation join(JoinType type) {
    return new JoinRelation(T, U, type, eq(col("b"), col("k")));
  }

  @Test
  void testFilterMovesIntoTheScan() {
    assertRule(RULE, new FilterRelation(T, gt(col("a"), lit(1)))).rewritesTo(
        "Scan parquet 2 file(s) [a, b, s] filter (a > 1)\n");
  }

  @Test
  void testFilterMovesThroughProjectionSubstitutingItsExpressions() {
    Relation project = new ProjectRelation(T, List.of(as(plus(col("a"), lit(1)), "a1"), col("s")));
    assertRule(RULE, new FilterRelation(project, and(gt(col("a1"), lit(5)), eq(col("s"), lit("x"))))).rewritesTo("""
        Project [(a + 1) AS a1, s]
          +- Scan parquet 2 file(s) [a, b, s] filter (((a + 1) > 5) AND (s = 'x'))
        """);
  }

  @Test
  void testFilterMovesThroughSortAndIntoEveryUnionInput() {
    Relation union = new UnionRelation(List.of(T, table("w", "x", DataType.INT32, "y", DataType.INT64, "z",
        DataType.UTF8)));
    assertRule(RULE, new FilterRelation(new SortRelation(union, List.of(SortKey.ascending(col("a")))),
        gt(col("b"), lit(3L)))).rewritesTo("""
        Sort [a ASC NULLS FIRST]
          +- Union 2 inputs
            +- Scan parquet 2 file(s) [a, b, s] filter (b > 3L)
            +- Scan parquet 2 file(s) [x, y, z] filter (y > 3L)
        """);
  }

  @Test
  void testOnlyConjunctsOnGroupingColumnsMoveBelowAnAggregate() {
    Relation aggregate = new AggregateRelation(T, List.of(col("s")), List.of(col("s"), as(sum(col("b")), "total")));
    assertRule(RULE, new FilterRelation(aggregate, and(eq(col("s"), lit("x")), gt(col("total"), lit(10L)))))
        .rewritesTo("""
            Filter (total > 10L)
              +- Aggregate group by [s] output [s, sum(b) AS total]
                +- Scan parquet 2 file(s) [a, b, s] filter (s = 'x')
            """);
    // a global aggregate yields one row even when the filter would remove every input row
    assertRule(RULE, new FilterRelation(new AggregateRelation(T, List.of(), List.of(as(sum(col("b")), "total"),
        as(lit(1), "one"))), eq(col("one"), lit(1)))).doesNotFire();
    assertRule(RULE, new FilterRelation(aggregate, gt(col("total"), lit(10L)))).doesNotFire();
  }

  @Test
  void testInnerJoinTakesConjunctsOfEitherSideAndBothSidedOnesIntoItsCondition() {
    assertRule(RULE, new FilterRelation(join(JoinType.INNER), and(and(gt(col("a"), lit(1)), eq(col("v"), lit("x"))),
        lt(col("a"), col("k"))))).rewritesTo("""
            Join inner on ((b = k) AND (CAST(a AS int64) < k))
              +- Scan parquet 2 file(s) [a, b, s] filter (a > 1)
              +- Scan parquet 2 file(s) [k, v] filter (v = 'x')
            """);
  }

  @Test
  void testOuterJoinsKeepConjunctsOnTheirNullableSide() {
    assertRule(RULE, new FilterRelation(join(JoinType.LEFT_OUTER), and(gt(col("a"), lit(1)),
        eq(col("v"), lit("x"))))).rewritesTo("""
            Filter (v = 'x')
              +- Join left on (b = k)
                +- Scan parquet 2 file(s) [a, b, s] filter (a > 1)
                +- Scan parquet 2 file(s) [k, v]
            """);
    assertRule(RULE, new FilterRelation(join(JoinType.RIGHT_OUTER), and(gt(col("a"), lit(1)),
        eq(col("v"), lit("x"))))).rewritesTo("""
            Filter (a > 1)
              +- Join right on (b = k)
                +- Scan parquet 2 file(s) [a, b, s]
                +- Scan parquet 2 file(s) [k, v] filter (v = 'x')
            """);
    assertRule(RULE, new FilterRelation(join(JoinType.LEFT_OUTER), eq(col("v"), lit("x")))).doesNotFire();
    assertRule(RULE, new FilterRelation(join(JoinType.FULL_OUTER), and(gt(col("a"), lit(1)),
        eq(col("v"), lit("x"))))).doesNotFire();
    assertRule(RULE, new FilterRelation(new JoinRelation(T, U, JoinType.LEFT_SEMI, eq(col("b"), col("k"))),
        gt(col("a"), lit(1)))).rewritesTo("""
            Join left_semi on (b = k)
              +- Scan parquet 2 file(s) [a, b, s] filter (a > 1)
              +- Scan parquet 2 file(s) [k, v]
            """);
  }

  @Test
  void testOneSidedJoinConditionConjunctsGoDownWhereEquivalent() {
    Relation inner = new JoinRelation(T, U, JoinType.INNER, and(eq(col("b"), col("k")),
        and(gt(col("a"), lit(1)), eq(col("v"), lit("x")))));
    assertRule(RULE, inner).rewritesTo("""
        Join inner on (b = k)
          +- Scan parquet 2 file(s) [a, b, s] filter (a > 1)
          +- Scan parquet 2 file(s) [k, v] filter (v = 'x')
        """);
    Relation left = new JoinRelation(T, U, JoinType.LEFT_OUTER, and(eq(col("b"), col("k")),
        and(gt(col("a"), lit(1)), eq(col("v"), lit("x")))));
    assertRule(RULE, left).rewritesTo("""
        Join left on ((b = k) AND (a > 1))
          +- Scan parquet 2 file(s) [a, b, s]
          +- Scan parquet 2 file(s) [k, v] filter (v = 'x')
        """);
    assertRule(RULE, new JoinRelation(T, U, JoinType.LEFT_ANTI, and(eq(col("b"), col("k")), gt(col("a"), lit(1)))))
        .doesNotFire();
    assertRule(RULE, new JoinRelation(T, U, JoinType.FULL_OUTER, and(eq(col("b"), col("k")), gt(col("a"), lit(1)))))
        .doesNotFire();
  }

  @Test
  void testFilterDoesNotMoveBelowLimitOrTopN() {
    assertRule(RULE, new FilterRelation(new LimitRelation(T, 5), gt(col("a"), lit(1)))).doesNotFire();
    assertRule(RULE, new FilterRelation(new TopNRelation(T, List.of(SortKey.ascending(col("b"))), 5),
        gt(col("a"), lit(1)))).doesNotFire();
  }
}
