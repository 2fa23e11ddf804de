package dev.sluice.engine.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * Maps one element to zero or more elements, returned as an iterator. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
  Iterator<R> call(T value) throws Exception;
}
