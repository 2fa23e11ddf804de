package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.CudaModule;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.DeviceBuffer;
import dev.sluice.gpu.runtime.GpuException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Typed launches of the kernels of {@code kernels.cu} through the JCuda driver API: Arrow vectors
 * are copied to device memory straight from their buffers, the kernel runs, and results come back
 * into Arrow buffers. Every method throws {@link GpuException} when the driver fails; the caller
 * then runs the CPU version of the work ({@link KernelReferences} holds the reference semantics).
 *
 * <p>Scratch host buffers come from the allocator given; every buffer, host or device, is released
 * before a method returns. Instances are cheap and hold no device memory; not thread-safe only in
 * that each call uses the calling thread's context binding (which the runtime sets).
 */
public final class CudaKernels {
  /** Comparison operators, with their kernel codes. */
  public enum Comparison { EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

  /** int64 arithmetic operators (wrapping like Java), with their kernel codes. */
  public enum LongOp { ADD, SUBTRACT, MULTIPLY }

  /** The partition of every row and the rows per partition. */
  public record Partitions(int[] partitionIds, int[] counts) {}

  /**
   * Groups of an int64 key in the CPU's first-seen order: {@code keys[g]} (null for the null key),
   * and per group the non-null value count, the 128-bit sum as (high, low) words (the low word is
   * the CPU's wrapping int64 sum), min and max (meaningless where the count is 0).
   */
  public record LongGroups(Long[] keys, long[] counts, long[] sumLow, long[] sumHigh, long[] min, long[] max) {}

  private static final int TILE_ROWS = 256;
  private static final long EMPTY_KEY = Long.MIN_VALUE;

  private final CudaRuntime runtime;
  private final CudaModule module;

  public CudaKernels(CudaRuntime runtime) {
    this.runtime = runtime;
    this.module = runtime.kernels();
  }

  /** The rows (in order) where {@code values[i] op constant} holds; null rows never do. */
  public int[] filterIndices(BigIntVector values, Comparison op, long constant, BufferAllocator allocator) {
    return filter(values, "filter_cmp_i64", op, Pointer.to(new long[] {constant}), allocator);
  }

  /** As for int64, comparing as {@link Double#compare} does (-0.0 before 0.0, NaN last, NaN = NaN). */
  public int[] filterIndices(Float8Vector values, Comparison op, double constant, BufferAllocator allocator) {
    return filter(values, "filter_cmp_f64", op, Pointer.to(new double[] {constant}), allocator);
  }

  private int[] filter(FieldVector values, String kernel, Comparison op, Pointer constant, BufferAllocator allocator) {
    int n = values.getValueCount();
    if (n == 0) {
      return new int[0];
    }
    int words = words(n);
    int tiles = (n + TILE_ROWS - 1) / TILE_ROWS;
    try (DeviceBuffer data = runtime.upload(values.getDataBuffer(), 8L * n);
        DeviceBuffer validity = uploadValidity(values);
        DeviceBuffer selection = runtime.allocate(4L * words);
        DeviceBuffer counts = runtime.allocate(4L * tiles);
        DeviceBuffer offsets = runtime.allocate(4L * tiles);
        DeviceBuffer total = runtime.allocate(4);
        DeviceBuffer indices = runtime.allocate(4L * n)) {
      runtime.launch(function(kernel), words, Pointer.to(data.parameter(), parameter(validity), ints(n),
          ints(op.ordinal()), constant, selection.parameter()));
      runtime.launch(function("selection_tile_counts"), tiles,
          Pointer.to(selection.parameter(), ints(n), counts.parameter()));
      runtime.launch(function("exclusive_scan_i32"), 1, 1,
          Pointer.to(counts.parameter(), ints(tiles), offsets.parameter(), total.parameter()));
      runtime.launch(function("selection_scatter"), tiles,
          Pointer.to(selection.parameter(), ints(n), offsets.parameter(), indices.parameter()));
      int selected = readInts(total, 1, allocator)[0];
      return readInts(indices, selected, allocator);
    }
  }

