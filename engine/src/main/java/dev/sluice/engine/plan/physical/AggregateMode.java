package dev.sluice.engine.plan.physical;

/**
 * Which half of a two-phase aggregation a {@link ColumnarAggregateExec} runs. {@code PARTIAL}
 * reads input rows and emits one state row per group (see {@link AggregateStates}) before the
 * shuffle; {@code FINAL} reads state rows and emits final values after it; {@code COMPLETE} does
 * both in one operator (a single partition, or input already partitioned by the grouping).
 */
public enum AggregateMode {
  PARTIAL,
  FINAL,
  COMPLETE
}
