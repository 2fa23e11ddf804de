package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Merges a value into an accumulator of another type ({@code mergeValue} of combineByKey). It is
 * serialized (with Kryo) and shipped to the executors, so it must be {@link Serializable} and so
 * must everything it captures.
 */
@FunctionalInterface
public interface CombineFunction<C, V> extends Serializable {
  C call(C accumulator, V value) throws Exception;
}
