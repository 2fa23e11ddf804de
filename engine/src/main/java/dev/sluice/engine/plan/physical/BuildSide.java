package dev.sluice.engine.plan.physical;

/** Which input of a {@link HashJoinExec} is loaded into the hash table; the other streams through it. */
public enum BuildSide {
  LEFT,
  RIGHT
}
