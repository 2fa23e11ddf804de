package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Keeps the primitive longs for which it returns true. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface LongFilterFunction extends Serializable {
  boolean call(long value);
}
