package dev.sluice.engine.relational.analysis;

import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.DecimalTypes;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The implicit type rules of the analyzer, Spark's for the common cases: numbers widen along
 * int32 &lt; int64 &lt; decimal &lt; float64 (an integer meeting a decimal becomes
 * {@link DecimalTypes#forIntegral}), a string meeting a date becomes a date, and a typed null
 * literal takes whatever type its context needs. Casts of literals that convert exactly are done
 * here, so the plan shows {@code 5L} rather than {@code CAST(5 AS int64)}.
 */
public final class TypeCoercion {
  private TypeCoercion() {}

  /** Whether arithmetic takes the type: int32, int64, float64 or decimal. */
  public static boolean isNumeric(DataType type) {
    return type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Float64
        || type instanceof DataType.Decimal;
  }

  /** Whether the type is int32 or int64. */
  public static boolean isIntegral(DataType type) {
    return type instanceof DataType.Int32 || type instanceof DataType.Int64;
  }

  /** Whether an expression is a null literal, which adapts to any type. */
  public static boolean isNullLiteral(Expression expression) {
    return expression instanceof Literal literal && literal.value() == null;
  }

  /**
   * The type two numbers meet in for arithmetic and comparison, where decimals keep their own
   * precision and scale: the wider integer, float64 if either is, else a decimal (the decimal
   * side keeps its type; see {@link #numericOperandType}).
   */
  static DataType numericOperandType(DataType own, DataType other) {
    if (own instanceof DataType.Float64 || other instanceof DataType.Float64) {
      return DataType.FLOAT64;
    }
    if (own instanceof DataType.Decimal || other instanceof DataType.Decimal) {
      return DecimalTypes.forIntegral(own);
    }
    if (own instanceof DataType.Int64 || other instanceof DataType.Int64) {
      return DataType.INT64;
    }
    return DataType.INT32;
  }

  /**
   * The one type that both values convert to without loss of range (for CASE branches, IN lists,
   * union columns and join keys), or null when there is none.
   */
  public static DataType commonType(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (isNumeric(a) && isNumeric(b)) {
      if (a instanceof DataType.Float64 || b instanceof DataType.Float64) {
        return DataType.FLOAT64;
      }
      if (a instanceof DataType.Decimal || b instanceof DataType.Decimal) {
        return widerDecimal(DecimalTypes.forIntegral(a), DecimalTypes.forIntegral(b));
      }
      return DataType.INT64;
    }
    if (a instanceof DataType.Date32 && b instanceof DataType.Utf8
        || a instanceof DataType.Utf8 && b instanceof DataType.Date32) {
      return DataType.DATE32;
    }
    return null;
  }

  /** The common type of expressions, ignoring null literals (which adapt); null when incompatible. */
  static DataType commonType(List<Expression> expressions) {
    DataType common = null;
    for (Expression expression : expressions) {
      if (isNullLiteral(expression)) {
        continue;
      }
      common = common == null ? expression.dataType() : commonType(common, expression.dataType());
      if (common == null) {
        return null;
      }
    }
    return common == null ? expressions.get(0).dataType() : common;
  }

  static DataType.Decimal widerDecimal(DataType.Decimal a, DataType.Decimal b) {
    int scale = Math.max(a.scale(), b.scale());
    int integral = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return DecimalTypes.bounded(integral + scale, scale);
  }

  /** Whether an explicit {@code CAST(from AS to)} is allowed (Spark's non-ANSI rules, roughly). */
  public static boolean castable(DataType from, DataType to) {
    if (from.equals(to) || to instanceof DataType.Utf8 || from instanceof DataType.Utf8) {
      return true;
    }
    boolean fromNumberLike = isNumeric(from) || from instanceof DataType.Bool;
    boolean toNumberLike = isNumeric(to) || to instanceof DataType.Bool;
    return fromNumberLike && toNumberLike;
  }

  /**
   * {@code expression} as a {@code target}: itself when it already is one, a converted literal when
   * the conversion is exact, else a {@link Cast}.
   */
  public static Expression castTo(Expression expression, DataType target) {
    if (expression.dataType().equals(target)) {
      return expression;
    }
    if (expression instanceof Literal literal) {
      Literal converted = convertLiteral(literal, target);
      if (converted != null) {
        return converted;
      }
    }
    return new Cast(expression, target);
  }

  /** The literal converted exactly to {@code target}, or null when that needs a run-time cast. */
  static Literal convertLiteral(Literal literal, DataType target) {
    Object value = literal.value();
    if (value == null) {
      return Literal.nullOf(target);
    }
    if (target instanceof DataType.Int64 && (value instanceof Integer || value instanceof Long)) {
      return new Literal(((Number) value).longValue(), target);
    }
    if (target instanceof DataType.Int32 && (value instanceof Integer || value instanceof Long)) {
      long number = ((Number) value).longValue();
      return number == (int) number ? new Literal((int) number, target) : null;
    }
    if (target instanceof DataType.Float64 && (value instanceof Integer || value instanceof Long)) {
      return new Literal(((Number) value).doubleValue(), target);
    }
    if (target instanceof DataType.Float64 && value instanceof BigDecimal decimal) {
      return new Literal(decimal.doubleValue(), target);
    }
    if (target instanceof DataType.Decimal d) {
      BigDecimal decimal = value instanceof Integer || value instanceof Long
          ? BigDecimal.valueOf(((Number) value).longValue())
          : value instanceof BigDecimal b ? b : null;
      if (decimal == null) {
        return null;
      }
      BigDecimal scaled = decimal.setScale(d.scale(), RoundingMode.HALF_UP);
      boolean exact = scaled.compareTo(decimal) == 0;
      return exact && scaled.precision() - scaled.scale() <= d.precision() - d.scale() ? new Literal(scaled, d) : null;
    }
    if (target instanceof DataType.Date32 && value instanceof String text) {
      try {
        return new Literal(LocalDate.parse(text.trim()), target);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
