package dev.sluice.engine.plan;

import dev.sluice.engine.device.Placement;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import java.util.function.Function;

/** Renders plan trees as indented text for {@code explain()}. */
public final class PlanPrinter {
  private PlanPrinter() {}

  /** The logical tree, one node a line, children indented, with the user's call sites. */
  public static String print(LogicalPlan plan) {
    StringBuilder out = new StringBuilder();
    print(plan, 0, out);
    return out.toString();
  }

  private static void print(LogicalPlan plan, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append(depth == 0 ? "" : "+- ").append(plan.describe())
        .append(' ').append(plan.id()).append("  (").append(plan.origin()).append(")\n");
    for (LogicalPlan child : plan.children()) {
      print(child, depth + 1, out);
    }
  }

  /** The physical tree, one node a line with its partition count, children indented. */
  public static String print(PhysicalPlan plan) {
    return print(plan, null);
  }

  /**
   * The physical tree as {@link #print(PhysicalPlan)}, each line ending with where the node runs
   * ({@code [GPU]} or {@code [CPU: reason]}, see {@link Placement#marker()}).
   */
  public static String print(PhysicalPlan plan, Function<PhysicalPlan, Placement> placements) {
    StringBuilder out = new StringBuilder();
    print(plan, placements, 0, out);
    return out.toString();
  }

  private static void print(PhysicalPlan plan, Function<PhysicalPlan, Placement> placements, int depth,
      StringBuilder out) {
    out.append("  ".repeat(depth)).append(depth == 0 ? "" : "+- ").append(plan.describe())
        .append(' ').append(plan.id()).append("  partitions=").append(plan.partitionCount());
    if (placements != null) {
      out.append(' ').append(placements.apply(plan).marker());
    }
    out.append('\n');
    for (PhysicalPlan child : plan.children()) {
      print(child, placements, depth + 1, out);
    }
  }
}
