package dev.sluice.engine.device;

/**
 * A physical node with a GPU implementation: the planner's placement rule decided where it runs.
 * Nodes without one run on the CPU ({@code GpuPlacementRule#placementOf} says why).
 */
public interface Placed {
  /** Where this node runs. */
  Placement placement();
}
