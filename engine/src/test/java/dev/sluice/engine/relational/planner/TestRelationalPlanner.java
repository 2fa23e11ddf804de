package dev.sluice.engine.relational.planner;

import static dev.sluice.engine.relational.RelationFixtures.and;
import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.avg;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.count;
import static dev.sluice.engine.relational.RelationFixtures.countDistinct;
import static dev.sluice.engine.relational.RelationFixtures.customer;
import static dev.sluice.engine.relational.RelationFixtures.decimal;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.ge;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.le;
import static dev.sluice.engine.relational.RelationFixtures.lineitem;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.lt;
import static dev.sluice.engine.relational.RelationFixtures.minus;
import static dev.sluice.engine.relational.RelationFixtures.orders;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.schema;
import static dev.sluice.engine.relational.RelationFixtures.source;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.RelationFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanPrinter;
import dev.sluice.engine.plan.physical.BuildSide;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.RelationPrinter;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical plan shapes of TPC-H-like queries, built by hand from file sources. */
class TestRelationalPlanner {
  private static final long MIB = 1 << 20;
  private static final PlannerSettings SETTINGS = new PlannerSettings(8, 10 * MIB, 128 * MIB);

  private static PhysicalPlan plan(Relation unresolved, PlannerSettings settings) {
    return RelationalPlanner.plan(Optimizer.optimize(Analyzer.analyze(unresolved)), settings);
  }

  private static String print(PhysicalPlan plan) {
    return PlanPrinter.print(plan);
  }

  private static <T> List<T> find(PhysicalPlan plan, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(plan, type, found);
    return found;
  }

  private static <T> void collect(PhysicalPlan plan, Class<T> type, List<T> found) {
    if (type.isInstance(plan)) {
      found.add(type.cast(plan));
    }
    for (PhysicalPlan child : plan.children()) {
      collect(child, type, found);
    }
  }

  private static Relation q1() {
    Relation filtered = new FilterRelation(lineitem(), le(col("l_shipdate"), lit("1998-09-02")));
    Relation aggregate = new AggregateRelation(filtered, List.of(col("l_returnflag"), col("l_linestatus")), List.of(
        col("l_returnflag"), col("l_linestatus"), as(sum(col("l_quantity")), "sum_qty"),
        as(sum(times(col("l_extendedprice"), minus(lit(1), col("l_discount")))), "sum_disc_price"),
        as(sum(times(times(col("l_extendedprice"), minus(lit(1), col("l_discount"))), plus(lit(1), col("l_tax")))),
            "sum_charge"),
        as(avg(col("l_quantity")), "avg_qty"), as(AggregateCall.countStar(), "count_order")));
    return new SortRelation(aggregate, List.of(SortKey.ascending(col("l_returnflag")),
        SortKey.ascending(col("l_linestatus"))));
  }

  @Test
  void testQ1ScanFilterTwoPhaseAggregateAndRangeSort() {
    PhysicalPlan plan = plan(q1(), SETTINGS);
    assertThat(print(plan)).isEqualTo("""
        Sort [l_returnflag ASC NULLS FIRST, l_linestatus ASC NULLS FIRST] #1  partitions=8
          +- Exchange[range(l_returnflag ASC NULLS FIRST, l_linestatus ASC NULLS FIRST, 8, bounds to sample)] #1  \
        partitions=8
            +- Aggregate(final) keys [_g0, _g1] [sum(l_quantity), sum((l_extendedprice * (1BD - l_discount))), \
        sum(((l_extendedprice * (1BD - l_discount)) * (1BD + l_tax))), avg(l_quantity), count(1)] #2  partitions=8
              +- Exchange[hash(_g0, _g1, 8)] #2  partitions=8
                +- Aggregate(partial) keys [l_returnflag, l_linestatus] [sum(l_quantity), \
        sum((l_extendedprice * (1BD - l_discount))), sum(((l_extendedprice * (1BD - l_discount)) * (1BD + l_tax))), \
        avg(l_quantity), count(1)] #2  partitions=4
                  +- FileScan parquet [l_quantity: decimal(15,2), l_extendedprice: decimal(15,2), \
        l_discount: decimal(15,2), l_tax: decimal(15,2), l_returnflag: utf8, l_linestatus: utf8, l_shipdate: date32] \
        filter (l_shipdate <= DATE '1998-09-02'), 4 split(s) #3  partitions=4
        """);
    ColumnarAggregateExec last = find(plan, ColumnarAggregateExec.class).get(0);
    assertThat(last.schema().fields().stream().map(f -> f.name() + ":" + f.type().displayName()).toList())
        .containsExactly("l_returnflag:utf8", "l_linestatus:utf8", "sum_qty:decimal(25,2)",
            "sum_disc_price:decimal(38,4)", "sum_charge:decimal(38,6)", "avg_qty:decimal(19,6)", "count_order:int64");
  }

