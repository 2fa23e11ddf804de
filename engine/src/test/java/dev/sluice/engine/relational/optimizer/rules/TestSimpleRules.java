package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.RelationFixtures.and;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.lt;
import static dev.sluice.engine.relational.RelationFixtures.table;
import static dev.sluice.engine.relational.optimizer.rules.RuleAssert.assertRule;

import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.Or;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RemoveAliasRelation, CombineFilters and BooleanSimplification: fires and does not fire. */
class TestSimpleRules {
  private static final Relation T = table("t", "a", DataType.INT32, "b", DataType.INT64, "s", DataType.UTF8);
  private static final Relation U = table("u", "k", DataType.INT64, "v", DataType.UTF8);
  private static final Literal TRUE = Literal.of(true);
  private static final Literal FALSE = Literal.of(false);

  @Test
  void testAliasesAreDropped() {
    assertRule(new RemoveAliasRelation(), new JoinRelation(new AliasRelation(T, "x"), new AliasRelation(U, "y"),
        JoinType.INNER, eq(col("x.b"), col("y.k")))).rewritesTo("""
            Join inner on (b = k)
              +- Scan parquet 2 file(s) [a, b, s]
              +- Scan parquet 2 file(s) [k, v]
            """);
    assertRule(new RemoveAliasRelation(), new FilterRelation(T, gt(col("a"), lit(1)))).doesNotFire();
  }

  @Test
  void testAdjacentFiltersCombineLowerFirst() {
    assertRule(new CombineFilters(), new FilterRelation(new FilterRelation(new FilterRelation(T,
        gt(col("a"), lit(1))), lt(col("a"), lit(9))), eq(col("s"), lit("x")))).rewritesTo("""
            Filter (((a > 1) AND (a < 9)) AND (s = 'x'))
              +- Scan parquet 2 file(s) [a, b, s]
            """);
    assertRule(new CombineFilters(), new FilterRelation(new ProjectRelation(new FilterRelation(T,
        gt(col("a"), lit(1))), List.of(col("a"))), lt(col("a"), lit(9)))).doesNotFire();
  }

  @Test
  void testBooleanIdentitiesSimplify() {
    Rule rule = new BooleanSimplification();
    assertRule(rule, new FilterRelation(T, and(gt(col("a"), lit(1)), TRUE))).rewritesTo("""
        Filter (a > 1)
          +- Scan parquet 2 file(s) [a, b, s]
        """);
    assertRule(rule, new FilterRelation(T, new Or(gt(col("a"), lit(1)), TRUE))).rewritesTo(
        "Scan parquet 2 file(s) [a, b, s]\n");
    assertRule(rule, new FilterRelation(T, new Or(FALSE, and(gt(col("a"), lit(1)), gt(col("a"), lit(1))))))
        .rewritesTo("""
            Filter (a > 1)
              +- Scan parquet 2 file(s) [a, b, s]
            """);
    assertRule(rule, new FilterRelation(T, and(eq(col("s"), lit("x")), FALSE))).rewritesTo("""
        Filter false
          +- Scan parquet 2 file(s) [a, b, s]
        """);
    assertRule(rule, new FilterRelation(T, new Not(new Not(new Not(new IsNull(col("s"), false)))))).rewritesTo("""
        Filter (s IS NOT NULL)
          +- Scan parquet 2 file(s) [a, b, s]
        """);
    assertRule(rule, new FilterRelation(T, new Not(lt(col("a"), lit(3))))).rewritesTo("""
        Filter (a >= 3)
          +- Scan parquet 2 file(s) [a, b, s]
        """);
    assertRule(rule, new ProjectRelation(T, List.of(new Or(FALSE, gt(col("a"), lit(1)))))).rewritesTo("""
        Project [(a > 1) AS (false OR (a > 1))]
          +- Scan parquet 2 file(s) [a, b, s]
        """);
    assertRule(rule, new FilterRelation(T, new Or(gt(col("a"), lit(1)), eq(col("s"), lit("x"))))).doesNotFire();
  }
}
