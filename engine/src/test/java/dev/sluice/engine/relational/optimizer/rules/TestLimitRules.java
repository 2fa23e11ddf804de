package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.optimizer.rules.RuleAssert.assertRule;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PushDownLimit and TopN: fires and does not fire. */
class TestLimitRules {
  private static final Relation T = table("t", "a", DataType.INT32, "b", DataType.INT64);
  private static final Relation W = table("w", "x", DataType.INT32, "y", DataType.INT64);

  @Test
  void testLimitMovesBelowProjectionAndMergesWithLimitsBelow() {
    assertRule(new PushDownLimit(), new LimitRelation(new ProjectRelation(new LimitRelation(T, 3),
        List.of(as(plus(col("a"), lit(1)), "a1"))), 10)).rewritesTo("""
            Project [(a + 1) AS a1]
              +- Limit 3
                +- Scan parquet 2 file(s) [a, b]
            """);
    assertRule(new PushDownLimit(), new LimitRelation(new TopNRelation(T, List.of(SortKey.ascending(col("a"))), 50),
        7)).rewritesTo("""
            TopN 7 [a ASC NULLS FIRST]
              +- Scan parquet 2 file(s) [a, b]
            """);
  }

  @Test
  void testLimitIsCopiedIntoUnionInputsOnce() {
    Relation after = assertRule(new PushDownLimit(), new LimitRelation(new UnionRelation(List.of(T, W)), 5))
        .rewritesTo("""
            Limit 5
              +- Union 2 inputs
                +- Limit 5
                  +- Scan parquet 2 file(s) [a, b]
                +- Limit 5
                  +- Scan parquet 2 file(s) [x, y]
            """);
    org.assertj.core.api.Assertions.assertThat(new PushDownLimit().apply(after)).isSameAs(after);
  }

  @Test
  void testLimitStaysAboveFiltersAndSorts() {
    assertRule(new PushDownLimit(), new LimitRelation(new FilterRelation(T, gt(col("a"), lit(1))), 5)).doesNotFire();
    assertRule(new PushDownLimit(), new LimitRelation(new SortRelation(T, List.of(SortKey.ascending(col("a")))), 5))
        .doesNotFire();
  }

  @Test
  void testLimitOverSortBecomesTopNAlsoThroughAProjection() {
    assertRule(new TopN(), new LimitRelation(new SortRelation(T, List.of(SortKey.descending(col("b")))), 10))
        .rewritesTo("""
            TopN 10 [b DESC NULLS LAST]
              +- Scan parquet 2 file(s) [a, b]
            """);
    assertRule(new TopN(), new LimitRelation(new ProjectRelation(new SortRelation(T,
        List.of(SortKey.descending(col("b")))), List.of(col("a"))), 10)).rewritesTo("""
            Project [a]
              +- TopN 10 [b DESC NULLS LAST]
                +- Scan parquet 2 file(s) [a, b]
            """);
    assertRule(new TopN(), new LimitRelation(new FilterRelation(new SortRelation(T,
        List.of(SortKey.descending(col("b")))), gt(col("a"), lit(1))), 10)).doesNotFire();
    assertRule(new TopN(), new SortRelation(new LimitRelation(T, 10), List.of(SortKey.descending(col("b")))))
        .doesNotFire();
  }
}