  private static Relation q6() {
    Relation filtered = new FilterRelation(lineitem(), and(and(and(ge(col("l_shipdate"), lit("1994-01-01")),
        lt(col("l_shipdate"), lit("1995-01-01"))), and(ge(col("l_discount"), decimal("0.05")),
            le(col("l_discount"), decimal("0.07")))), lt(col("l_quantity"), lit(24))));
    return new ProjectRelation(filtered, List.of(as(sum(times(col("l_extendedprice"), col("l_discount"))),
        "revenue")));
  }

  @Test
  void testQ6FilterIntoScanAndGlobalAggregateThroughOnePartition() {
    PhysicalPlan plan = plan(q6(), SETTINGS);
    assertThat(print(plan)).isEqualTo("""
        Aggregate(final) keys [] [sum((l_extendedprice * l_discount))] #1  partitions=1
          +- Exchange[single] #1  partitions=1
            +- Aggregate(partial) keys [] [sum((l_extendedprice * l_discount))] #1  partitions=4
              +- FileScan parquet [l_quantity: decimal(15,2), l_extendedprice: decimal(15,2), \
        l_discount: decimal(15,2), l_shipdate: date32] filter ((((l_shipdate >= DATE '1994-01-01') AND \
        (l_shipdate < DATE '1995-01-01')) AND ((l_discount >= 0.05BD) AND (l_discount <= 0.07BD))) AND \
        (l_quantity < 24BD)), 4 split(s) #2  partitions=4
        """);
    assertThat(((ColumnarAggregateExec) plan).schema().fields().get(0).name()).isEqualTo("revenue");
  }

  private static Relation q3() {
    Relation c = new FilterRelation(customer(), eq(col("c_mktsegment"), lit("BUILDING")));
    Relation o = new FilterRelation(orders(), lt(col("o_orderdate"), lit("1995-03-15")));
    Relation l = new FilterRelation(lineitem(), gt(col("l_shipdate"), lit("1995-03-15")));
    Relation co = new JoinRelation(c, o, JoinType.INNER, eq(col("c_custkey"), col("o_custkey")));
    Relation col = new JoinRelation(co, l, JoinType.INNER, eq(col("l_orderkey"), col("o_orderkey")));
    Relation aggregate = new AggregateRelation(col, List.of(col("l_orderkey"), col("o_orderdate"),
        col("o_shippriority")), List.of(col("l_orderkey"),
            as(sum(times(col("l_extendedprice"), minus(lit(1), col("l_discount")))), "revenue"), col("o_orderdate"),
            col("o_shippriority")));
    return new LimitRelation(new SortRelation(aggregate, List.of(SortKey.descending(col("revenue")),
        SortKey.ascending(col("o_orderdate")))), 10);
  }

