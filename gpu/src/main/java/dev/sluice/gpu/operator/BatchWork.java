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
import dev.sluice.gpu.kernel.DeviceColumn;
import dev.sluice.gpu.kernel.DeviceRows;
import dev.sluice.gpu.runtime.DeviceBuffer;
import dev.sluice.gpu.runtime.GpuException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * One batch's work on the GPU for the expressions {@link GpuSupport} accepts. Each input column an
 * expression uses is copied to the device once (int64 and float64 straight from their Arrow
 * buffers; date32, int32 and decimal as their longs); a condition becomes a selection on the device
 * (one selection per comparison, AND-ed, compacted once); expressions are evaluated over the
 * selected rows, or every row, into device columns; only what the caller downloads comes back.
 * Every int64 and decimal kernel sets one overflow flag, read once by {@link #checkOverflow}.
 * Owns every device column it makes and releases them all on {@link #close}.
 */
final class BatchWork implements AutoCloseable {
  private final CudaKernels kernels;
  private final Batch input;
  private final int rows;
  private final BufferAllocator allocator;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Map<Integer, DeviceColumn> inputs = new HashMap<>();
  private final Map<Integer, DeviceColumn> gathered = new HashMap<>();
  private DeviceBuffer overflow;

  BatchWork(CudaKernels kernels, Batch input, int rows, BufferAllocator allocator) {
    this.kernels = kernels;
    this.input = input;
    this.rows = rows;
    this.allocator = allocator;
  }

  CudaKernels kernels() {
    return kernels;
  }

  /** The input column on the device (date32, int32 and decimal as their longs), copied once. */
  DeviceColumn column(BoundRef ref) {
    DeviceColumn column = inputs.get(ref.index());
    if (column == null) {
      column = owned(upload(ref));
      inputs.put(ref.index(), column);
    }
    return column;
  }

  private DeviceColumn upload(BoundRef ref) {
    FieldVector vector = input.root().getVector(ref.index());
    if (vector instanceof BigIntVector || vector instanceof Float8Vector) {
      return kernels.upload(vector);
    }
    ColumnData data = ArrowColumns.read(vector, rows);
    if (!(data instanceof LongData longs)) {
      throw new GpuException("column " + ref.name() + " is not a long column on the GPU");
    }
    try (BigIntVector copy = new BigIntVector(ref.name(), allocator)) {
      copy.allocateNew(Math.max(rows, 1));
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
      return kernels.upload(copy);
    }
  }

  /** The rows where {@code condition} holds, in row order, or null for every row (no condition). */
  DeviceRows select(Expression condition) {
    if (condition == null) {
      return null;
    }
    try (DeviceBuffer selection = selection(condition)) {
      return owned(kernels.compact(selection, rows, allocator));
    }
  }

  private DeviceBuffer selection(Expression condition) {
    if (condition instanceof And and) {
      DeviceBuffer left = selection(and.left());
      try (DeviceBuffer right = selection(and.right())) {
        kernels.and(left, right, rows);
        return left;
      } catch (RuntimeException e) {
        left.close();
        throw e;
      }
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
    DeviceColumn column = column(ref);
    return column.kind() == DeviceColumn.Kind.DOUBLE ? kernels.select(column, kernelOp, (Double) constant)
        : kernels.select(column, kernelOp, (Long) constant);
  }

  /** The selected rows' indices on the host (every row when {@code selection} is null). */
  int[] indices(DeviceRows selection) {
    if (selection == null) {
      int[] all = new int[rows];
      for (int i = 0; i < rows; i++) {
        all[i] = i;
      }
      return all;
    }
    return kernels.indices(selection, allocator);
  }

  /** How many rows {@code selection} keeps. */
  int count(DeviceRows selection) {
    return selection == null ? rows : selection.count();
  }

  /** The expression over the selected rows ({@code selection} null: every row), a column owned by this work. */
  DeviceColumn project(Expression expression, DeviceRows selection) {
    if (expression instanceof BoundRef ref) {
      if (selection == null) {
        return column(ref);
      }
      DeviceColumn cached = gathered.get(ref.index());
      if (cached == null) {
        cached = owned(kernels.gather(column(ref), selection));
        gathered.put(ref.index(), cached);
      }
      return cached;
    }
    Arithmetic arithmetic = (Arithmetic) expression;
    Expression left = arithmetic.left();
    Expression right = arithmetic.right();
    DataType type = arithmetic.dataType();
    Arithmetic.Op op = arithmetic.op();
    if (type instanceof DataType.Float64) {
      if (left instanceof Literal literal) {
        DeviceColumn b = project(right, selection);
        if (op == Arithmetic.Op.SUBTRACT) {
          // c - x = (-x) + c exactly in IEEE arithmetic
          b = owned(kernels.arithmetic(b, null, -1.0, CudaKernels.DoubleOp.MULTIPLY));
          op = Arithmetic.Op.ADD;
        }
        return owned(kernels.arithmetic(b, null, (Double) literal.value(), doubleOp(op)));
      }
      DeviceColumn a = project(left, selection);
      DeviceColumn b = right instanceof Literal ? null : project(right, selection);
      double constant = right instanceof Literal literal ? (Double) literal.value() : 0.0;
      return owned(kernels.arithmetic(a, b, constant, doubleOp(op)));
    }
    if (type instanceof DataType.Int64) {
      DeviceColumn a;
      DeviceColumn b;
      long constant;
      if (left instanceof Literal literal) {
        a = project(right, selection);
        b = null;
        constant = (Long) literal.value();
        if (op == Arithmetic.Op.SUBTRACT) {
          a = longs(a, null, -1, CudaKernels.LongOp.MULTIPLY);
          op = Arithmetic.Op.ADD;
        }
      } else {
        a = project(left, selection);
        b = right instanceof Literal ? null : project(right, selection);
        constant = right instanceof Literal literal ? (Long) literal.value() : 0;
      }
      return longs(a, b, constant, CudaKernels.LongOp.values()[op.ordinal()]);
    }
    return decimal(arithmetic, (DataType.Decimal) type, selection);
  }

  private static CudaKernels.DoubleOp doubleOp(Arithmetic.Op op) {
    return CudaKernels.DoubleOp.values()[op.ordinal()];
  }

  private DeviceBuffer overflowFlag() {
    if (overflow == null) {
      overflow = owned(kernels.newFlag());
    }
    return overflow;
  }

  private DeviceColumn longs(DeviceColumn a, DeviceColumn b, long constant, CudaKernels.LongOp op) {
    return owned(kernels.arithmetic(a, b, constant, op, overflowFlag()));
  }

  /** Decimal + - * / on scaled longs, as the CPU's DecimalArithmeticKernel (its fast path). */
  private DeviceColumn decimal(Arithmetic arithmetic, DataType.Decimal result, DeviceRows selection) {
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
        DeviceColumn a = project(left, selection);
        DeviceColumn b = right instanceof Literal ? null : project(right, selection);
        long constant = right instanceof Literal literal ? unscaled(literal) : 0;
        return owned(op == Arithmetic.Op.MULTIPLY
            ? kernels.decimalMultiply(a, b, constant, pow10(leftScale + rightScale - result.scale()), overflowFlag())
            : kernels.decimalDivide(a, b, constant, pow10(result.scale() - leftScale + rightScale), overflowFlag()));
      }
      default -> {
        // a + b or a - b at the larger scale: both sides rescaled exactly first
        int scale = result.scale();
        boolean subtract = op == Arithmetic.Op.SUBTRACT;
        if (left instanceof Literal literal) {
          // c - x = (-x) + c
          DeviceColumn x = rescaled(project(right, selection), pow10(scale - rightScale));
          DeviceColumn negated = longs(x, null, -1, CudaKernels.LongOp.MULTIPLY);
          return longs(negated, null, scaledConstant(literal, scale, sql), CudaKernels.LongOp.ADD);
        }
        DeviceColumn a = rescaled(project(left, selection), pow10(scale - leftScale));
        CudaKernels.LongOp longOp = subtract ? CudaKernels.LongOp.SUBTRACT : CudaKernels.LongOp.ADD;
        if (right instanceof Literal literal) {
          return longs(a, null, scaledConstant(literal, scale, sql), longOp);
        }
        DeviceColumn b = rescaled(project(right, selection), pow10(scale - rightScale));
        return longs(a, b, 0, longOp);
      }
    }
  }

  /** The values times {@code factor} exactly (an overflow sets the flag). */
  private DeviceColumn rescaled(DeviceColumn values, long factor) {
    if (factor == 1) {
      return values;
    }
    return owned(kernels.decimalMultiply(values, null, factor, 1, overflowFlag()));
  }

  /**
   * Throws when an int64 or decimal kernel of this batch overflowed 64 bits (the CPU wraps int64
   * and reports or widens decimals, so the caller runs the batch there).
   */
  void checkOverflow(String where) {
    if (overflow != null && kernels.isSet(overflow, allocator)) {
      throw new GpuException("int64 or decimal overflow in " + where + "; running the batch on the CPU");
    }
  }

  /** A device column as the CPU's column data of {@code type}, copied back through an Arrow vector. */
  ColumnData download(DeviceColumn column, DataType type) {
    int count = column.rows();
    try (BaseFixedWidthVector vector = column.kind() == DeviceColumn.Kind.DOUBLE
        ? new Float8Vector("out", allocator) : new BigIntVector("out", allocator)) {
      kernels.download(column, vector);
      boolean[] nulls = null;
      if (vector.getNullCount() > 0) {
        nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
          nulls[i] = vector.isNull(i);
        }
      }
      if (vector instanceof Float8Vector doubles) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
          values[i] = nulls != null && nulls[i] ? 0.0 : doubles.getDataBuffer().getDouble(8L * i);
        }
        return new DoubleData(values, nulls, count);
      }
      long[] values = new long[count];
      for (int i = 0; i < count; i++) {
        values[i] = nulls != null && nulls[i] ? 0L : vector.getDataBuffer().getLong(8L * i);
      }
      return new LongData(type, values, nulls, count);
    }
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

  /** 10 to the power {@code exponent}, 0 to 18. */
  static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  private <T extends AutoCloseable> T owned(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new GpuException("releasing device memory failed: " + e);
        }
      }
    }
    owned.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
