package dev.sluice.engine.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * Maps all elements of one partition at once; the input iterator is consumed lazily. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface MapPartitionsFunction<T, R> extends Serializable {
  Iterator<R> call(Iterator<T> partition) throws Exception;
}