  @Test
  void testQ3BroadcastsTheSmallSidesBelowTheThreshold() {
    PhysicalPlan plan = plan(q3(), SETTINGS);
    assertThat(print(plan)).isEqualTo("""
        TopN 10 [revenue DESC NULLS LAST, o_orderdate ASC NULLS FIRST] #1  partitions=1
          +- Exchange[single] #1  partitions=1
            +- TopN 10 [revenue DESC NULLS LAST, o_orderdate ASC NULLS FIRST] #1  partitions=8
              +- FilterProject [_g0 AS l_orderkey, _a0 AS revenue, _g1 AS o_orderdate, _g2 AS o_shippriority] #2  \
        partitions=8
                +- Aggregate(final) keys [_g0, _g1, _g2] [sum((l_extendedprice * (1BD - l_discount)))] #2  partitions=8
                  +- Exchange[hash(_g0, _g1, _g2, 8)] #2  partitions=8
                    +- Aggregate(partial) keys [l_orderkey, o_orderdate, o_shippriority] \
        [sum((l_extendedprice * (1BD - l_discount)))] #2  partitions=4
                      +- BroadcastHashJoin inner [o_orderkey] = [l_orderkey], build left #3  partitions=4
                        +- Exchange[broadcast(4)] #3  partitions=4
                          +- FilterProject [o_orderkey, o_orderdate, o_shippriority] #4  partitions=4
                            +- BroadcastHashJoin inner [c_custkey] = [o_custkey], build left #5  partitions=4
                              +- Exchange[broadcast(4)] #5  partitions=4
                                +- FilterProject [c_custkey] #6  partitions=4
                                  +- FileScan parquet [c_custkey: int64, c_mktsegment: utf8] filter \
        (c_mktsegment = 'BUILDING'), 4 split(s) #7  partitions=4
                              +- FileScan parquet [o_orderkey: int64, o_custkey: int64, o_orderdate: date32, \
        o_shippriority: int32] filter (o_orderdate < DATE '1995-03-15'), 4 split(s) #8  partitions=4
                        +- FilterProject [l_orderkey, l_extendedprice, l_discount] #9  partitions=4
                          +- FileScan parquet [l_orderkey: int64, l_extendedprice: decimal(15,2), \
        l_discount: decimal(15,2), l_shipdate: date32] filter (l_shipdate > DATE '1995-03-15'), 4 split(s) #10  \
        partitions=4
        """);
  }

  @Test
  void testQ3ShufflesBothSidesWhenBroadcastIsDisabledAndBuildsTheSmallerSide() {
    PhysicalPlan plan = plan(q3(), new PlannerSettings(8, -1, 128 * MIB));
    List<HashJoinExec> joins = find(plan, HashJoinExec.class);
    assertThat(joins).hasSize(2);
    for (HashJoinExec join : joins) {
      assertThat(join.broadcast()).isFalse();
      assertThat(join.buildSide()).isEqualTo(BuildSide.LEFT);
      for (PhysicalPlan side : join.children()) {
        assertThat(side).isInstanceOf(ExchangeExec.class);
        assertThat(((ExchangeExec) side).partitioning()).isInstanceOf(Partitioning.HashColumns.class);
        assertThat(side.partitionCount()).isEqualTo(8);
      }
    }
    assertThat(print(joins.get(0))).startsWith("""
        ShuffledHashJoin inner [o_orderkey] = [l_orderkey], build left #3  partitions=8
          +- Exchange[hash(o_orderkey, 8)] #3  partitions=8
        """);
    // a threshold between the two join inputs' sizes broadcasts only the customer side
    PhysicalPlan mixed = plan(q3(), new PlannerSettings(8, 2 * MIB, 128 * MIB));
    List<HashJoinExec> mixedJoins = find(mixed, HashJoinExec.class);
    assertThat(mixedJoins.get(0).broadcast()).isFalse();
    assertThat(mixedJoins.get(1).broadcast()).isTrue();
    assertThat(mixedJoins.get(1).partitionCount()).isEqualTo(4);
  }

  @Test
  void testBroadcastSideFollowsTheJoinType() {
    Relation big = ScanRelation.of(source("big", schema("k", DataType.INT64, "v", DataType.UTF8),
        FileFormat.PARQUET, 4, 100 * MIB));
    Relation small = table("small", "k2", DataType.INT64, "w", DataType.UTF8);
    PlannerSettings settings = new PlannerSettings(4, 1 * MIB, 128 * MIB);
    for (JoinType type : JoinType.values()) {
      HashJoinExec smallLeft = find(plan(new JoinRelation(small, big, type, eq(col("k2"), col("k"))), settings),
          HashJoinExec.class).get(0);
      HashJoinExec smallRight = find(plan(new JoinRelation(big, small, type, eq(col("k"), col("k2"))), settings),
          HashJoinExec.class).get(0);
      boolean leftBroadcastable = type == JoinType.INNER || type == JoinType.RIGHT_OUTER;
      boolean rightBroadcastable = type != JoinType.RIGHT_OUTER && type != JoinType.FULL_OUTER;
      assertThat(smallLeft.broadcast()).as(type + " small left").isEqualTo(leftBroadcastable);
      assertThat(smallLeft.buildSide()).as(type + " small left").isEqualTo(BuildSide.LEFT);
      assertThat(smallRight.broadcast()).as(type + " small right").isEqualTo(rightBroadcastable);
      assertThat(smallRight.buildSide()).as(type + " small right").isEqualTo(BuildSide.RIGHT);
      PhysicalPlan stream = smallLeft.broadcast() ? smallLeft.right() : null;
      if (stream != null) {
        assertThat(stream).isNotInstanceOf(ExchangeExec.class);
        assertThat(((ExchangeExec) smallLeft.left()).partitioning()).isEqualTo(new Partitioning.Broadcast(4));
      }
    }
  }

