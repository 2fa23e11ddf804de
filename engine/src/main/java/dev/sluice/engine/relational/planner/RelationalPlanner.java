package dev.sluice.engine.relational.planner;

import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.relational.Relation;

/** Turns an optimized relation tree into a physical plan. PLACEHOLDER: to be built. */
public final class RelationalPlanner {
  private RelationalPlanner() {}

  public static PhysicalPlan plan(Relation optimized, PlannerSettings settings) {
    throw new UnsupportedOperationException("not built yet");
  }
}
