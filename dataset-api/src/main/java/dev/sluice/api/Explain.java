package dev.sluice.api;

import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import dev.sluice.engine.types.Field;

/**
 * The text of {@code DataFrame.explain}: the physical plan and its stages; with {@code extended},
 * first the parsed (as built), analyzed and optimized logical plans, as Spark's sections.
 */
final class Explain {
  private Explain() {}

  static String text(DataFrame frame, boolean extended) {
    Relation optimized = Optimizer.optimize(frame.relation());
    PhysicalPlan physical = RelationalPlanner.plan(optimized, frame.session().plannerSettings());
    StringBuilder out = new StringBuilder();
    if (extended) {
      out.append("== Parsed Logical Plan ==\n").append(tree(frame.parsed()));
      out.append("== Analyzed Logical Plan ==\n");
      StringBuilder columns = new StringBuilder();
      for (Field field : frame.schema().fields()) {
        columns.append(columns.length() == 0 ? "" : ", ").append(field.name()).append(": ")
            .append(SqlTypes.sparkName(field.type()));
      }
      out.append(columns).append('\n').append(tree(frame.relation()));
      out.append("== Optimized Logical Plan ==\n").append(tree(optimized));
    }
    return out.append(frame.session().actions().explain(physical)).toString();
  }

  /** A relation tree, one node a line, children indented under {@code +- }. */
  static String tree(Relation relation) {
    StringBuilder out = new StringBuilder();
    print(relation, 0, out);
    return out.toString();
  }

  private static void print(Relation relation, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append(depth == 0 ? "" : "+- ").append(relation.describe()).append('\n');
    for (Relation child : relation.children()) {
      print(child, depth + 1, out);
    }
  }
}