  @Test
  void testJoinWithoutEqualityUsesAConstantKeyAndKeysOfDifferentDecimalScalesMeet() {
    Relation a = table("a", "x", DataType.decimal(15, 2));
    Relation b = table("b", "y", DataType.decimal(12, 4));
    PlannerSettings noBroadcast = new PlannerSettings(8, -1, 128 * MIB);
    assertThat(print(plan(new JoinRelation(a, b, JoinType.LEFT_OUTER, lt(col("x"), col("y"))), noBroadcast)))
        .isEqualTo("""
            ShuffledHashJoin left [0] = [0] and (x < y), build right #1  partitions=1
              +- Exchange[single] #1  partitions=1
                +- FileScan parquet [x: decimal(15,2)], 2 split(s) #2  partitions=2
              +- Exchange[single] #1  partitions=1
                +- FileScan parquet [y: decimal(12,4)], 2 split(s) #3  partitions=2
            """);
    HashJoinExec cross = find(plan(new JoinRelation(a, b, JoinType.INNER, lit(true)), SETTINGS),
        HashJoinExec.class).get(0);
    assertThat(cross.broadcast()).isTrue();
    assertThat(cross.residual()).isNull();
    assertThat(cross.leftKeys()).containsExactly(JoinKeys.CONSTANT_KEY);
    HashJoinExec join = find(plan(new JoinRelation(a, b, JoinType.INNER, eq(col("x"), col("y"))), SETTINGS),
        HashJoinExec.class).get(0);
    assertThat(join.leftKeys().get(0).dataType()).isEqualTo(DataType.decimal(17, 4));
    assertThat(join.rightKeys().get(0).dataType()).isEqualTo(DataType.decimal(17, 4));
  }

  @Test
  void testDistinctAggregateIsPlannedAsTwoGroupings() {
    Relation query = new AggregateRelation(lineitem(), List.of(col("l_returnflag")), List.of(col("l_returnflag"),
        as(countDistinct(col("l_orderkey")), "orders"), as(sum(col("l_quantity")), "qty"),
        as(avg(col("l_quantity")), "avg_qty"), count(col("l_tax"))));
    Relation analyzed = Analyzer.analyze(query);
    Relation rewritten = DistinctAggregates.rewrite((AggregateRelation) analyzed);
    assertThat(RelationPrinter.print(rewritten)).isEqualTo("""
        Aggregate group by [_g0] output [_g0 AS l_returnflag, count(_d) AS orders, CAST(sum(_p1) AS decimal(25,2)) \
        AS qty, CAST((sum(_p2_sum) / CAST(sum(_p2_count) AS decimal(20,0))) AS decimal(19,6)) AS avg_qty, \
        CASE WHEN (sum(_p3) IS NULL) THEN 0L ELSE sum(_p3) END AS count(l_tax)]
          +- Aggregate group by [l_returnflag, l_orderkey] output [l_returnflag AS _g0, l_orderkey AS _d, \
        sum(l_quantity) AS _p1, sum(l_quantity) AS _p2_sum, count(l_quantity) AS _p2_count, count(l_tax) AS _p3]
            +- Scan parquet 4 file(s) [l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice, \
        l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate, l_receiptdate, l_shipinstruct, \
        l_shipmode, l_comment]
        """);
    assertThat(rewritten.schema()).isEqualTo(analyzed.schema());
    PhysicalPlan plan = plan(query, SETTINGS);
    List<ColumnarAggregateExec> aggregates = find(plan, ColumnarAggregateExec.class);
    assertThat(aggregates).hasSize(4);
    assertThat(aggregates.get(3).groupings()).hasSize(2);
    assertThat(aggregates.get(0).aggregates()).noneMatch(AggregateCall::distinct);
  }

