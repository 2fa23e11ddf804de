package dev.sluice.engine.plan;

/**
 * Identifies a plan node within its session; logical nodes and the physical nodes planned from
 * them share the id, so metrics and errors point back to the user's operation.
 *
 * @param value a number unique within the session
 */
public record PlanNodeId(int value) {
  @Override
  public String toString() {
    return "#" + value;
  }
}
