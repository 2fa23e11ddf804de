package dev.sluice.api;

import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.VectorBatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * One row of a DataFrame, as Spark's {@code Row}: values by position (or by column name when the
 * row knows its schema), as Java objects — int32 {@link Integer}, int64 {@link Long}, float64
 * {@link Double}, boolean {@link Boolean}, utf8 {@link String}, date32 {@link LocalDate},
 * decimal {@link BigDecimal}, binary {@code byte[]} — or null.
 *
 * <p>Two rows are equal when their values are (the schema does not count), as in Spark.
 *
 * <p>A row of {@code toLocalIterator} reads its values from the decoded columns it came from when
 * they are asked for (a String, LocalDate or BigDecimal is made only for a column the caller reads,
 * and anew at each read, as Spark's {@code UnsafeRow}); it stays immutable, and keeps those columns
 * reachable while it is.
 */
public final class Row {
  /** The values, or null for a lazy row. */
  private final Object[] values;
  private final Schema schema;
  /** The columns of a lazy row, or null. */
  private final VectorBatch source;
  /** The row's index in {@link #source}. */
  private final int sourceRow;

  Row(Object[] values, Schema schema) {
    this.values = values;
    this.schema = schema;
    this.source = null;
    this.sourceRow = -1;
  }

  /** Row {@code row} of {@code source}, its values read when asked for. */
  Row(VectorBatch source, int row, Schema schema) {
    this.values = null;
    this.schema = schema;
    this.source = source;
    this.sourceRow = row;
  }

  /** A row of these values without a schema (as Spark's {@code RowFactory.create}). */
  public static Row of(Object... values) {
    return new Row(values.clone(), null);
  }

  /** The number of values. */
  public int size() {
    return values != null ? values.length : source.columns().size();
  }

  /** Same as {@link #size()}. */
  public int length() {
    return size();
  }

  /** The columns of this row, or null for a row made without one ({@link #of}). */
  public Schema schema() {
    return schema;
  }

  /** The value at {@code index}, or null. */
  public Object get(int index) {
    int size = size();
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " is out of range for a row of " + size
          + " values" + (schema == null ? "" : " " + schema));
    }
    return values != null ? values[index] : source.column(index).getObject(sourceRow);
  }

  /** All values, read (a new array for a lazy row). */
  private Object[] values() {
    if (values != null) {
      return values;
    }
    Object[] read = new Object[size()];
    for (int i = 0; i < read.length; i++) {
      read[i] = source.column(i).getObject(sourceRow);
    }
    return read;
  }

  /** The value at {@code index}, cast to what the caller expects. */
  @SuppressWarnings("unchecked")
  public <T> T getAs(int index) {
    return (T) get(index);
  }

  /** The value of the column named {@code name}. */
  @SuppressWarnings("unchecked")
  public <T> T getAs(String name) {
    return (T) get(fieldIndex(name));
  }

  /**
   * The position of the column named {@code name}.
   *
   * @throws IllegalArgumentException when there is no such column (listing the columns), or the row has no schema
   */
  public int fieldIndex(String name) {
    if (schema == null) {
      throw new UnsupportedOperationException("fieldIndex on a Row without a schema (made by Row.of)");
    }
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.name()));
    throw new IllegalArgumentException("Column '" + name + "' does not exist; the row has columns " + names);
  }

  /** Whether the value at {@code index} is null. */
  public boolean isNullAt(int index) {
    return get(index) == null;
  }

  public boolean getBoolean(int index) {
    return nonNull(index, Boolean.class, "getBoolean");
  }

  public int getInt(int index) {
    return nonNull(index, Integer.class, "getInt");
  }

  /** The int64 value at {@code index} (an int32 value widens). */
  public long getLong(int index) {
    Object value = get(index);
    if (value instanceof Integer i) {
      return i;
    }
    return nonNull(index, Long.class, "getLong");
  }

  public double getDouble(int index) {
    return nonNull(index, Double.class, "getDouble");
  }

  /** The string at {@code index}, or null. */
  public String getString(int index) {
    return typed(index, String.class, "getString");
  }

  /** The decimal at {@code index}, or null. */
  public BigDecimal getDecimal(int index) {
    return typed(index, BigDecimal.class, "getDecimal");
  }

  /** The date at {@code index}, or null. */
  public LocalDate getDate(int index) {
    return typed(index, LocalDate.class, "getDate");
  }

  /** Same as {@link #getDate(int)}. */
  public LocalDate getLocalDate(int index) {
    return getDate(index);
  }

  private <T> T nonNull(int index, Class<T> type, String method) {
    T value = typed(index, type, method);
    if (value == null) {
      throw new NullPointerException("Value at index " + index + describe(index) + " is null; " + method
          + " cannot return a primitive null (check isNullAt first)");
    }
    return value;
  }

  private <T> T typed(int index, Class<T> type, String method) {
    Object value = get(index);
    if (value != null && !type.isInstance(value)) {
      throw new ClassCastException(method + "(" + index + ")" + describe(index) + ": the value is a "
          + value.getClass().getSimpleName() + " (" + value + "), not a " + type.getSimpleName());
    }
    return type.cast(value);
  }

  private String describe(int index) {
    return schema == null ? "" : " (column " + schema.fields().get(index) + ")";
  }

  /** The values as a list, in order. */
  public List<Object> toList() {
    return Arrays.asList(values != null ? values.clone() : values());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Row row && Arrays.deepEquals(values(), row.values());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values());
  }

  /** The values as Spark prints a row: {@code [1,abc,null]}. */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(",", "[", "]");
    for (Object value : values()) {
      text.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
    }
    return text.toString();
  }
}