  @Test
  void testDistinctAggregatesOfDifferentInputsAreRefused() {
    Relation query = new AggregateRelation(lineitem(), List.of(), List.of(countDistinct(col("l_orderkey")),
        countDistinct(col("l_partkey"))));
    assertThatThrownBy(() -> plan(query, SETTINGS)).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
      assertThat(e.getMessage()).isEqualTo("Only one distinct input per aggregation is supported, got "
          + "[count(DISTINCT l_orderkey), count(DISTINCT l_partkey)]; compute them in separate aggregations and join "
          + "the results");
    });
  }

  @Test
  void testLimitUnionAndFilterProjectChains() {
    Relation t = table("t", "a", DataType.INT32, "b", DataType.INT64);
    Relation w = table("w", "x", DataType.INT32, "y", DataType.INT64);
    Relation query = new LimitRelation(new UnionRelation(List.of(new ProjectRelation(new FilterRelation(
        new ProjectRelation(t, List.of(as(plus(col("a"), lit(1)), "a1"), col("b"))), gt(col("a1"), col("b"))),
        List.of(col("a1"), as(times(col("a1"), lit(2)), "twice"))), new ProjectRelation(w, List.of(col("x"),
            as(col("x"), "x2"))))), 5);
    assertThat(print(plan(query, SETTINGS))).isEqualTo("""
        LocalLimit[5] #1  partitions=1
          +- Coalesce[2 -> 1 partitions] #1  partitions=1
            +- LocalLimit[5] #1  partitions=2
              +- Union[2 inputs, 2 partitions] #2  partitions=2
                +- FilterProject [(a + 1) AS a1, ((a + 1) * 2) AS twice] #3  partitions=1
                  +- LocalLimit[5] #4  partitions=1
                    +- Coalesce[2 -> 1 partitions] #4  partitions=1
                      +- LocalLimit[5] #4  partitions=2
                        +- FileScan parquet [a: int32, b: int64] filter (CAST((a + 1) AS int64) > b), 2 split(s) #5  \
        partitions=2
                +- FilterProject [x, x AS x2] #6  partitions=1
                  +- LocalLimit[5] #7  partitions=1
                    +- Coalesce[2 -> 1 partitions] #7  partitions=1
                      +- LocalLimit[5] #7  partitions=2
                        +- FileScan parquet [x: int32], 2 split(s) #8  partitions=2
        """);
  }

  @Test
  void testSingleInputPartitionSortsAndAggregatesWithoutExchanges() {
    Relation local = new dev.sluice.engine.relational.LocalRelation(
        dev.sluice.engine.relational.RelationFixtures.schema("k", DataType.INT32, "v", DataType.INT64),
        List.of(new byte[0]));
    Relation query = new SortRelation(new dev.sluice.engine.relational.DistinctRelation(local),
        List.of(SortKey.ascending(col("v"))));
    assertThat(print(plan(query, SETTINGS))).isEqualTo("""
        Sort [v ASC NULLS FIRST] #1  partitions=1
          +- Aggregate(complete) keys [k, v] [] #2  partitions=1
            +- ValuesScan[1 partitions] #3  partitions=1
        """);
  }

  @Test
  void testTypedDatasetIsPlannedByTheTypedPlanner() {
    dev.sluice.engine.plan.RangeNode range = new dev.sluice.engine.plan.RangeNode(
        new dev.sluice.engine.plan.PlanNodeId(41), new dev.sluice.engine.plan.Origin("range", "test"), 0, 10, 1, 3);
    Relation dataset = new dev.sluice.engine.relational.DatasetRelation(range,
        dev.sluice.engine.relational.RelationFixtures.schema("value", DataType.INT64));
    PhysicalPlan plan = plan(new FilterRelation(dataset, gt(col("value"), lit(4L))), SETTINGS);
    assertThat(print(plan)).isEqualTo("""
        FilterProject where (value > 4L) [value] #1  partitions=3
          +- RangeScan[3 partitions] #41  partitions=3
        """);
  }
}
