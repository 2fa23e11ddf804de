package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * {@link Comparison} of two operands of one type: integers, dates and decimals of one scale as
 * longs; decimals of different scales by value; float64 as {@link Double#compare}; booleans with
 * false before true; utf8 by unsigned bytes. Null if either operand is null. Comparisons of a
 * column with a constant run a dedicated loop per operator.
 */
public final class ComparisonKernel {
  private ComparisonKernel() {}

  /** The kernel of a resolved comparison over its compiled operands. */
  public static CompiledExpression create(Comparison expr, CompiledExpression left, CompiledExpression right) {
    DataType leftType = expr.left().dataType();
    DataType rightType = expr.right().dataType();
    Comparison.Op op = expr.op();
    if (left instanceof ConstantKernel && !(right instanceof ConstantKernel)) {
      return create(new Comparison(op.flipped(), expr.right(), expr.left()), right, left);
    }
    if (leftType instanceof DataType.Decimal a && rightType instanceof DataType.Decimal b && a.scale() != b.scale()) {
      return decimals(op, a.scale(), b.scale(), left, right);
    }
    if (leftType instanceof DataType.Float64) {
      return input -> {
        DoubleData a = (DoubleData) left.evaluate(input);
        DoubleData b = (DoubleData) right.evaluate(input);
        int rows = input.rowCount();
        double[] x = a.values();
        double[] y = b.values();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
          order[i] = Double.compare(x[i], y[i]);
        }
        return test(op, order, NullMasks.or(a.nulls(), b.nulls(), rows), rows);
      };
    }
    if (leftType instanceof DataType.Utf8) {
      if (right instanceof ConstantKernel constant) {
        byte[] k = constant.bytes();
        return input -> {
          StringData a = (StringData) left.evaluate(input);
          return strings(op, a, k, input.rowCount());
        };
      }
      return input -> strings(op, (StringData) left.evaluate(input), (StringData) right.evaluate(input),
          input.rowCount());
    }
    if (leftType instanceof DataType.Bool) {
      return input -> {
        BoolData a = (BoolData) left.evaluate(input);
        BoolData b = (BoolData) right.evaluate(input);
        int rows = input.rowCount();
        int[] order = new int[rows];
        boolean[] x = a.values();
        boolean[] y = b.values();
        for (int i = 0; i < rows; i++) {
          order[i] = Boolean.compare(x[i], y[i]);
        }
        return test(op, order, NullMasks.or(a.nulls(), b.nulls(), rows), rows);
      };
    }
    if (right instanceof ConstantKernel constant) {
      long k = constant.longValue();
      return input -> longConstant(op, (LongData) left.evaluate(input), k, input.rowCount());
    }
    return input -> longs(op, (LongData) left.evaluate(input), (LongData) right.evaluate(input), input.rowCount());
  }

  private static BoolData longConstant(Comparison.Op op, LongData a, long k, int rows) {
    long[] x = a.values();
    boolean[] out = new boolean[rows];
    switch (op) {
      case EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] == k;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] != k;
        }
      }
      case LESS -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] < k;
        }
      }
      case LESS_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] <= k;
        }
      }
      case GREATER -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] > k;
        }
      }
      case GREATER_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] >= k;
        }
      }
    }
    return new BoolData(out, a.nulls(), rows);
  }

  private static BoolData longs(Comparison.Op op, LongData a, LongData b, int rows) {
    long[] x = a.values();
    long[] y = b.values();
    boolean[] out = new boolean[rows];
    switch (op) {
      case EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] == y[i];
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] != y[i];
        }
      }
      case LESS -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] < y[i];
        }
      }
      case LESS_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] <= y[i];
        }
      }
      case GREATER -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] > y[i];
        }
      }
      case GREATER_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i] >= y[i];
        }
      }
    }
    return new BoolData(out, NullMasks.or(a.nulls(), b.nulls(), rows), rows);
  }

  /** Decimals of different scales: the one of smaller scale is scaled up, exactly. */
  private static CompiledExpression decimals(Comparison.Op op, int leftScale, int rightScale,
      CompiledExpression left, CompiledExpression right) {
    if (right instanceof ConstantKernel constant && rightScale > leftScale) {
      long k = constant.longValue();
      long factor = DecimalMath.pow10(rightScale - leftScale);
      if (factor > 0 && k % factor == 0) {
        // The constant has no digits beyond the column's scale: compare at the column's scale.
        long atLeftScale = k / factor;
        return input -> longConstant(op, (LongData) left.evaluate(input), atLeftScale, input.rowCount());
      }
    }
    if (right instanceof ConstantKernel constant && leftScale > rightScale) {
      long factor = DecimalMath.pow10(leftScale - rightScale);
      long k = constant.longValue();
      if (factor > 0 && Math.multiplyHigh(k, factor) == ((k * factor) >> 63)) {
        long atLeftScale = k * factor;
        return input -> longConstant(op, (LongData) left.evaluate(input), atLeftScale, input.rowCount());
      }
    }
    return input -> {
      LongData a = (LongData) left.evaluate(input);
      LongData b = (LongData) right.evaluate(input);
      int rows = input.rowCount();
      long[] x = a.values();
      long[] y = b.values();
      int[] order = new int[rows];
      for (int i = 0; i < rows; i++) {
        order[i] = compareScaled(x[i], leftScale, y[i], rightScale);
      }
      return test(op, order, NullMasks.or(a.nulls(), b.nulls(), rows), rows);
    };
  }

  /** Compares two unscaled decimals of different scales by value. */
  static int compareScaled(long x, int xScale, long y, int yScale) {
    if (xScale < yScale) {
      return -compareScaled(y, yScale, x, xScale);
    }
    long factor = DecimalMath.pow10(xScale - yScale);
    if (factor < 0) {
      return new java.math.BigDecimal(java.math.BigInteger.valueOf(x), xScale)
          .compareTo(new java.math.BigDecimal(java.math.BigInteger.valueOf(y), yScale));
    }
    long high = Math.multiplyHigh(y, factor);
    long scaled = y * factor;
    if (high != (scaled >> 63)) {
      return y > 0 ? -1 : 1;
    }
    return Long.compare(x, scaled);
  }

  private static BoolData strings(Comparison.Op op, StringData a, StringData b, int rows) {
    byte[] x = a.bytes();
    byte[] y = b.bytes();
    int[] xo = a.offsets();
    int[] yo = b.offsets();
    boolean[] nulls = NullMasks.or(a.nulls(), b.nulls(), rows);
    if (op == Comparison.Op.EQUAL || op == Comparison.Op.NOT_EQUAL) {
      boolean want = op == Comparison.Op.EQUAL;
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = Arrays.equals(x, xo[i], xo[i + 1], y, yo[i], yo[i + 1]) == want;
      }
      return new BoolData(out, nulls, rows);
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = Arrays.compareUnsigned(x, xo[i], xo[i + 1], y, yo[i], yo[i + 1]);
    }
    return test(op, order, nulls, rows);
  }

  private static BoolData strings(Comparison.Op op, StringData a, byte[] k, int rows) {
    byte[] x = a.bytes();
    int[] xo = a.offsets();
    if (op == Comparison.Op.EQUAL || op == Comparison.Op.NOT_EQUAL) {
      boolean want = op == Comparison.Op.EQUAL;
      boolean[] out = new boolean[rows];
      int length = k.length;
      for (int i = 0; i < rows; i++) {
        int from = xo[i];
        int to = xo[i + 1];
        out[i] = (to - from == length && Arrays.equals(x, from, to, k, 0, length)) == want;
      }
      return new BoolData(out, a.nulls(), rows);
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = Arrays.compareUnsigned(x, xo[i], xo[i + 1], k, 0, k.length);
    }
    return test(op, order, a.nulls(), rows);
  }

  /** The booleans of an operator over comparison results ({@code <0}, {@code 0}, {@code >0}). */
  static BoolData test(Comparison.Op op, int[] order, boolean[] nulls, int rows) {
    boolean[] out = new boolean[rows];
    switch (op) {
      case EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] == 0;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] != 0;
        }
      }
      case LESS -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] < 0;
        }
      }
      case LESS_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] <= 0;
        }
      }
      case GREATER -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] > 0;
        }
      }
      case GREATER_OR_EQUAL -> {
        for (int i = 0; i < rows; i++) {
          out[i] = order[i] >= 0;
        }
      }
    }
    return new BoolData(out, nulls, rows);
  }
}
