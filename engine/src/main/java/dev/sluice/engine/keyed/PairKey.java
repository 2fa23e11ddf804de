package dev.sluice.engine.keyed;

import dev.sluice.engine.function.MapFunction;

/** The key of a {@link Pair} row: the key function of every by-key shuffle. */
public enum PairKey implements MapFunction<Object, Object> {
  INSTANCE;

  @Override
  public Object call(Object row) {
    return ((Pair<?, ?>) row).key();
  }
}
