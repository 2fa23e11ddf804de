package dev.sluice.engine.vector.kernel;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A constant (a literal, or a folded constant expression): evaluates to a column repeating one
 * value. Kernels that take a constant operand read {@link #longValue()}, {@link #doubleValue()},
 * {@link #booleanValue()} or {@link #bytes()} instead of materializing the column.
 */
public final class ConstantKernel implements CompiledExpression {
  private final DataType type;
  private final Object value;
  private final long longValue;
  private final double doubleValue;
  private final byte[] bytes;
  private ColumnData last;

  /**
   * @param type the constant's type
   * @param value the value as a {@link dev.sluice.engine.expr.Literal} holds it, or null
   * @param sql the expression text, named in errors
   */
  public ConstantKernel(DataType type, Object value, String sql) {
    this.type = requireNonNull(type, "type is null");
    this.value = value;
    long asLong = 0;
    double asDouble = 0;
    byte[] asBytes = null;
    if (value instanceof Integer i) {
      asLong = i;
    } else if (value instanceof Long l) {
      asLong = l;
    } else if (value instanceof LocalDate d) {
      asLong = d.toEpochDay();
    } else if (value instanceof BigDecimal d) {
      int scale = ((DataType.Decimal) type).scale();
      BigDecimal unscaled = d.setScale(scale, java.math.RoundingMode.HALF_UP);
      if (unscaled.unscaledValue().bitLength() > 63) {
        throw new EngineException(ErrorCode.NUMERIC_OVERFLOW, "The decimal constant " + sql + " = "
            + d.toPlainString() + " has more than the 18 significant digits the columnar path computes decimals in");
      }
      asLong = unscaled.unscaledValue().longValue();
    } else if (value instanceof Double d) {
      asDouble = d;
    } else if (value instanceof Boolean b) {
      asLong = b ? 1 : 0;
    } else if (value instanceof String s) {
      asBytes = s.getBytes(StandardCharsets.UTF_8);
    } else if (value != null) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "The constant " + sql + " of type "
          + type.displayName() + " is not supported by the columnar path");
    }
    if (type instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "The constant " + sql
          + " is binary, which the columnar path does not support");
    }
    this.longValue = asLong;
    this.doubleValue = asDouble;
    this.bytes = asBytes;
  }

  public DataType type() {
    return type;
  }

  public boolean isNull() {
    return value == null;
  }

  /** The value as a Literal holds it, or null. */
  public Object value() {
    return value;
  }

  /** int32, int64, date32 (epoch days), decimal (unscaled) or boolean (1/0) as a long. */
  public long longValue() {
    return longValue;
  }

  public double doubleValue() {
    return doubleValue;
  }

  public boolean booleanValue() {
    return longValue != 0;
  }

  /** A utf8 constant's UTF-8 bytes (shared: do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public ColumnData evaluate(VectorBatch input) {
    int rows = input.rowCount();
    ColumnData cached = last;
    if (cached == null || cached.size() != rows) {
      cached = column(rows);
      last = cached;
    }
    return cached;
  }

  /** A new column of {@code rows} copies of this constant. */
  public ColumnData column(int rows) {
    boolean[] nulls = null;
    if (value == null) {
      nulls = new boolean[rows];
      Arrays.fill(nulls, true);
    }
    if (type instanceof DataType.Float64) {
      double[] values = new double[rows];
      Arrays.fill(values, doubleValue);
      return new DoubleData(values, nulls, rows);
    }
    if (type instanceof DataType.Bool) {
      boolean[] values = new boolean[rows];
      Arrays.fill(values, booleanValue());
      return new BoolData(values, nulls, rows);
    }
    if (type instanceof DataType.Utf8) {
      byte[] one = bytes == null ? new byte[0] : bytes;
      byte[] all = new byte[Math.multiplyExact(one.length, rows)];
      int[] offsets = new int[rows + 1];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(one, 0, all, i * one.length, one.length);
        offsets[i + 1] = (i + 1) * one.length;
      }
      return new StringData(all, offsets, nulls, rows);
    }
    long[] values = new long[rows];
    Arrays.fill(values, longValue);
    return new LongData(type, values, nulls, rows);
  }

  /** A column of {@code rows} nulls of a type. */
  public static ColumnData nulls(DataType type, int rows) {
    return new ConstantKernel(type, null, "NULL").column(rows);
  }
}
