package dev.sluice.api;

/** Makes rows for {@code createDataFrame}, as Spark's {@code RowFactory}. */
public final class RowFactory {
  private RowFactory() {}

  /** A row of these values, in column order. */
  public static Row create(Object... values) {
    return Row.of(values);
  }
}
