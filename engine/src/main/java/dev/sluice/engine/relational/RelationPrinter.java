package dev.sluice.engine.relational;

import dev.sluice.engine.plan.PlanPrinter;
import dev.sluice.engine.plan.physical.PhysicalPlan;

/**
 * Renders relation trees as indented text, one node a line ({@link Relation#describe()}), children
 * indented under their parent: what {@code DataFrame.explain} prints.
 */
public final class RelationPrinter {
  private RelationPrinter() {}

  /** The tree, one node a line, children indented by two spaces and marked {@code +- }. */
  public static String print(Relation relation) {
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

  /**
   * The sections of {@code explain(true)}: the parsed, analyzed and optimized relation trees and the
   * physical plan. A null argument leaves its section out.
   */
  public static String explain(Relation parsed, Relation analyzed, Relation optimized, PhysicalPlan physical) {
    StringBuilder out = new StringBuilder();
    if (parsed != null) {
      out.append("== Parsed Logical Plan ==\n").append(print(parsed));
    }
    if (analyzed != null) {
      out.append(out.isEmpty() ? "" : "\n").append("== Analyzed Logical Plan ==\n").append(print(analyzed));
    }
    if (optimized != null) {
      out.append(out.isEmpty() ? "" : "\n").append("== Optimized Logical Plan ==\n").append(print(optimized));
    }
    if (physical != null) {
      out.append(out.isEmpty() ? "" : "\n").append("== Physical Plan ==\n").append(PlanPrinter.print(physical));
    }
    return out.toString();
  }
}
