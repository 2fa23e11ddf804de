package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.relational.Relation;

/**
 * A lazy, columnar table: named, typed columns computed by a relational plan. PLACEHOLDER: the
 * operations are to be built.
 */
public final class DataFrame {
  private final Sluice session;
  private final Relation relation;

  DataFrame(Sluice session, Relation relation) {
    this.session = requireNonNull(session, "session is null");
    this.relation = requireNonNull(relation, "relation is null");
  }

  /** The session this DataFrame runs in. */
  Sluice session() {
    return session;
  }

  /** The analyzed relation this DataFrame computes. */
  Relation relation() {
    return relation;
  }

  /** Writes this DataFrame's rows to files. */
  public DataFrameWriter write() {
    return new DataFrameWriter(this);
  }
}
