package dev.sluice.api;

import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.RelationPrinter;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import dev.sluice.engine.types.Field;

/**
 * The text of {@code DataFrame.explain}: the physical plan and its stages; with {@code extended},
 * first the parsed (as built), analyzed and optimized logical plans, in Spark's sections separated
 * by blank lines.
 */
final class Explain {
  private Explain() {}

  static String text(DataFrame frame, boolean extended) {
    Relation optimized = Optimizer.optimize(frame.relation());
    PhysicalPlan physical = frame.session().placement().apply(
        RelationalPlanner.plan(optimized, frame.session().plannerSettings()));
    StringBuilder out = new StringBuilder();
    if (extended) {
      out.append("== Parsed Logical Plan ==\n").append(RelationPrinter.print(frame.parsed()));
      out.append("\n== Analyzed Logical Plan ==\n");
      StringBuilder columns = new StringBuilder();
      for (Field field : frame.schema().fields()) {
        columns.append(columns.length() == 0 ? "" : ", ").append(field.name()).append(": ")
            .append(SqlTypes.sparkName(field.type()));
      }
      out.append(columns).append('\n').append(RelationPrinter.print(frame.relation()));
      out.append("\n== Optimized Logical Plan ==\n").append(RelationPrinter.print(optimized)).append('\n');
    }
    return out.append(frame.session().actions().explain(physical)).toString();
  }
}
