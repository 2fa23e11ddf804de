package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.optimizer.rules.RuleAssert.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPruneColumns {
  private static final Rule RULE = new PruneColumns();
  private static final Relation T = table("t", "a", DataType.INT32, "b", DataType.INT64, "s", DataType.UTF8,
      "m", DataType.decimal(15, 2));
  private static final Relation U = table("u", "k", DataType.INT64, "v", DataType.UTF8, "w", DataType.INT32);

  private static ScanRelation filtered(Relation scan, String filterColumn) {
    ScanRelation plain = (ScanRelation) scan;
    return (ScanRelation) Analyzer.analyze(new ScanRelation(plain.source(), plain.columns(),
        gt(col(filterColumn), lit(0))));
  }

  @Test
  void testScanReadsOnlyColumnsUsedAboveAndByItsFilter() {
    Relation aggregate = new AggregateRelation(filtered(T, "a"), List.of(col("s")), List.of(col("s"),
        as(sum(col("m")), "total")));
    assertRule(RULE, new SortRelation(aggregate, List.of(SortKey.ascending(col("s"))))).rewritesTo("""
        Sort [s ASC NULLS FIRST]
          +- Aggregate group by [s] output [s, sum(m) AS total]
            +- Scan parquet 2 file(s) [a, s, m] filter (a > 0)
        """);
  }

  @Test
  void testUnusedProjectionsAndAggregateOutputsGoAndCountStarReadsTheNarrowestColumn() {
    Relation project = new ProjectRelation(new ProjectRelation(T, List.of(col("s"), as(col("b"), "bb"), col("a"))),
        List.of(col("a")));
    assertRule(RULE, project).rewritesTo("Scan parquet 2 file(s) [a]\n");
    assertRule(RULE, new AggregateRelation(U, List.of(), List.of(AggregateCall.countStar()))).rewritesTo("""
        Aggregate group by [] output [count(1)]
          +- Scan parquet 2 file(s) [w]
        """);
  }

  @Test
  void testJoinInputsAreNarrowedToWhatTheJoinAndItsParentsUse() {
    Relation join = new JoinRelation(filtered(T, "a"), filtered(U, "w"), JoinType.INNER, eq(col("b"), col("k")));
    Relation after = assertRule(RULE, new ProjectRelation(join, List.of(col("s"), col("v")))).rewritesTo("""
        Project [s, v]
          +- Join inner on (b = k)
            +- Project [b, s]
              +- Scan parquet 2 file(s) [a, b, s] filter (a > 0)
            +- Project [k, v]
              +- Scan parquet 2 file(s) [k, v, w] filter (w > 0)
        """);
    assertThat(RULE.apply(after)).isSameAs(after);
  }

  @Test
  void testUnionInputsKeepTheSameColumns() {
    Relation union = new UnionRelation(List.of(filtered(T, "a"), table("x", "a2", DataType.INT32, "b2",
        DataType.INT64, "s2", DataType.UTF8, "m2", DataType.decimal(15, 2))));
    assertRule(RULE, new ProjectRelation(union, List.of(col("b")))).rewritesTo("""
        Union 2 inputs
          +- Project [b]
            +- Scan parquet 2 file(s) [a, b] filter (a > 0)
          +- Scan parquet 2 file(s) [b2]
        """);
  }

  @Test
  void testNothingToPruneWhenEveryColumnIsUsed() {
    assertRule(RULE, new FilterRelation(T, gt(col("a"), lit(1)))).doesNotFire();
    assertRule(RULE, new JoinRelation(T, U, JoinType.INNER, eq(col("b"), col("k")))).doesNotFire();
  }
}
