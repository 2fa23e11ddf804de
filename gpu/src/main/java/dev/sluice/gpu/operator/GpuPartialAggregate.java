package dev.sluice.gpu.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.gpu.kernel.CudaKernels;
import dev.sluice.gpu.kernel.DeviceColumn;
import dev.sluice.gpu.kernel.DeviceGroups;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.GpuException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The partial aggregation of one batch on the GPU, in the layout of
 * {@code AggregateStates#partialSchema}: the batch's rows are assigned to groups on the device
 * ({@link DeviceGroups}), each aggregate's input is computed there ({@link BatchWork}), and the
 * count, 128-bit sum, min and max kernels give every group's states. The groups' keys are the key
 * columns' values at each group's first row, so they never leave the host.
 *
 * <p>How rows find their group: no key is one group; one integer, date or decimal key groups by
 * its value in the device's hash table; other keys (strings, several columns) are first
 * dictionary-encoded per batch on the host, each column's values numbered in first-seen order
 * (null one value of its own) and the numbers combined into one code, which groups through dense
 * codes when there are at most {@value #MAX_DENSE_CODES} combinations and through the hash table
 * otherwise.
 *
 * <p>States equal the CPU's for the same batch: integer sums wrap as the CPU's, decimal sums are
 * exact in 128 bits and a sum beyond its type's precision throws (the CPU then reports it), and a
 * group without a non-null input has a null sum, min and max and a count of 0.
 */
final class GpuPartialAggregate {
  /** The most key combinations grouped through dense codes rather than the hash table. */
  static final int MAX_DENSE_CODES = 1 << 16;

  private final ColumnarAggregateExec node;
  private final CudaRuntime runtime;
  private final BufferAllocator allocator;

  GpuPartialAggregate(ColumnarAggregateExec node, CudaRuntime runtime, BufferAllocator allocator) {
    this.node = node;
    this.runtime = runtime;
    this.allocator = allocator;
  }

  /** The batch's groups and their states; the caller owns the result. */
  Batch aggregate(Batch input) {
    int rows = input.rowCount();
    List<FieldVector> out = new ArrayList<>();
    try (BatchWork work = new BatchWork(new CudaKernels(runtime), input, rows, allocator)) {
      // every aggregate's input first, so one read of the overflow flag covers them all
      List<DeviceColumn> inputs = new ArrayList<>(node.aggregates().size());
      for (AggregateCall call : node.aggregates()) {
        inputs.add(countsOnlyValidity(call) ? null : work.project(GpuSupport.unaliased(call.input()), null));
      }
      work.checkOverflow(node.describe());
      // the key columns on the host, read once: for the host's dictionary codes and the groups' keys
      List<ColumnData> keys = new ArrayList<>(node.groupings().size());
      for (Expression grouping : node.groupings()) {
        BoundRef ref = (BoundRef) GpuSupport.unaliased(grouping);
        keys.add(ArrowColumns.read(input.root().getVector(ref.index()), rows));
      }
      try (DeviceGroups groups = group(work, keys, rows)) {
        int[] first = groups.firstRows();
        int count = first.length;
        List<Field> fields = node.schema().fields();
        int column = 0;
        for (ColumnData key : keys) {
          out.add(ArrowColumns.write(key.gather(first, count), fields.get(column++), count, allocator));
        }
        for (int a = 0; a < node.aggregates().size(); a++) {
          AggregateCall call = node.aggregates().get(a);
          DeviceColumn values = inputs.get(a);
          long[] counts = counts(groups, call, values, input);
          switch (call.function()) {
            case COUNT -> out.add(longs(fields.get(column++), counts, null, count));
            case SUM -> out.add(sum(fields.get(column++), groups, values, counts));
            case AVG -> {
              out.add(sum(fields.get(column++), groups, values, counts));
              out.add(longs(fields.get(column++), counts, null, count));
            }
            case MIN, MAX -> out.add(extreme(fields.get(column++), groups, values, counts,
                call.function() == AggregateFunction.MAX));
          }
        }
        return new Batch(new VectorSchemaRoot(node.schema().toArrow(), out, count));
      }
    } catch (RuntimeException | Error e) {
      out.forEach(FieldVector::close);
      throw e;
    }
  }

  /** A count of a column: only the column's validity goes to the device, whatever its type. */
  private static boolean countsOnlyValidity(AggregateCall call) {
    return call.input() == null
        || (call.function() == AggregateFunction.COUNT && GpuSupport.unaliased(call.input()) instanceof BoundRef);
  }

  /** Per group, the aggregate's non-null inputs (its rows for count(*)). */
  private long[] counts(DeviceGroups groups, AggregateCall call, DeviceColumn values, Batch input) {
    if (values != null || call.input() == null) {
      return groups.count(values, allocator);
    }
    BoundRef ref = (BoundRef) GpuSupport.unaliased(call.input());
    return groups.count(input.root().getVector(ref.index()), allocator);
  }

  /** The rows' groups on the device. */
  private DeviceGroups group(BatchWork work, List<ColumnData> keyColumns, int rows) {
    List<Expression> groupings = node.groupings();
    if (groupings.isEmpty()) {
      return DeviceGroups.single(runtime, rows);
    }
    if (groupings.size() == 1) {
      BoundRef ref = (BoundRef) GpuSupport.unaliased(groupings.get(0));
      if (!(ref.type() instanceof DataType.Utf8)) {
        return DeviceGroups.byLong(runtime, work.column(ref), allocator);
      }
    }
    long combinations = 1;
    long[] codes = new long[rows];
    for (ColumnData keys : keyColumns) {
      int[] columnCodes = new int[rows];
      int distinct = dictionaryCodes(keys, rows, columnCodes);
      try {
        combinations = Math.multiplyExact(combinations, distinct);
      } catch (ArithmeticException tooMany) {
        throw new GpuException("more key combinations than 64-bit codes hold; running the batch on the CPU");
      }
      for (int i = 0; i < rows; i++) {
        codes[i] = codes[i] * distinct + columnCodes[i];
      }
    }
    if (combinations <= MAX_DENSE_CODES) {
      try (IntVector dense = new IntVector("codes", allocator)) {
        dense.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
          dense.set(i, (int) codes[i]);
        }
        dense.setValueCount(rows);
        return DeviceGroups.byCodes(runtime, dense, (int) combinations, allocator);
      }
    }
    try (BigIntVector wide = new BigIntVector("codes", allocator)) {
      wide.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        wide.set(i, codes[i]);
      }
      wide.setValueCount(rows);
      try (DeviceColumn onDevice = work.kernels().upload(wide)) {
        return DeviceGroups.byLong(runtime, onDevice, allocator);
      }
    }
  }

  /** Numbers each row's key in first-seen order (null is one key); returns how many keys. */
  private static int dictionaryCodes(ColumnData keys, int rows, int[] codes) {
    boolean[] nulls = keys.nulls();
    if (keys instanceof LongData longs) {
      long[] values = longs.values();
      Map<Long, Integer> dictionary = new HashMap<>();
      for (int i = 0; i < rows; i++) {
        Long key = nulls != null && nulls[i] ? null : values[i];
        codes[i] = dictionary.computeIfAbsent(key, k -> dictionary.size());
      }
      return dictionary.size();
    }
    Map<Object, Integer> dictionary = new HashMap<>();
    for (int i = 0; i < rows; i++) {
      codes[i] = dictionary.computeIfAbsent(keys.getObject(i), k -> dictionary.size());
    }
    return dictionary.size();
  }

  /** An int64 state column; null where {@code seen} (when given) is 0. */
  private FieldVector longs(Field field, long[] values, long[] seen, int count) {
    return ArrowColumns.write(new LongData(field.type(), values, unseen(seen, count), count), field, count,
        allocator);
  }

  private static boolean[] unseen(long[] seen, int count) {
    if (seen == null) {
      return null;
    }
    boolean[] nulls = new boolean[count];
    boolean any = false;
    for (int g = 0; g < count; g++) {
      nulls[g] = seen[g] == 0;
      any |= nulls[g];
    }
    return any ? nulls : null;
  }

  /** A sum state: int64 (wrapping, as the CPU) or decimal in 128 bits, null for a group without values. */
  private FieldVector sum(Field field, DeviceGroups groups, DeviceColumn values, long[] counts) {
    DeviceGroups.Sums sums = groups.sum(values, allocator);
    int count = counts.length;
    if (!(field.type() instanceof DataType.Decimal decimal)) {
      return longs(field, sums.low(), counts, count);
    }
    BigInteger limit = BigInteger.TEN.pow(decimal.precision());
    DecimalVector out = (DecimalVector) field.toArrow().createVector(allocator);
    try {
      out.allocateNew(Math.max(count, 1));
      ArrowBuf data = out.getDataBuffer();
      ArrowBuf validity = out.getValidityBuffer();
      for (int g = 0; g < count; g++) {
        if (counts[g] == 0) {
          continue;
        }
        long low = sums.low()[g];
        long high = sums.high()[g];
        if (!fitsPrecision(low, high, decimal.precision(), limit)) {
          throw new GpuException("sum beyond " + decimal.displayName() + " in " + field.name()
              + "; running the batch on the CPU");
        }
        data.setLong(16L * g, low);
        data.setLong(16L * g + 8, high);
        BitVectorHelper.setBit(validity, g);
      }
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Whether the 128-bit value has at most {@code precision} digits, as the CPU checks its sums. */
  private static boolean fitsPrecision(long low, long high, int precision, BigInteger limit) {
    if (high == (low >> 63) && precision <= 18) {
      long bound = BatchWork.pow10(precision);
      return low > -bound && low < bound;
    }
    return exact(high, low).abs().compareTo(limit) < 0;
  }

  private static BigInteger exact(long high, long low) {
    return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
  }

  /**
   * Where a group's float64 min or max is zero, the zero of its first row that holds one: the CPU
   * orders -0.0 and 0.0 alike and keeps the first, while the GPU keeps whichever atomic swap won.
   * Only batches with such a group read their rows' groups and values back.
   */
  private void signOfZeros(double[] extremes, long[] counts, DeviceGroups groups, DeviceColumn values) {
    boolean[] zero = new boolean[extremes.length];
    boolean any = false;
    for (int g = 0; g < extremes.length; g++) {
      zero[g] = counts[g] > 0 && extremes[g] == 0.0;
      any |= zero[g];
    }
    if (!any) {
      return;
    }
    int[] groupOfRow = groups.groupOfEachRow(allocator);
    try (Float8Vector rows = new Float8Vector("values", allocator)) {
      new CudaKernels(runtime).download(values, rows);
      for (int i = 0; i < groupOfRow.length; i++) {
        int g = groupOfRow[i];
        if (g >= 0 && zero[g] && !rows.isNull(i) && rows.get(i) == 0.0) {
          extremes[g] = rows.get(i);
          zero[g] = false;
        }
      }
    }
  }

  /** A min or max state of the input's type, null for a group without values. */
  private FieldVector extreme(Field field, DeviceGroups groups, DeviceColumn values, long[] counts, boolean max) {
    int count = counts.length;
    if (values.kind() == DeviceColumn.Kind.DOUBLE) {
      double[] extremes = groups.extremeDoubles(values, max, allocator);
      signOfZeros(extremes, counts, groups, values);
      ColumnData data = new DoubleData(extremes, unseen(counts, count), count);
      return ArrowColumns.write(data, field, count, allocator);
    }
    return longs(field, groups.extremeLongs(values, max, allocator), counts, count);
  }
}
