package dev.sluice.engine.encoding;

/** Builds a row object from its column values, in the order of the encoder's columns. */
@FunctionalInterface
public interface RowFactory {
  Object create(Object[] columnValues);
}
