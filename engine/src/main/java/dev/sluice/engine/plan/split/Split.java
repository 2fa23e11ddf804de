package dev.sluice.engine.plan.split;

/**
 * The part of a source that one task reads. Splits travel with tasks; sources in a task's plan
 * read exactly the splits they were given.
 */
public sealed interface Split permits RangeSplit, ValuesSplit, FileSplit {
  /** A short description for explain and task tables. */
  String describe();
}
