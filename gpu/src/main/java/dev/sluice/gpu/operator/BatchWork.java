package dev.sluice.gpu.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.gpu.kernel.CudaKernels;
import dev.sluice.gpu.runtime.GpuException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * One batch's work on the GPU for the expressions {@link GpuSupport} accepts: a condition to the
 * ordered rows where it holds, and expressions over those rows (or over every row) as int64 or
 * float64 Arrow vectors (date32 and decimal columns as their longs), each kernel's result copied
 * back into an Arrow vector. Owns every vector it makes and closes them all.
 */
final class BatchWork implements AutoCloseable {
  private final CudaKernels kernels;
  private final Batch input;
  private final int rows;
  private final BufferAllocator allocator;
  private final List<FieldVector> temporaries = new ArrayList<>();
  private final Map<Integer, FieldVector> inputs = new HashMap<>();
  private final Map<Integer, FieldVector> gathered = new HashMap<>();

  BatchWork(CudaKernels kernels, Batch input, int rows, BufferAllocator allocator) {
    this.kernels = kernels;
    this.input = input;
    this.rows = rows;
    this.allocator = allocator;
  }

  /** The column as an int64 or float64 Arrow vector (date32 and decimal as their longs). */
  FieldVector column(BoundRef ref) {
    return inputs.computeIfAbsent(ref.index(), index -> {
      FieldVector vector = input.root().getVector(index);
      if (vector instanceof BigIntVector || vector instanceof Float8Vector) {
        return vector;
      }
      ColumnData data = ArrowColumns.read(vector, rows);
      if (!(data instanceof LongData longs)) {
        throw new GpuException("column " + ref.name() + " is not a long column on the GPU");
      }
      BigIntVector copy = temporary(new BigIntVector(ref.name(), allocator));
      copy.allocateNew(rows);
      boolean[] nulls = longs.nulls();
      long[] values = longs.values();
      for (int i = 0; i < rows; i++) {
        if (nulls != null && nulls[i]) {
          copy.setNull(i);
        } else {
          copy.set(i, values[i]);
        }
      }
      copy.setValueCount(rows);
      return copy;
    });
  }

  int[] select(Expression condition) {
    if (condition == null) {
      int[] all = new int[rows];
      for (int i = 0; i < rows; i++) {
        all[i] = i;
      }
      return all;
    }
    if (condition instanceof And and) {
      int[] left = select(and.left());
      return left.length == 0 ? left : intersect(left, select(and.right()));
    }
    Comparison comparison = (Comparison) condition;
    BoundRef ref;
    Literal literal;
    Comparison.Op op;
    if (comparison.left() instanceof BoundRef r) {
      ref = r;
      literal = (Literal) comparison.right();
      op = comparison.op();
    } else {
      ref = (BoundRef) comparison.right();
      literal = (Literal) comparison.left();
      op = comparison.op().flipped();
    }
    CudaKernels.Comparison kernelOp = CudaKernels.Comparison.values()[op.ordinal()];
    Object constant = GpuSupport.constant(literal, ref.type());
    FieldVector column = column(ref);
    if (column instanceof Float8Vector doubles) {
      return kernels.filterIndices(doubles, kernelOp, (Double) constant, allocator);
    }
    return kernels.filterIndices((BigIntVector) column, kernelOp, (Long) constant, allocator);
  }

