package dev.sluice.engine.encoding;

import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * How one Java value type is stored in one Arrow column. Every kind handles nulls as null cells.
 * {@link #KRYO} stores any object as Kryo bytes in a binary column: the fallback for types
 * without a columnar form.
 */
public enum ValueType {
  LONG(Long.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((BigIntVector) vector).set(row, (Long) value);
    }

    @Override
    public Object read(FieldVector vector, int row) {
      BigIntVector v = (BigIntVector) vector;
      return v.isNull(row) ? null : v.get(row);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.INT64;
    }
  },
  INT(Integer.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((IntVector) vector).set(row, (Integer) value);
    }

    @Override
    public Object read(FieldVector vector, int row) {
      IntVector v = (IntVector) vector;
      return v.isNull(row) ? null : v.get(row);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.INT32;
    }
  },
  DOUBLE(Double.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((Float8Vector) vector).set(row, (Double) value);
    }

    @Override
    public Object read(FieldVector vector, int row) {
      Float8Vector v = (Float8Vector) vector;
      return v.isNull(row) ? null : v.get(row);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.FLOAT64;
    }
  },
  BOOLEAN(Boolean.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((BitVector) vector).set(row, ((Boolean) value) ? 1 : 0);
    }

    @Override
    public Object read(FieldVector vector, int row) {
      BitVector v = (BitVector) vector;
      return v.isNull(row) ? null : v.get(row) != 0;
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.BOOLEAN;
    }
  },
  STRING(String.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object read(FieldVector vector, int row) {
      VarCharVector v = (VarCharVector) vector;
      return v.isNull(row) ? null : new String(v.get(row), StandardCharsets.UTF_8);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.UTF8;
    }
  },
  DATE(LocalDate.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((DateDayVector) vector).set(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
    }

    @Override
    public Object read(FieldVector vector, int row) {
      DateDayVector v = (DateDayVector) vector;
      return v.isNull(row) ? null : LocalDate.ofEpochDay(v.get(row));
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.DATE32;
    }

    @Override
    boolean accepts(Object value) {
      long day = ((LocalDate) value).toEpochDay();
      return day >= Integer.MIN_VALUE && day <= Integer.MAX_VALUE;
    }
  },
  /** decimal128 with precision 38 and, per batch, the one scale all its values have. */
  DECIMAL(BigDecimal.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      DecimalVector v = (DecimalVector) vector;
      v.setSafe(row, ((BigDecimal) value).setScale(v.getScale(), RoundingMode.UNNECESSARY));
    }

    @Override
    public Object read(FieldVector vector, int row) {
      DecimalVector v = (DecimalVector) vector;
      return v.isNull(row) ? null : v.getObject(row);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      int scale = 0;
      for (int i = 0; i < count; i++) {
        if (values[i] != null) {
          scale = Math.max(scale, ((BigDecimal) values[i]).scale());
        }
      }
      return DataType.decimal(MAX_DECIMAL_DIGITS, Math.min(scale, MAX_DECIMAL_DIGITS));
    }

    /**
     * Only when every value has the column's scale: rescaling would change what the user gets back
     * ({@code 1.5} as {@code 1.50}, {@code 1E+3} as {@code 1000}), so mixed scales go to Kryo.
     */
    @Override
    boolean fits(Object[] values, int count) {
      for (int i = 0; i < count; i++) {
        if (values[i] != null && values[i].getClass() != BigDecimal.class) {
          return false;
        }
      }
      int scale = ((DataType.Decimal) dataType(values, count)).scale();
      for (int i = 0; i < count; i++) {
        if (values[i] != null) {
          if (values[i].getClass() != BigDecimal.class) {
            return false;
          }
          BigDecimal d = (BigDecimal) values[i];
          if (d.scale() != scale || d.precision() > MAX_DECIMAL_DIGITS) {
            return false;
          }
        }
      }
      return true;
    }
  },
  BYTES(byte[].class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((VarBinaryVector) vector).setSafe(row, (byte[]) value);
    }

    @Override
    public Object read(FieldVector vector, int row) {
      VarBinaryVector v = (VarBinaryVector) vector;
      return v.isNull(row) ? null : v.get(row);
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.BINARY;
    }
  },
  /** Any object, as Kryo bytes (class included) in a binary column. */
  KRYO(Object.class) {
    @Override
    public void write(FieldVector vector, int row, Object value) {
      ((VarBinaryVector) vector).setSafe(row, KryoSerde.serialize(value));
    }

    @Override
    public Object read(FieldVector vector, int row) {
      VarBinaryVector v = (VarBinaryVector) vector;
      return v.isNull(row) ? null : KryoSerde.deserialize(v.get(row));
    }

    @Override
    DataType dataType(Object[] values, int count) {
      return DataType.BINARY;
    }
  };

  private static final int MAX_DECIMAL_DIGITS = 38;

  private final Class<?> javaClass;

  ValueType(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** Writes a non-null value; the vector has room for {@code row}. */
  public abstract void write(FieldVector vector, int row, Object value);

  /** Reads the value at {@code row}, or null. */
  public abstract Object read(FieldVector vector, int row);

  /** The column type for these values (only {@link #DECIMAL} looks at them). */
  abstract DataType dataType(Object[] values, int count);

  /** Whether this single value can be stored (for example a date within the int32 day range). */
  boolean accepts(Object value) {
    return true;
  }

  /** Whether all the values can be stored together in one column of {@link #dataType}. */
  boolean fits(Object[] values, int count) {
    if (this == KRYO) {
      return true;
    }
    for (int i = 0; i < count; i++) {
      Object value = values[i];
      if (value != null && (value.getClass() != javaClass || !accepts(value))) {
        return false;
      }
    }
    return true;
  }

  public Class<?> javaClass() {
    return javaClass;
  }

  /**
   * The value type storing instances of {@code type} columnar, or {@link #KRYO} when there is none.
   * Primitive classes map to their boxes.
   */
  public static ValueType of(Class<?> type) {
    Class<?> boxed = box(type);
    for (ValueType valueType : values()) {
      if (valueType != KRYO && valueType.javaClass == boxed) {
        return valueType;
      }
    }
    return KRYO;
  }

  /** The value type whose column type is {@code type} (used when decoding). */
  public static ValueType of(DataType type) {
    if (type instanceof DataType.Int64) {
      return LONG;
    }
    if (type instanceof DataType.Int32) {
      return INT;
    }
    if (type instanceof DataType.Float64) {
      return DOUBLE;
    }
    if (type instanceof DataType.Bool) {
      return BOOLEAN;
    }
    if (type instanceof DataType.Utf8) {
      return STRING;
    }
    if (type instanceof DataType.Date32) {
      return DATE;
    }
    if (type instanceof DataType.Decimal) {
      return DECIMAL;
    }
    return BYTES;
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    return Character.class;
  }
}
