package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * A constant. The Java class of {@code value} is fixed by the type: int32 {@link Integer}, int64
 * {@link Long}, float64 {@link Double}, boolean {@link Boolean}, utf8 {@link String}, date32
 * {@link LocalDate}, decimal(p,s) {@link BigDecimal} with scale s; {@code null} is a typed null.
 *
 * @param value the value, or null
 * @param type its type
 */
public record Literal(Object value, DataType type) implements Expression {
  public Literal {
    requireNonNull(type, "type is null");
    if (value != null) {
      Class<?> expected = javaClass(type);
      if (!expected.isInstance(value)) {
        throw new IllegalArgumentException("a " + type.displayName() + " literal needs a " + expected.getSimpleName()
            + ", got " + value.getClass().getName() + " " + value);
      }
      if (value instanceof BigDecimal decimal && type instanceof DataType.Decimal d && decimal.scale() != d.scale()) {
        value = decimal.setScale(d.scale(), RoundingMode.HALF_UP);
      }
    }
  }

  /** The literal of a Java value, with its natural type (a BigDecimal keeps its precision and scale). */
  public static Literal of(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("a null literal needs a type: use Literal.nullOf(type)");
    }
    if (value instanceof Integer) {
      return new Literal(value, DataType.INT32);
    }
    if (value instanceof Long) {
      return new Literal(value, DataType.INT64);
    }
    if (value instanceof Double) {
      return new Literal(value, DataType.FLOAT64);
    }
    if (value instanceof Float f) {
      return new Literal(f.doubleValue(), DataType.FLOAT64);
    }
    if (value instanceof Boolean) {
      return new Literal(value, DataType.BOOLEAN);
    }
    if (value instanceof String) {
      return new Literal(value, DataType.UTF8);
    }
    if (value instanceof LocalDate) {
      return new Literal(value, DataType.DATE32);
    }
    if (value instanceof BigDecimal decimal) {
      int scale = Math.max(0, decimal.scale());
      BigDecimal scaled = decimal.setScale(scale);
      int precision = Math.max(scaled.precision(), scale + 1);
      return new Literal(scaled, DataType.decimal(precision, scale));
    }
    throw new IllegalArgumentException("no literal of " + value.getClass().getName()
        + "; use Integer, Long, Double, Boolean, String, LocalDate or BigDecimal");
  }

  public static Literal nullOf(DataType type) {
    return new Literal(null, type);
  }

  /** The Java class of a non-null literal of a type. */
  public static Class<?> javaClass(DataType type) {
    if (type instanceof DataType.Int32) {
      return Integer.class;
    }
    if (type instanceof DataType.Int64) {
      return Long.class;
    }
    if (type instanceof DataType.Float64) {
      return Double.class;
    }
    if (type instanceof DataType.Bool) {
      return Boolean.class;
    }
    if (type instanceof DataType.Utf8) {
      return String.class;
    }
    if (type instanceof DataType.Date32) {
      return LocalDate.class;
    }
    if (type instanceof DataType.Decimal) {
      return BigDecimal.class;
    }
    return byte[].class;
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public DataType dataType() {
    return type;
  }

  @Override
  public String sql() {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString() + "BD";
    }
    if (value instanceof Long l) {
      return l + "L";
    }
    return String.valueOf(value);
  }
}
