package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Combines two primitive longs; must be associative. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface LongReduceFunction extends Serializable {
  long call(long left, long right);
}
