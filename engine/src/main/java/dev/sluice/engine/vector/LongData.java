package dev.sluice.engine.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * int32, int64, date32 or decimal values as {@code long}s. A decimal is its unscaled value: the
 * columnar path computes decimals as scaled 64-bit integers (exact, and as fast as integer
 * arithmetic), which holds every TPC-H value and every decimal up to 18 digits; a value that does
 * not fit in 64 bits (a wider file column, or an overflowing product) fails with an error naming
 * the column or expression instead of being rounded. Aggregate sums accumulate in 128 bits.
 */
public final class LongData implements ColumnData {
  private final DataType type;
  private final long[] values;
  private final boolean[] nulls;
  private final int size;

  public LongData(DataType type, long[] values, boolean[] nulls, int size) {
    this.type = requireNonNull(type, "type is null");
    this.values = requireNonNull(values, "values is null");
    this.nulls = nulls;
    this.size = size;
    if (!(type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Date32
        || type instanceof DataType.Decimal)) {
      throw new IllegalArgumentException("LongData holds int32, int64, date32 or decimal, not " + type.displayName());
    }
    if (values.length < size || (nulls != null && nulls.length < size)) {
      throw new IllegalArgumentException("arrays shorter than size " + size);
    }
  }

  public long[] values() {
    return values;
  }

  @Override
  public DataType type() {
    return type;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean[] nulls() {
    return nulls;
  }

  @Override
  public Object getObject(int row) {
    if (isNull(row)) {
      return null;
    }
    long value = values[row];
    if (type instanceof DataType.Int32) {
      return (int) value;
    }
    if (type instanceof DataType.Date32) {
      return LocalDate.ofEpochDay(value);
    }
    if (type instanceof DataType.Decimal d) {
      return BigDecimal.valueOf(value, d.scale());
    }
    return value;
  }

  @Override
  public LongData gather(int[] selection, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = values[selection[i]];
    }
    return new LongData(type, out, Selections.gatherNulls(nulls, selection, count), count);
  }
}