  private static int[] intersect(int[] a, int[] b) {
    int[] out = new int[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[k++] = a[i];
        i++;
        j++;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /**
   * The expression over the selected rows ({@code selection} null: every row, where a column is the
   * input's own vector), a vector owned by this work.
   */
  FieldVector project(Expression expression, int[] selection) {
    if (expression instanceof BoundRef ref && selection == null) {
      return column(ref);
    }
    if (expression instanceof BoundRef ref) {
      FieldVector cached = gathered.get(ref.index());
      if (cached != null) {
        return cached;
      }
      FieldVector column = column(ref);
      FieldVector out = column instanceof Float8Vector doubles
          ? temporary(kernels.gather(doubles, selection, allocator))
          : temporary(kernels.gather((BigIntVector) column, selection, allocator));
      gathered.put(ref.index(), out);
      return out;
    }
    Arithmetic arithmetic = (Arithmetic) expression;
    Expression left = arithmetic.left();
    Expression right = arithmetic.right();
    DataType type = arithmetic.dataType();
    Arithmetic.Op op = arithmetic.op();
    if (type instanceof DataType.Float64) {
      Float8Vector out;
      if (left instanceof Literal literal) {
        Float8Vector b = (Float8Vector) project(right, selection);
        if (op == Arithmetic.Op.SUBTRACT) {
          // c - x = (-x) + c exactly in IEEE arithmetic
          Float8Vector negated = temporary(new Float8Vector("p", allocator));
          kernels.arithmetic(b, null, -1.0, CudaKernels.DoubleOp.MULTIPLY, negated);
          b = negated;
          op = Arithmetic.Op.ADD;
        }
        out = temporary(new Float8Vector("p", allocator));
        kernels.arithmetic(b, null, (Double) literal.value(), doubleOp(op), out);
      } else {
        Float8Vector a = (Float8Vector) project(left, selection);
        Float8Vector b = right instanceof Literal ? null : (Float8Vector) project(right, selection);
        double constant = right instanceof Literal literal ? (Double) literal.value() : 0.0;
        out = temporary(new Float8Vector("p", allocator));
        kernels.arithmetic(a, b, constant, doubleOp(op), out);
      }
      return out;
    }
    if (type instanceof DataType.Int64) {
      BigIntVector a;
      BigIntVector b;
      long constant = 0;
      if (left instanceof Literal literal) {
        a = (BigIntVector) project(right, selection);
        b = null;
        constant = (Long) literal.value();
        if (op == Arithmetic.Op.SUBTRACT) {
          a = longs(a, null, -1, CudaKernels.LongOp.MULTIPLY, expression);
          op = Arithmetic.Op.ADD;
        }
      } else {
        a = (BigIntVector) project(left, selection);
        b = right instanceof Literal ? null : (BigIntVector) project(right, selection);
        constant = right instanceof Literal literal ? (Long) literal.value() : 0;
      }
      return longs(a, b, constant, CudaKernels.LongOp.values()[op.ordinal()], expression);
    }
    return decimal(arithmetic, (DataType.Decimal) type, selection);
  }

  private static CudaKernels.DoubleOp doubleOp(Arithmetic.Op op) {
    return CudaKernels.DoubleOp.values()[op.ordinal()];
  }

  private BigIntVector longs(BigIntVector a, BigIntVector b, long constant, CudaKernels.LongOp op,
      Expression expression) {
    BigIntVector out = temporary(new BigIntVector("p", allocator));
    if (kernels.arithmetic(a, b, constant, op, out, allocator)) {
      throw new GpuException("int64 overflow in " + expression.sql() + "; running the batch on the CPU");
    }
    return out;
  }

  /** Decimal + - * / on scaled longs, as the CPU's DecimalArithmeticKernel (its fast path). */
  private BigIntVector decimal(Arithmetic arithmetic, DataType.Decimal result, int[] selection) {
    Arithmetic.Op op = arithmetic.op();
    int leftScale = ((DataType.Decimal) arithmetic.left().dataType()).scale();
    int rightScale = ((DataType.Decimal) arithmetic.right().dataType()).scale();
    Expression left = arithmetic.left();
    Expression right = arithmetic.right();
    if (left instanceof Literal && op != Arithmetic.Op.SUBTRACT) {
      // + and * commute (their result types do too)
      left = arithmetic.right();
      right = arithmetic.left();
      int swap = leftScale;
      leftScale = rightScale;
      rightScale = swap;
    }
    String sql = arithmetic.sql();
    switch (op) {
      case MULTIPLY, DIVIDE -> {
        BigIntVector a = (BigIntVector) project(left, selection);
        BigIntVector b = right instanceof Literal ? null : (BigIntVector) project(right, selection);
        long constant = right instanceof Literal literal ? unscaled(literal) : 0;
        BigIntVector out = temporary(new BigIntVector("p", allocator));
        boolean overflow = op == Arithmetic.Op.MULTIPLY
            ? kernels.decimalMultiply(a, b, constant, pow10(leftScale + rightScale - result.scale()), out, allocator)
            : kernels.decimalDivide(a, b, constant, pow10(result.scale() - leftScale + rightScale), out, allocator);
        if (overflow) {
          throw new GpuException("decimal overflow in " + sql + "; running the batch on the CPU");
        }
        return out;
      }
      default -> {
        // a + b or a - b at the larger scale: both sides rescaled exactly first
        int scale = result.scale();
        boolean subtract = op == Arithmetic.Op.SUBTRACT;
        if (left instanceof Literal literal) {
          // c - x = (-x) + c
          BigIntVector x = rescaled((BigIntVector) project(right, selection), pow10(scale - rightScale), sql);
          BigIntVector negated = longs(x, null, -1, CudaKernels.LongOp.MULTIPLY, arithmetic);
          return longs(negated, null, scaledConstant(literal, scale, sql), CudaKernels.LongOp.ADD, arithmetic);
        }
        BigIntVector a = rescaled((BigIntVector) project(left, selection), pow10(scale - leftScale), sql);
        CudaKernels.LongOp longOp = subtract ? CudaKernels.LongOp.SUBTRACT : CudaKernels.LongOp.ADD;
        if (right instanceof Literal literal) {
          return longs(a, null, scaledConstant(literal, scale, sql), longOp, arithmetic);
        }
        BigIntVector b = rescaled((BigIntVector) project(right, selection), pow10(scale - rightScale), sql);
        return longs(a, b, 0, longOp, arithmetic);
      }
    }
  }

  /** The values times {@code factor} exactly (an overflow throws). */
  private BigIntVector rescaled(BigIntVector values, long factor, String sql) {
    if (factor == 1) {
      return values;
    }
    BigIntVector out = temporary(new BigIntVector("p", allocator));
    if (kernels.decimalMultiply(values, null, factor, 1, out, allocator)) {
      throw new GpuException("decimal overflow in " + sql + "; running the batch on the CPU");
    }
    return out;
  }

  private static long unscaled(Literal literal) {
    return ((BigDecimal) literal.value()).unscaledValue().longValueExact();
  }

  private static long scaledConstant(Literal literal, int scale, String sql) {
    try {
      return ((BigDecimal) literal.value()).setScale(scale).unscaledValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new GpuException("literal beyond 64 bits in " + sql + "; running the batch on the CPU");
    }
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  private <V extends FieldVector> V temporary(V vector) {
    temporaries.add(vector);
    return vector;
  }

  @Override
  public void close() {
    for (FieldVector vector : temporaries) {
      vector.close();
    }
  }

  /** A kernel result as the CPU's column data of {@code type}. */
  static ColumnData columnData(FieldVector vector, DataType type, int rows) {
    boolean[] nulls = null;
    if (vector.getNullCount() > 0) {
      nulls = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        nulls[i] = vector.isNull(i);
      }
    }
    if (vector instanceof Float8Vector doubles) {
      double[] values = new double[rows];
      for (int i = 0; i < rows; i++) {
        values[i] = nulls != null && nulls[i] ? 0.0 : doubles.getDataBuffer().getDouble(8L * i);
      }
      return new DoubleData(values, nulls, rows);
    }
    BigIntVector longs = (BigIntVector) vector;
    long[] values = new long[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = nulls != null && nulls[i] ? 0L : longs.getDataBuffer().getLong(8L * i);
    }
    return new LongData(type, values, nulls, rows);
  }
}
