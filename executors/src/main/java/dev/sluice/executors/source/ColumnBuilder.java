package dev.sluice.executors.source;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * One output column of a text-format reader, filled value by value from bytes and handed out as a
 * {@link ColumnData} per batch. The arrays are reused from batch to batch: a built column is valid
 * until the next {@link #reset()}, long enough to write it to Arrow (which copies).
 */
abstract sealed class ColumnBuilder
    permits ColumnBuilder.Longs, ColumnBuilder.Doubles, ColumnBuilder.Bools, ColumnBuilder.Strings {
  /** Values appended since the last reset. */
  int size;
  boolean[] nulls;
  boolean anyNull;

  ColumnBuilder(int capacity) {
    nulls = new boolean[Math.max(1, capacity)];
  }

  /**
   * A builder for a column of {@code type}.
   *
   * @throws EngineException UNSUPPORTED_TYPE for a type text formats cannot hold (binary)
   */
  static ColumnBuilder of(String column, DataType type, int capacity) {
    if (type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Date32
        || type instanceof DataType.Decimal) {
      return new Longs(type, capacity);
    }
    if (type instanceof DataType.Float64) {
      return new Doubles(capacity);
    }
    if (type instanceof DataType.Bool) {
      return new Bools(capacity);
    }
    if (type instanceof DataType.Utf8) {
      return new Strings(capacity);
    }
    throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "Column '" + column + "' is declared "
        + type.displayName() + ", which CSV, JSON and text files cannot hold; use utf8");
  }

  /**
   * Parses {@code b[from..to)} as this column's type and appends it; returns false (appending
   * nothing) if the bytes are not such a value.
   */
  abstract boolean appendParsed(byte[] b, int from, int to);

  /** The column of the values appended since the last reset. */
  abstract ColumnData build();

  abstract void grow();

  void appendNull() {
    if (size == nulls.length) {
      grow();
    }
    nulls[size++] = true;
    anyNull = true;
  }

  /** Drops the values after the first {@code rows} (a dropped malformed row). */
  void truncate(int rows) {
    size = rows;
  }

  void reset() {
    size = 0;
    anyNull = false;
  }

  final boolean[] builtNulls() {
    return anyNull ? nulls : null;
  }

  /** int32, int64, date32 (epoch days) and decimal (unscaled) values. */
  static final class Longs extends ColumnBuilder {
    private final DataType type;
    private final int kind;
    private final int precision;
    private final int scale;
    long[] values;

    Longs(DataType type, int capacity) {
      super(capacity);
      this.type = type;
      this.values = new long[nulls.length];
      if (type instanceof DataType.Decimal decimal) {
        kind = 3;
        precision = decimal.precision();
        scale = decimal.scale();
      } else {
        kind = type instanceof DataType.Int32 ? 0 : type instanceof DataType.Int64 ? 1 : 2;
        precision = 0;
        scale = 0;
      }
    }

    @Override
    boolean appendParsed(byte[] b, int from, int to) {
      if (size == values.length) {
        grow();
      }
      boolean ok = switch (kind) {
        case 0 -> ByteParsers.parseInt32(b, from, to, values, size);
        case 1 -> ByteParsers.parseInt64(b, from, to, values, size);
        case 2 -> ByteParsers.parseDate(b, from, to, values, size);
        default -> ByteParsers.parseDecimal(b, from, to, precision, scale, values, size);
      };
      if (ok) {
        nulls[size++] = false;
      }
      return ok;
    }

    void append(long value) {
      if (size == values.length) {
        grow();
      }
      values[size] = value;
      nulls[size++] = false;
    }

    @Override
    void grow() {
      values = Arrays.copyOf(values, values.length * 2);
      nulls = Arrays.copyOf(nulls, values.length);
    }

    @Override
    ColumnData build() {
      return new LongData(type, values, builtNulls(), size);
    }
  }

  /** float64 values. */
  static final class Doubles extends ColumnBuilder {
    double[] values;

    Doubles(int capacity) {
      super(capacity);
      values = new double[nulls.length];
    }

    @Override
    boolean appendParsed(byte[] b, int from, int to) {
      if (size == values.length) {
        grow();
      }
      if (ByteParsers.parseDouble(b, from, to, values, size)) {
        nulls[size++] = false;
        return true;
      }
      return false;
    }

    void append(double value) {
      if (size == values.length) {
        grow();
      }
      values[size] = value;
      nulls[size++] = false;
    }

    @Override
    void grow() {
      values = Arrays.copyOf(values, values.length * 2);
      nulls = Arrays.copyOf(nulls, values.length);
    }

    @Override
    ColumnData build() {
      return new DoubleData(values, builtNulls(), size);
    }
  }

  /** boolean values. */
  static final class Bools extends ColumnBuilder {
    boolean[] values;

    Bools(int capacity) {
      super(capacity);
      values = new boolean[nulls.length];
    }

    @Override
    boolean appendParsed(byte[] b, int from, int to) {
      if (size == values.length) {
        grow();
      }
      if (ByteParsers.parseBoolean(b, from, to, values, size)) {
        nulls[size++] = false;
        return true;
      }
      return false;
    }

    void append(boolean value) {
      if (size == values.length) {
        grow();
      }
      values[size] = value;
      nulls[size++] = false;
    }

    @Override
    void grow() {
      values = Arrays.copyOf(values, values.length * 2);
      nulls = Arrays.copyOf(nulls, values.length);
    }

    @Override
    ColumnData build() {
      return new BoolData(values, builtNulls(), size);
    }
  }

  /** utf8 values, copied byte for byte (not validated). */
  static final class Strings extends ColumnBuilder {
    byte[] bytes;
    int[] offsets;

    Strings(int capacity) {
      super(capacity);
      offsets = new int[nulls.length + 1];
      bytes = new byte[Math.max(64, nulls.length * 16)];
    }

    @Override
    boolean appendParsed(byte[] b, int from, int to) {
      append(b, from, to - from);
      return true;
    }

    void append(byte[] b, int from, int length) {
      if (size + 1 == offsets.length) {
        grow();
      }
      int start = offsets[size];
      if (start + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + length));
      }
      System.arraycopy(b, from, bytes, start, length);
      nulls[size] = false;
      offsets[++size] = start + length;
    }

    @Override
    void grow() {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      nulls = Arrays.copyOf(nulls, offsets.length - 1);
    }

    @Override
    void appendNull() {
      if (size + 1 == offsets.length) {
        grow();
      }
      nulls[size] = true;
      anyNull = true;
      offsets[size + 1] = offsets[size];
      size++;
    }

    @Override
    ColumnData build() {
      return new StringData(bytes, offsets, builtNulls(), size);
    }
  }
}
