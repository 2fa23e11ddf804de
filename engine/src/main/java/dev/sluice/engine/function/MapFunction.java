package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Maps one element to one element (Spark's {@code MapFunction}). It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface MapFunction<T, R> extends Serializable {
  R call(T value) throws Exception;
}
