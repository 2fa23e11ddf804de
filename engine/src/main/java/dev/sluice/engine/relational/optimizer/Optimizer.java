package dev.sluice.engine.relational.optimizer;

import dev.sluice.engine.relational.Relation;

/** Rewrites an analyzed relation tree with the optimizer rules. PLACEHOLDER: to be built. */
public final class Optimizer {
  private Optimizer() {}

  public static Relation optimize(Relation analyzed) {
    throw new UnsupportedOperationException("not built yet");
  }
}
