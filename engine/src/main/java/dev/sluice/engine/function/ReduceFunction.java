package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Combines two elements into one; must be associative, since partitions are reduced separately first. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface ReduceFunction<T> extends Serializable {
  T call(T left, T right) throws Exception;
}
