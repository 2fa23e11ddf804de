package dev.sluice.engine.relational.optimizer;

import static dev.sluice.engine.relational.RelationFixtures.and;
import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.customer;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lineitem;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.lt;
import static dev.sluice.engine.relational.RelationFixtures.minus;
import static dev.sluice.engine.relational.RelationFixtures.orders;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.RelationPrinter;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.relational.planner.PlannerSettings;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule batches together on a Q3-shaped query written the way a DataFrame user would. */
class TestOptimizer {
  private static Relation q3WithAliasesAndOneFilterOnTop() {
    Relation c = new AliasRelation(customer(), "c");
    Relation o = new AliasRelation(orders(), "o");
    Relation l = new AliasRelation(lineitem(), "l");
    Relation joined = new JoinRelation(new JoinRelation(c, o, JoinType.INNER, eq(col("c.c_custkey"),
        col("o.o_custkey"))), l, JoinType.INNER, eq(col("l.l_orderkey"), col("o.o_orderkey")));
    Relation filtered = new FilterRelation(joined, and(and(eq(col("c.c_mktsegment"), lit("BUILDING")),
        lt(col("o.o_orderdate"), lit("1995-03-15"))), gt(col("l.l_shipdate"), lit("1995-03-15"))));
    Relation aggregate = new AggregateRelation(filtered, List.of(col("l_orderkey"), col("o_orderdate"),
        col("o_shippriority")), List.of(col("l_orderkey"), col("o_orderdate"), col("o_shippriority"),
            as(sum(times(col("l_extendedprice"), minus(lit(1), col("l_discount")))), "revenue")));
    Relation sorted = new SortRelation(aggregate, List.of(SortKey.descending(col("revenue")),
        SortKey.ascending(col("o_orderdate"))));
    return new LimitRelation(new ProjectRelation(sorted, List.of(col("l_orderkey"), col("revenue"),
        col("o_orderdate"), col("o_shippriority"))), 10);
  }

  @Test
  void testFiltersReachTheScansColumnsArePrunedAndLimitOverSortIsTopN() {
    Relation analyzed = Analyzer.analyze(q3WithAliasesAndOneFilterOnTop());
    Relation optimized = Optimizer.optimize(analyzed);
    assertThat(RelationPrinter.print(optimized)).isEqualTo("""
        Project [l_orderkey, revenue, o_orderdate, o_shippriority]
          +- TopN 10 [revenue DESC NULLS LAST, o_orderdate ASC NULLS FIRST]
            +- Aggregate group by [l_orderkey, o_orderdate, o_shippriority] output [l_orderkey, o_orderdate, \
        o_shippriority, sum((l_extendedprice * (1BD - l_discount))) AS revenue]
              +- Join inner on (l_orderkey = o_orderkey)
                +- Project [o_orderkey, o_orderdate, o_shippriority]
                  +- Join inner on (c_custkey = o_custkey)
                    +- Project [c_custkey]
                      +- Scan parquet 4 file(s) [c_custkey, c_mktsegment] filter (c_mktsegment = 'BUILDING')
                    +- Scan parquet 4 file(s) [o_orderkey, o_custkey, o_orderdate, o_shippriority] filter \
        (o_orderdate < DATE '1995-03-15')
                +- Project [l_orderkey, l_extendedprice, l_discount]
                  +- Scan parquet 4 file(s) [l_orderkey, l_extendedprice, l_discount, l_shipdate] filter \
        (l_shipdate > DATE '1995-03-15')
        """);
    assertThat(optimized.schema()).isEqualTo(analyzed.schema());
    assertThat(Optimizer.optimize(optimized)).isEqualTo(optimized);
  }

  @Test
  void testExplainPrintsEverySection() {
    Relation parsed = q3WithAliasesAndOneFilterOnTop();
    Relation analyzed = Analyzer.analyze(parsed);
    Relation optimized = Optimizer.optimize(analyzed);
    String explain = RelationPrinter.explain(parsed, analyzed, optimized,
        RelationalPlanner.plan(optimized, new PlannerSettings(4, 10 << 20, 128 << 20)));
    assertThat(explain).startsWith("== Parsed Logical Plan ==\nLimit 10\n  +- Project [l_orderkey, revenue, "
        + "o_orderdate, o_shippriority]\n");
    assertThat(explain).contains("\n\n== Analyzed Logical Plan ==\n", "      +- Alias c\n",
        "\n\n== Optimized Logical Plan ==\nProject", "\n\n== Physical Plan ==\nFilterProject [");
    assertThat(RelationPrinter.explain(null, null, optimized, null)).startsWith("== Optimized Logical Plan ==\n");
  }
}
