package dev.sluice.gpu.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.gpu.kernel.CudaKernels;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.GpuException;
import dev.sluice.gpu.runtime.GpuTaskPermit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * FilterProject on the GPU through {@link CudaKernels}: the condition is a conjunction of
 * comparisons of an int64, date32, decimal (at most 18 digits, as its scaled long) or float64 column
 * with a literal; projections are column references and int64 (+ - *) or float64 (+ - * /)
 * arithmetic of columns and literals. Each comparison gives the ordered rows where it holds (null
 * rows never do), their intersection is the selection, the referenced columns are gathered on the
 * device and the arithmetic runs there; the output is written as the CPU operator writes it
 * ({@link ArrowColumns#write}). An int64 overflow (which the CPU wraps) or any driver failure throws,
 * so the caller runs that batch on the CPU.
 */
public final class CudaGpuOperators implements GpuOperators {
  private static final int MAX_DECIMAL_PRECISION = 18;

  @Override
  public Optional<String> unsupported(FilterProjectExec node) {
    if (node.condition() != null) {
      Optional<String> why = unsupportedCondition(node.condition());
      if (why.isPresent()) {
        return why;
      }
    }
    for (Expression projection : node.projections()) {
      Optional<String> why = unsupportedProjection(unaliased(projection));
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> unsupportedCondition(Expression condition) {
    if (condition instanceof And and) {
      Optional<String> left = unsupportedCondition(and.left());
      return left.isPresent() ? left : unsupportedCondition(and.right());
    }
    if (condition instanceof Comparison comparison) {
      BoundRef column;
      Literal literal;
      if (comparison.left() instanceof BoundRef ref && comparison.right() instanceof Literal lit) {
        column = ref;
        literal = lit;
      } else if (comparison.right() instanceof BoundRef ref && comparison.left() instanceof Literal lit) {
        column = ref;
        literal = lit;
      } else {
        return Optional.of("expression " + condition.sql() + " not supported on GPU (only column op literal)");
      }
      Optional<String> type = unsupportedType(column.type(), true);
      if (type.isPresent()) {
        return type;
      }
      if (literal.value() == null) {
        return Optional.of("comparison with NULL " + condition.sql() + " not supported on GPU");
      }
      if (constant(literal, column.type()) == null) {
        return Optional.of("literal " + literal.sql() + " not comparable on GPU with " + column.type().displayName());
      }
      return Optional.empty();
    }
    return Optional.of("expression " + condition.sql() + " not supported on GPU");
  }

  /** A projection's expression without its output name (the node's schema names the column). */
  private static Expression unaliased(Expression projection) {
    Expression expression = projection;
    while (expression instanceof Alias alias) {
      expression = alias.child();
    }
    return expression;
  }

  private static Optional<String> unsupportedProjection(Expression projection) {
    if (projection instanceof BoundRef ref) {
      return unsupportedType(ref.type(), true);
    }
    if (!(projection instanceof Arithmetic arithmetic)) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU");
    }
    DataType type = arithmetic.dataType();
    Arithmetic.Op op = arithmetic.op();
    boolean leftLiteral = arithmetic.left() instanceof Literal;
    boolean rightLiteral = arithmetic.right() instanceof Literal;
    if (op == Arithmetic.Op.REMAINDER) {
      return Optional.of("operator % not supported on GPU");
    }
    if (leftLiteral && rightLiteral) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU (two literals)");
    }
    if (leftLiteral && op == Arithmetic.Op.DIVIDE) {
      return Optional.of("expression " + projection.sql() + " not supported on GPU (literal dividend)");
    }
    if (type instanceof DataType.Int64) {
      if (op == Arithmetic.Op.DIVIDE) {
        return Optional.of("operator / on int64 not supported on GPU");
      }
    } else if (type instanceof DataType.Decimal result) {
      Optional<String> why = decimalShape(arithmetic, result);
      if (why.isPresent()) {
        return why;
      }
    } else if (!(type instanceof DataType.Float64)) {
      return Optional.of("arithmetic on " + type.displayName() + " not supported on GPU");
    }
    for (Expression operand : arithmetic.children()) {
      if (operand instanceof Literal literal) {
        if (literal.value() == null) {
          return Optional.of("NULL operand in " + projection.sql() + " not supported on GPU");
        }
        if (literal.value() instanceof BigDecimal decimal && !fitsLong(decimal)) {
          return Optional.of("literal " + literal.sql() + " not supported on GPU");
        }
      } else {
        Optional<String> why = unsupportedProjection(operand);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean fitsLong(BigDecimal decimal) {
    return decimal.unscaledValue().bitLength() < 64;
  }

  /** Why a decimal operation's scales are beyond the kernels, or empty. */
  private static Optional<String> decimalShape(Arithmetic arithmetic, DataType.Decimal result) {
    int left = ((DataType.Decimal) arithmetic.left().dataType()).scale();
    int right = ((DataType.Decimal) arithmetic.right().dataType()).scale();
    int exponent = switch (arithmetic.op()) {
      case ADD, SUBTRACT -> result.scale() == Math.max(left, right) ? Math.abs(left - right) : -1;
      case MULTIPLY -> left + right - result.scale();
      case DIVIDE -> result.scale() - left + right;
      case REMAINDER -> -1;
    };
    if (exponent < 0 || exponent > 18) {
      return Optional.of("decimal " + arithmetic.op().symbol() + " giving " + result.displayName()
          + " not supported on GPU");
    }
    return Optional.empty();
  }

  private static Optional<String> unsupportedType(DataType type, boolean dates) {
    if (type instanceof DataType.Int64 || type instanceof DataType.Float64
        || (dates && type instanceof DataType.Date32)) {
      return Optional.empty();
    }
    if (type instanceof DataType.Decimal d && d.precision() <= MAX_DECIMAL_PRECISION) {
      return Optional.empty();
    }
    return Optional.of("type " + type.displayName() + " not supported");
  }

  /** The literal as the column's long or double representation, or null when it has none exactly. */
  private static Object constant(Literal literal, DataType columnType) {
    Object value = literal.value();
    if (columnType instanceof DataType.Float64) {
      return value instanceof Double d ? d : null;
    }
    if (columnType instanceof DataType.Int64) {
      return value instanceof Long l ? l : null;
    }
    if (columnType instanceof DataType.Date32) {
      return value instanceof LocalDate d ? d.toEpochDay() : null;
    }
    if (columnType instanceof DataType.Decimal d && value instanceof BigDecimal decimal) {
      try {
        return decimal.setScale(d.scale()).unscaledValue().longValueExact();
      } catch (ArithmeticException inexact) {
        return null;
      }
    }
    return null;
  }

  @Override
  public Optional<String> unsupported(ColumnarAggregateExec node) {
    return Optional.of("no GPU implementation of Aggregate yet");
  }

  @Override
  public Batch partialAggregate(ColumnarAggregateExec node, Batch input, BufferAllocator allocator) {
    throw new GpuException("no GPU implementation of Aggregate yet");
  }

  @Override
  public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
    Optional<String> why = unsupported(node);
    if (why.isPresent()) {
      throw new GpuException("not on GPU: " + why.get());
    }
    int rows = input.rowCount();
    if (rows == 0) {
      return null;
    }
    CudaRuntime runtime = CudaRuntime.get();
    GpuTaskPermit permit;
    try {
      permit = runtime.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GpuException("interrupted waiting for the GPU");
    }
    try (permit; Work work = new Work(new CudaKernels(runtime), input, rows, allocator)) {
      int[] selection = work.select(node.condition());
      if (selection.length == 0) {
        return null;
      }
      List<ColumnData> outputs = new ArrayList<>(node.projections().size());
      for (int p = 0; p < node.projections().size(); p++) {
        Expression projection = unaliased(node.projections().get(p));
        FieldVector result = work.project(projection, selection);
        outputs.add(columnData(result, node.schema().fields().get(p).type(), selection.length));
      }
      return ArrowColumns.write(new VectorBatch(node.schema(), outputs, selection.length), allocator);
    }
  }

  /** A kernel result as the CPU's column data of {@code type}. */
  private static ColumnData columnData(FieldVector vector, DataType type, int rows) {
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

  /** One batch's device work; closes every temporary vector. */
  private static final class Work implements AutoCloseable {
    private final CudaKernels kernels;
    private final Batch input;
    private final int rows;
    private final BufferAllocator allocator;
    private final List<FieldVector> temporaries = new ArrayList<>();
    private final Map<Integer, FieldVector> inputs = new HashMap<>();
    private final Map<Integer, FieldVector> gathered = new HashMap<>();

    Work(CudaKernels kernels, Batch input, int rows, BufferAllocator allocator) {
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
      Object constant = constant(literal, ref.type());
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

    /** The projection over the selected rows, a vector owned by this work. */
    FieldVector project(Expression expression, int[] selection) {
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
  }
}