  /** A new vector of {@code source}'s rows at {@code indices}, nulls included; the caller closes it. */
  public BigIntVector gather(BigIntVector source, int[] indices, BufferAllocator allocator) {
    return gather(source, new BigIntVector(source.getName(), allocator), indices, "gather_i64", allocator);
  }

  /**
   * {@code out = a op b} (or {@code a op constant} when {@code b} is null) row by row, wrapping like
   * Java's long arithmetic, nulls propagated; {@code out} gets {@code a}'s row count.
   *
   * @return whether a non-null row overflowed 64 bits
   */
  public boolean arithmetic(BigIntVector a, BigIntVector b, long constant, LongOp op, BigIntVector out,
      BufferAllocator allocator) {
    int n = a.getValueCount();
    out.allocateNew(Math.max(n, 1));
    if (n == 0) {
      out.setValueCount(0);
      return false;
    }
    try (DeviceBuffer left = runtime.upload(a.getDataBuffer(), 8L * n);
        DeviceBuffer leftValidity = uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * words(n));
        DeviceBuffer overflow = runtime.allocate(4)) {
      runtime.zero(overflow);
      runtime.launch(function("arith_i64"), n, Pointer.to(left.parameter(), parameter(leftValidity),
          parameter(right), parameter(rightValidity), Pointer.to(new long[] {constant}), ints(n),
          ints(op.ordinal()), result.parameter(), resultValidity.parameter(), overflow.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      copyValidity(resultValidity, n, out);
      out.setValueCount(n);
      return readInts(overflow, 1, allocator)[0] != 0;
    }
  }

  /** float64 arithmetic operators (IEEE, round to nearest; x / 0 gives null as on the CPU). */
  public enum DoubleOp { ADD, SUBTRACT, MULTIPLY, DIVIDE }

  /** A new vector of {@code source}'s rows at {@code indices}, nulls included; the caller closes it. */
  public Float8Vector gather(Float8Vector source, int[] indices, BufferAllocator allocator) {
    return gather(source, new Float8Vector(source.getName(), allocator), indices, "gather_f64", allocator);
  }

  /** Gathers an 8-byte-wide column with {@code kernel} into {@code out}, which it closes on failure. */
  private <V extends BaseFixedWidthVector> V gather(V source, V out, int[] indices, String kernel,
      BufferAllocator allocator) {
    try {
      int m = indices.length;
      out.allocateNew(Math.max(m, 1));
      if (m > 0) {
        try (DeviceBuffer data = runtime.upload(source.getDataBuffer(), 8L * source.getValueCount());
            DeviceBuffer validity = uploadValidity(source);
            DeviceBuffer index = uploadInts(indices, allocator);
            DeviceBuffer values = runtime.allocate(8L * m);
            DeviceBuffer outValidity = runtime.allocate(4L * words(m))) {
          runtime.launch(function(kernel), m, Pointer.to(data.parameter(), parameter(validity),
              index.parameter(), ints(m), values.parameter(), parameter(validity == null ? null : outValidity)));
          runtime.copyToHost(values, 0, out.getDataBuffer(), 0, 8L * m);
          copyValidity(validity == null ? null : outValidity, m, out);
        }
      }
      out.setValueCount(m);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * {@code out = a op b} (or {@code a op constant} when {@code b} is null) row by row in IEEE double,
   * nulls propagated, division by zero null; {@code out} gets {@code a}'s row count.
   */
  public void arithmetic(Float8Vector a, Float8Vector b, double constant, DoubleOp op, Float8Vector out) {
    int n = a.getValueCount();
    out.allocateNew(Math.max(n, 1));
    if (n == 0) {
      out.setValueCount(0);
      return;
    }
    try (DeviceBuffer left = runtime.upload(a.getDataBuffer(), 8L * n);
        DeviceBuffer leftValidity = uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * words(n))) {
      runtime.launch(function("arith_f64"), n, Pointer.to(left.parameter(), parameter(leftValidity),
          parameter(right), parameter(rightValidity), Pointer.to(new double[] {constant}), ints(n),
          ints(op.ordinal()), result.parameter(), resultValidity.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      copyValidity(resultValidity, n, out);
      out.setValueCount(n);
    }
  }

  /**
   * Decimal {@code a * b} (or {@code a * constant} when {@code b} is null) on unscaled longs, the
   * exact product divided HALF_UP by {@code divisor} (a power of ten, 1 for no rounding), nulls
   * propagated; {@code out} gets {@code a}'s row count.
   *
   * @return whether a non-null row's exact product exceeded 64 bits (redo it on the CPU)
   */
  public boolean decimalMultiply(BigIntVector a, BigIntVector b, long constant, long divisor, BigIntVector out,
      BufferAllocator allocator) {
    return decimal("decimal_mul", a, b, constant, divisor, out, allocator);
  }

  /**
   * Decimal {@code a / b} (or {@code a / constant}) on unscaled longs: {@code a * factor / b} rounded
   * HALF_UP, division by zero null, as the CPU's fast path.
   *
   * @return whether a non-null row left the fast path (redo it on the CPU)
   */
  public boolean decimalDivide(BigIntVector a, BigIntVector b, long constant, long factor, BigIntVector out,
      BufferAllocator allocator) {
    return decimal("decimal_div", a, b, constant, factor, out, allocator);
  }

  private boolean decimal(String kernel, BigIntVector a, BigIntVector b, long constant, long scale, BigIntVector out,
      BufferAllocator allocator) {
    int n = a.getValueCount();
    out.allocateNew(Math.max(n, 1));
    if (n == 0) {
      out.setValueCount(0);
      return false;
    }
    try (DeviceBuffer left = runtime.upload(a.getDataBuffer(), 8L * n);
        DeviceBuffer leftValidity = uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * words(n));
        DeviceBuffer overflow = runtime.allocate(4)) {
      runtime.zero(overflow);
      runtime.launch(function(kernel), n, Pointer.to(left.parameter(), parameter(leftValidity),
          parameter(right), parameter(rightValidity), Pointer.to(new long[] {constant}), ints(n),
          Pointer.to(new long[] {scale}), result.parameter(), resultValidity.parameter(), overflow.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      copyValidity(resultValidity, n, out);
      out.setValueCount(n);
      return readInts(overflow, 1, allocator)[0] != 0;
    }
  }

  /**
   * The partition of every row by {@code ColumnHash} of the key columns (int64 or float64) modulo
   * {@code partitions}, as the CPU's columnar hash partitioner computes it.
   */
  public Partitions hashPartition(List<FieldVector> keys, int partitions, BufferAllocator allocator) {
    int n = keys.get(0).getValueCount();
    if (n == 0) {
      return new Partitions(new int[0], new int[partitions]);
    }
    try (DeviceBuffer hashes = runtime.allocate(8L * n);
        DeviceBuffer ids = runtime.allocate(4L * n);
        DeviceBuffer counts = runtime.allocate(4L * partitions)) {
      runtime.zero(counts);
      runtime.launch(function("hash_init"), n, Pointer.to(hashes.parameter(), ints(n)));
      for (FieldVector key : keys) {
        String kernel;
        if (key instanceof BigIntVector) {
          kernel = "hash_combine_i64";
        } else if (key instanceof Float8Vector) {
          kernel = "hash_combine_f64";
        } else {
          throw new IllegalArgumentException("GPU hash partitioning takes int64 and float64 keys, not "
              + key.getField().getType());
        }
        try (DeviceBuffer data = runtime.upload(key.getDataBuffer(), 8L * n);
            DeviceBuffer validity = uploadValidity(key)) {
          runtime.launch(function(kernel), n, Pointer.to(data.parameter(), parameter(validity), ints(n),
              hashes.parameter()));
        }
      }
      runtime.launch(function("hash_partition"), n, Pointer.to(hashes.parameter(), ints(n), ints(partitions),
          ids.parameter(), counts.parameter()));
      return new Partitions(readInts(ids, n, allocator), readInts(counts, partitions, allocator));
    }
  }

  /**
   * count, sum (128-bit), min and max of {@code values} grouped by {@code keys} in an open-addressing
   * table of {@code 1 << capacityLog2} slots (two more for the null key and Long.MIN_VALUE).
   *
   * @return the groups in first-seen order, or null when the table overflowed (run it on the CPU, or
   *     again with a larger table)
   */
  public LongGroups aggregateByLong(BigIntVector keys, BigIntVector values, int capacityLog2,
      BufferAllocator allocator) {
    int n = keys.getValueCount();
    int capacity = 1 << capacityLog2;
    int slots = capacity + 2;
    try (DeviceBuffer keyData = runtime.upload(keys.getDataBuffer(), 8L * Math.max(n, 1));
        DeviceBuffer keyValidity = uploadValidity(keys);
        DeviceBuffer valueData = runtime.upload(values.getDataBuffer(), 8L * Math.max(n, 1));
        DeviceBuffer valueValidity = uploadValidity(values);
        DeviceBuffer table = runtime.allocate(8L * capacity);
        DeviceBuffer firstRow = runtime.allocate(4L * slots);
        DeviceBuffer groupIds = runtime.allocate(4L * Math.max(n, 1));
        DeviceBuffer overflow = runtime.allocate(4);
        DeviceBuffer counts = runtime.allocate(8L * slots);
        DeviceBuffer sumLow = runtime.allocate(8L * slots);
        DeviceBuffer sumHigh = runtime.allocate(8L * slots);
        DeviceBuffer min = runtime.allocate(8L * slots);
        DeviceBuffer max = runtime.allocate(8L * slots)) {
      fillLongs(table, capacity, EMPTY_KEY);
      runtime.launch(function("fill_i32"), slots, Pointer.to(firstRow.parameter(), ints(slots),
          ints(Integer.MAX_VALUE)));
      runtime.zero(overflow);
      runtime.zero(counts);
      runtime.zero(sumLow);
      runtime.zero(sumHigh);
      fillLongs(min, slots, Long.MAX_VALUE);
      fillLongs(max, slots, Long.MIN_VALUE);
      if (n > 0) {
        runtime.launch(function("agg_groups_i64"), n, Pointer.to(keyData.parameter(), parameter(keyValidity),
            ints(n), table.parameter(), ints(capacityLog2), firstRow.parameter(), groupIds.parameter(),
            overflow.parameter()));
        if (readInts(overflow, 1, allocator)[0] != 0) {
          return null;
        }
        Pointer common = groupIds.parameter();
        runtime.launch(function("agg_count"), n,
            Pointer.to(common, parameter(valueValidity), ints(n), counts.parameter()));
        runtime.launch(function("agg_sum_i64"), n, Pointer.to(common, valueData.parameter(),
            parameter(valueValidity), ints(n), sumLow.parameter(), sumHigh.parameter()));
        runtime.launch(function("agg_min_i64"), n, Pointer.to(common, valueData.parameter(),
            parameter(valueValidity), ints(n), min.parameter()));
        runtime.launch(function("agg_max_i64"), n, Pointer.to(common, valueData.parameter(),
            parameter(valueValidity), ints(n), max.parameter()));
      }
      int[] first = readInts(firstRow, slots, allocator);
      long[] tableKeys = readLongs(table, capacity, allocator);
      long[] count = readLongs(counts, slots, allocator);
      long[] low = readLongs(sumLow, slots, allocator);
      long[] high = readLongs(sumHigh, slots, allocator);
      long[] mins = readLongs(min, slots, allocator);
      long[] maxs = readLongs(max, slots, allocator);
      List<Integer> used = new ArrayList<>();
      for (int slot = 0; slot < slots; slot++) {
        if (first[slot] != Integer.MAX_VALUE) {
          used.add(slot);
        }
      }
      used.sort(Comparator.comparingInt(slot -> first[slot]));
      int groups = used.size();
      Long[] groupKeys = new Long[groups];
      long[][] columns = new long[5][groups];
      for (int g = 0; g < groups; g++) {
        int slot = used.get(g);
        groupKeys[g] = slot == capacity ? null : slot == capacity + 1 ? Long.MIN_VALUE : tableKeys[slot];
        columns[0][g] = count[slot];
        columns[1][g] = low[slot];
        columns[2][g] = high[slot];
        columns[3][g] = mins[slot];
        columns[4][g] = maxs[slot];
      }
      return new LongGroups(groupKeys, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private CUfunction function(String name) {
    return module.function(name);
  }

  private static int words(int rows) {
    return (rows + 31) / 32;
  }

  private static Pointer ints(int value) {
    return Pointer.to(new int[] {value});
  }

  /** A device pointer parameter, or a null pointer for a missing buffer. */
  private static Pointer parameter(DeviceBuffer buffer) {
    return buffer == null ? Pointer.to(new long[] {0}) : buffer.parameter();
  }

  private void fillLongs(DeviceBuffer buffer, int count, long value) {
    runtime.launch(function("fill_i64"), count, Pointer.to(buffer.parameter(), ints(count),
        Pointer.to(new long[] {value})));
  }

  /** The validity words of a vector on the device, or null when it has no nulls. */
  private DeviceBuffer uploadValidity(FieldVector vector) {
    int n = vector.getValueCount();
    if (n == 0 || vector.getNullCount() == 0) {
      return null;
    }
    ArrowBuf validity = vector.getValidityBuffer();
    DeviceBuffer buffer = runtime.allocate(4L * words(n));
    try {
      // whole uint32 words; bits past n are masked by the kernels, so a shorter Arrow buffer is fine
      runtime.copyToDevice(validity, 0, buffer, 0, Math.min(4L * words(n), validity.capacity()));
      return buffer;
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  private DeviceBuffer uploadInts(int[] values, BufferAllocator allocator) {
    try (ArrowBuf host = allocator.buffer(4L * values.length)) {
      for (int i = 0; i < values.length; i++) {
        host.setInt(4L * i, values[i]);
      }
      return runtime.upload(host, 4L * values.length);
    }
  }

  private int[] readInts(DeviceBuffer buffer, int count, BufferAllocator allocator) {
    int[] out = new int[count];
    if (count == 0) {
      return out;
    }
    try (ArrowBuf host = allocator.buffer(4L * count)) {
      runtime.copyToHost(buffer, 0, host, 0, 4L * count);
      for (int i = 0; i < count; i++) {
        out[i] = host.getInt(4L * i);
      }
    }
    return out;
  }

  private long[] readLongs(DeviceBuffer buffer, int count, BufferAllocator allocator) {
    long[] out = new long[count];
    try (ArrowBuf host = allocator.buffer(8L * Math.max(count, 1))) {
      runtime.copyToHost(buffer, 0, host, 0, 8L * count);
      for (int i = 0; i < count; i++) {
        out[i] = host.getLong(8L * i);
      }
    }
    return out;
  }

  /** The device validity words into the vector's validity buffer; all valid when {@code words} is null. */
  private void copyValidity(DeviceBuffer words, int rows, FieldVector out) {
    ArrowBuf validity = out.getValidityBuffer();
    long bytes = (rows + 7) / 8;
    if (words == null) {
      validity.setOne(0, bytes);
      return;
    }
    long whole = Math.min(4L * words(rows), validity.capacity());
    runtime.copyToHost(words, 0, validity, 0, whole);
  }
}
