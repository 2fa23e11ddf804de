package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.relational.Relation;

/**
 * One rewrite of an analyzed relation tree that keeps its result rows and its output columns
 * (names, types, order). A rule returns the same object when it has nothing to do, so the optimizer
 * can tell when a batch of rules has reached a fixpoint.
 */
public interface Rule {
  /** The rule's name, for explain and traces. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** The rewritten tree (the whole tree, not one node). */
  Relation apply(Relation relation);
}
