package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;

/**
 * {@link Arithmetic} on int32, int64 and float64, plus {@code abs} and {@code negate}; decimals
 * go to {@link DecimalArithmeticKernel}. Integers wrap as Java's do (Spark's non-ANSI mode; int32
 * results are wrapped to 32 bits); division or remainder by zero gives null.
 */
public final class ArithmeticKernel {
  private ArithmeticKernel() {}

  /** The kernel of a resolved arithmetic expression over its compiled operands. */
  public static CompiledExpression create(Arithmetic expr, CompiledExpression left, CompiledExpression right) {
    DataType type = expr.dataType();
    if (type instanceof DataType.Decimal) {
      return DecimalArithmeticKernel.create(expr, left, right);
    }
    Arithmetic.Op op = expr.op();
    if (type instanceof DataType.Float64) {
      if (right instanceof ConstantKernel constant) {
        double k = constant.doubleValue();
        return input -> doubleConstant(op, (DoubleData) left.evaluate(input), k, input.rowCount());
      }
      return input -> doubles(op, (DoubleData) left.evaluate(input), (DoubleData) right.evaluate(input),
          input.rowCount());
    }
    if (!(type instanceof DataType.Int32 || type instanceof DataType.Int64)) {
      throw new IllegalArgumentException("arithmetic " + expr.sql() + " on " + type.displayName()
          + " operands; the analyzer gives it int32, int64, float64 or decimal ones");
    }
    boolean int32 = type instanceof DataType.Int32;
    if (right instanceof ConstantKernel constant) {
      long k = constant.longValue();
      return input -> longConstant(op, type, int32, (LongData) left.evaluate(input), k, input.rowCount());
    }
    if (left instanceof ConstantKernel constant && (op == Arithmetic.Op.ADD || op == Arithmetic.Op.MULTIPLY)) {
      long k = constant.longValue();
      return input -> longConstant(op, type, int32, (LongData) right.evaluate(input), k, input.rowCount());
    }
    return input -> longs(op, type, int32, (LongData) left.evaluate(input), (LongData) right.evaluate(input),
        input.rowCount());
  }

  private static LongData longs(Arithmetic.Op op, DataType type, boolean int32, LongData a, LongData b, int rows) {
    long[] x = a.values();
    long[] y = b.values();
    long[] out = new long[rows];
    boolean[] nulls = NullMasks.or(a.nulls(), b.nulls(), rows);
    switch (op) {
      case ADD -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] - y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] * y[i];
        }
      }
      case DIVIDE, REMAINDER -> {
        boolean[] withZeros = null;
        boolean divide = op == Arithmetic.Op.DIVIDE;
        for (int i = 0; i < rows; i++) {
          long d = y[i];
          if (d == 0) {
            if (withZeros == null) {
              withZeros = NullMasks.copy(nulls, rows);
            }
            withZeros[i] = true;
          } else {
            out[i] = divide ? x[i] / d : x[i] % d;
          }
        }
        nulls = withZeros == null ? nulls : withZeros;
      }
    }
    if (int32) {
      wrapInt32(out, rows);
    }
    return new LongData(type, out, nulls, rows);
  }

  private static ColumnData longConstant(Arithmetic.Op op, DataType type, boolean int32, LongData a, long k,
      int rows) {
    if (k == 0 && (op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER)) {
      return ConstantKernel.nulls(type, rows);
    }
    long[] x = a.values();
    long[] out = new long[rows];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] + k;
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] - k;
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] * k;
        }
      }
      case DIVIDE -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] / k;
        }
      }
      case REMAINDER -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] % k;
        }
      }
    }
    if (int32) {
      wrapInt32(out, rows);
    }
    return new LongData(type, out, a.nulls(), rows);
  }

  private static void wrapInt32(long[] values, int rows) {
    for (int i = 0; i < rows; i++) {
      values[i] = (int) values[i];
    }
  }

  private static DoubleData doubles(Arithmetic.Op op, DoubleData a, DoubleData b, int rows) {
    double[] x = a.values();
    double[] y = b.values();
    double[] out = new double[rows];
    boolean[] nulls = NullMasks.or(a.nulls(), b.nulls(), rows);
    switch (op) {
      case ADD -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] - y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] * y[i];
        }
      }
      case DIVIDE, REMAINDER -> {
        boolean[] withZeros = null;
        boolean divide = op == Arithmetic.Op.DIVIDE;
        for (int i = 0; i < rows; i++) {
          double d = y[i];
          if (d == 0) {
            if (withZeros == null) {
              withZeros = NullMasks.copy(nulls, rows);
            }
            withZeros[i] = true;
          } else {
            out[i] = divide ? x[i] / d : x[i] % d;
          }
        }
        nulls = withZeros == null ? nulls : withZeros;
      }
    }
    return new DoubleData(out, nulls, rows);
  }

  private static ColumnData doubleConstant(Arithmetic.Op op, DoubleData a, double k, int rows) {
    if (k == 0 && (op == Arithmetic.Op.DIVIDE || op == Arithmetic.Op.REMAINDER)) {
      return ConstantKernel.nulls(DataType.FLOAT64, rows);
    }
    double[] x = a.values();
    double[] out = new double[rows];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] + k;
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] - k;
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] * k;
        }
      }
      case DIVIDE -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] / k;
        }
      }
      case REMAINDER -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] % k;
        }
      }
    }
    return new DoubleData(out, a.nulls(), rows);
  }

  /** {@code abs(x)} or {@code -x} of a number; integers wrap (abs of the minimum is itself). */
  public static CompiledExpression unary(ScalarFunction function, DataType type, CompiledExpression child,
      String sql) {
    boolean negate = function == ScalarFunction.NEGATE;
    if (type instanceof DataType.Float64) {
      return input -> {
        DoubleData a = (DoubleData) child.evaluate(input);
        int rows = input.rowCount();
        double[] x = a.values();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
          out[i] = negate ? -x[i] : Math.abs(x[i]);
        }
        return new DoubleData(out, a.nulls(), rows);
      };
    }
    if (!(type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Decimal)) {
      throw new IllegalArgumentException(sql + " takes a number, got " + type.displayName());
    }
    boolean int32 = type instanceof DataType.Int32;
    boolean decimal = type instanceof DataType.Decimal;
    return input -> {
      LongData a = (LongData) child.evaluate(input);
      int rows = input.rowCount();
      long[] x = a.values();
      long[] out = new long[rows];
      boolean[] nulls = a.nulls();
      for (int i = 0; i < rows; i++) {
        long v = x[i];
        if (decimal && v == Long.MIN_VALUE && !NullMasks.isNull(nulls, i)) {
          throw DecimalMath.overflow(sql);
        }
        out[i] = negate ? -v : Math.abs(v);
      }
      if (int32) {
        wrapInt32(out, rows);
      }
      return new LongData(type, out, nulls, rows);
    };
  }
}
