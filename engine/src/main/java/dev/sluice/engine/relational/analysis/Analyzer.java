package dev.sluice.engine.relational.analysis;

import dev.sluice.engine.relational.Relation;

/** Resolves columns and types of a relation tree. PLACEHOLDER: to be built. */
public final class Analyzer {
  private Analyzer() {}

  /**
   * The tree with every expression resolved (children already resolved are kept as they are).
   *
   * @throws dev.sluice.engine.error.EngineException ANALYSIS errors naming the column and what is available
   */
  public static Relation analyze(Relation relation) {
    throw new UnsupportedOperationException("not built yet");
  }
}
