package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.date;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.le;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.plus;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.RelationFixtures.times;
import static dev.sluice.engine.relational.optimizer.rules.RuleAssert.assertRule;

import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constant folding (needs the kernels' {@code ExpressionEvaluator.evaluateConstant}). */
class TestConstantFolding {
  private static final Relation T = table("t", "a", DataType.INT32, "d", DataType.DATE32);

  @Test
  void testExpressionsWithoutColumnsFoldToLiteralsKeepingOutputNames() {
    assertRule(new ConstantFolding(), new FilterRelation(T, le(col("d"),
        new ScalarCall(ScalarFunction.DATE_ADD, List.of(date("1998-12-01"), lit(-90)))))).rewritesTo("""
            Filter (d <= DATE '1998-09-02')
              +- Scan parquet 2 file(s) [a, d]
            """);
    assertRule(new ConstantFolding(), new ProjectRelation(T, List.of(plus(lit(1), lit(2)),
        as(times(col("a"), plus(lit(2), lit(3))), "x")))).rewritesTo("""
            Project [3 AS (1 + 2), (a * 5) AS x]
              +- Scan parquet 2 file(s) [a, d]
            """);
  }

  @Test
  void testNothingToFoldLeavesThePlan() {
    assertRule(new ConstantFolding(), new FilterRelation(T, gt(plus(col("a"), lit(2)), lit(3)))).doesNotFire();
  }
}
