package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.DeviceBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import jcuda.Pointer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * The rows of one batch assigned to groups on the device (a group id per row in device memory),
 * and the aggregate kernels over them: count, 128-bit sum, min and max, each answered per group in
 * the groups' first-seen order (the CPU's order for one batch). Groups come from an int64 key in an
 * open-addressing table ({@code agg_groups_i64}), from dense dictionary codes
 * ({@code agg_groups_dict}), or are one group of every row. {@link #firstRows} tells the caller
 * where each group's key is, so keys are gathered from the batch rather than read back.
 *
 * <p>Holds device memory until {@link #close}; scratch host buffers come from the allocator given.
 */
public final class DeviceGroups implements AutoCloseable {
  /** Group table sizes tried first, as a power of two: most batches of a partial aggregation have few groups. */
  private static final int FIRST_CAPACITY_LOG2 = 10;
  private static final int CAPACITY_STEP_LOG2 = 4;
  private static final long EMPTY_KEY = Long.MIN_VALUE;

  private final CudaRuntime runtime;
  private final KernelCalls calls;
  private final DeviceBuffer groupIds;
  private final int rows;
  private final int slots;
  /** The table slot of each group, groups in first-seen order. */
  private final int[] slotOfGroup;
  private final int[] firstRows;

  private DeviceGroups(CudaRuntime runtime, KernelCalls calls, DeviceBuffer groupIds, int rows, int slots,
      int[] firstRowOfSlot) {
    this.runtime = runtime;
    this.calls = calls;
    this.groupIds = groupIds;
    this.rows = rows;
    this.slots = slots;
    List<Integer> used = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      if (firstRowOfSlot[slot] != Integer.MAX_VALUE) {
        used.add(slot);
      }
    }
    used.sort(Comparator.comparingInt(slot -> firstRowOfSlot[slot]));
    this.slotOfGroup = used.stream().mapToInt(Integer::intValue).toArray();
    this.firstRows = used.stream().mapToInt(slot -> firstRowOfSlot[slot]).toArray();
  }

  /** Every one of {@code rows} rows (at least one) in one group. */
  public static DeviceGroups single(CudaRuntime runtime, int rows) {
    KernelCalls calls = new KernelCalls(runtime);
    DeviceBuffer ids = runtime.allocate(4L * Math.max(rows, 1));
    try {
      runtime.launch(calls.function("fill_i32"), rows, Pointer.to(ids.parameter(), KernelCalls.ints(rows),
          KernelCalls.ints(0)));
      return new DeviceGroups(runtime, calls, ids, rows, 1, new int[] {rows == 0 ? Integer.MAX_VALUE : 0});
    } catch (RuntimeException e) {
      ids.close();
      throw e;
    }
  }

  /**
   * Groups by an int64 key (nulls one group): a table of 1024 slots first, 16 times larger after
   * each overflow, up to twice the rows (which cannot overflow).
   */
  public static DeviceGroups byLong(CudaRuntime runtime, DeviceColumn keys, BufferAllocator allocator) {
    if (keys.kind() != DeviceColumn.Kind.LONG) {
      throw new IllegalArgumentException("groups by int64 keys, not " + keys.kind());
    }
    KernelCalls calls = new KernelCalls(runtime);
    int n = keys.rows();
    int enough = 64 - Long.numberOfLeadingZeros(Math.max(2L * n - 1, 1));
    for (int log2 = Math.min(FIRST_CAPACITY_LOG2, enough); ; log2 = Math.min(log2 + CAPACITY_STEP_LOG2, enough)) {
      DeviceGroups groups = tryByLong(runtime, calls, keys.data(), keys.validity(), n, log2, allocator);
      if (groups != null) {
        return groups;
      }
      if (log2 == enough) {
        throw new IllegalStateException("a group table of " + (1L << log2) + " slots overflowed for " + n + " rows");
      }
    }
  }

  private static DeviceGroups tryByLong(CudaRuntime runtime, KernelCalls calls, DeviceBuffer keys,
      DeviceBuffer validity, int n, int capacityLog2, BufferAllocator allocator) {
    int capacity = 1 << capacityLog2;
    int slots = capacity + 2;
    DeviceBuffer ids = runtime.allocate(4L * Math.max(n, 1));
    try (DeviceBuffer table = runtime.allocate(8L * capacity);
        DeviceBuffer firstRow = runtime.allocate(4L * slots);
        DeviceBuffer overflow = runtime.allocate(4)) {
      calls.fillLongs(table, capacity, EMPTY_KEY);
      fillFirstRows(runtime, calls, firstRow, slots);
      runtime.zero(overflow);
      if (n > 0) {
        runtime.launch(calls.function("agg_groups_i64"), n, Pointer.to(keys.parameter(),
            KernelCalls.parameter(validity), KernelCalls.ints(n), table.parameter(), KernelCalls.ints(capacityLog2),
            firstRow.parameter(), ids.parameter(), overflow.parameter()));
        if (calls.readInts(overflow, 1, allocator)[0] != 0) {
          ids.close();
          return null;
        }
      }
      return new DeviceGroups(runtime, calls, ids, n, slots, calls.readInts(firstRow, slots, allocator));
    } catch (RuntimeException e) {
      ids.close();
      throw e;
    }
  }

  /**
   * Groups by dense codes in {@code [0, dictionarySize)} ({@code codes} null for none: a group of
   * its own), as a dictionary-encoded key gives them.
   */
  public static DeviceGroups byCodes(CudaRuntime runtime, IntVector codes,
      int dictionarySize, BufferAllocator allocator) {
    KernelCalls calls = new KernelCalls(runtime);
    int n = codes.getValueCount();
    int slots = dictionarySize + 1;
    DeviceBuffer ids = runtime.allocate(4L * Math.max(n, 1));
    try (DeviceBuffer codeData = runtime.upload(codes.getDataBuffer(), 4L * Math.max(n, 1));
        DeviceBuffer validity = calls.uploadValidity(codes);
        DeviceBuffer firstRow = runtime.allocate(4L * slots)) {
      fillFirstRows(runtime, calls, firstRow, slots);
      if (n > 0) {
        runtime.launch(calls.function("agg_groups_dict"), n, Pointer.to(codeData.parameter(),
            KernelCalls.parameter(validity), KernelCalls.ints(n), KernelCalls.ints(dictionarySize),
            firstRow.parameter(), ids.parameter()));
      }
      return new DeviceGroups(runtime, calls, ids, n, slots, calls.readInts(firstRow, slots, allocator));
    } catch (RuntimeException e) {
      ids.close();
      throw e;
    }
  }

  private static void fillFirstRows(CudaRuntime runtime, KernelCalls calls, DeviceBuffer firstRow, int slots) {
    runtime.launch(calls.function("fill_i32"), slots, Pointer.to(firstRow.parameter(), KernelCalls.ints(slots),
        KernelCalls.ints(Integer.MAX_VALUE)));
  }

  /** Each row's group (an index into {@link #firstRows}), read back from the device. */
  public int[] groupOfEachRow(BufferAllocator allocator) {
    int[] groupOfSlot = new int[slots];
    Arrays.fill(groupOfSlot, -1);
    for (int g = 0; g < slotOfGroup.length; g++) {
      groupOfSlot[slotOfGroup[g]] = g;
    }
    int[] ids = calls.readInts(groupIds, rows, allocator);
    for (int i = 0; i < rows; i++) {
      ids[i] = groupOfSlot[ids[i]];
    }
    return ids;
  }

  /** How many groups. */
  public int groupCount() {
    return firstRows.length;
  }

  /** The first row of each group, groups in first-seen order (ascending). */
  public int[] firstRows() {
    return firstRows.clone();
  }

  /** Per group, its non-null values of {@code values}, or its rows when {@code values} is null ({@code count(*)}). */
  public long[] count(DeviceColumn values, BufferAllocator allocator) {
    return count(values == null ? null : values.validity(), allocator);
  }

  /** Per group, its non-null values of a column of any type (only its validity goes to the device). */
  public long[] count(FieldVector values, BufferAllocator allocator) {
    if (values.getValueCount() != rows) {
      throw new IllegalArgumentException(values.getValueCount() + " values for " + rows + " grouped rows");
    }
    try (DeviceBuffer validity = calls.uploadValidity(values)) {
      return count(validity, allocator);
    }
  }

  private long[] count(DeviceBuffer validity, BufferAllocator allocator) {
    try (DeviceBuffer counts = runtime.allocate(8L * slots)) {
      runtime.zero(counts);
      launchOverRows("agg_count", Pointer.to(groupIds.parameter(), KernelCalls.parameter(validity),
          KernelCalls.ints(rows), counts.parameter()));
      return inGroupOrder(calls.readLongs(counts, slots, allocator));
    }
  }

  /** 128-bit sums: per group, the low words (the wrapping int64 sum) and the high words. */
  public record Sums(long[] low, long[] high) {}

  /** Per group, the exact sum of its non-null values (0 for none). */
  public Sums sum(DeviceColumn values, BufferAllocator allocator) {
    check(values, DeviceColumn.Kind.LONG);
    try (DeviceBuffer low = runtime.allocate(8L * slots);
        DeviceBuffer high = runtime.allocate(8L * slots)) {
      runtime.zero(low);
      runtime.zero(high);
      launchOverRows("agg_sum_i64", Pointer.to(groupIds.parameter(), values.data().parameter(),
          KernelCalls.parameter(values.validity()), KernelCalls.ints(rows), low.parameter(), high.parameter()));
      return new Sums(inGroupOrder(calls.readLongs(low, slots, allocator)),
          inGroupOrder(calls.readLongs(high, slots, allocator)));
    }
  }

  /** Per group, the least (or greatest) non-null value; meaningless for a group without one. */
  public long[] extremeLongs(DeviceColumn values, boolean max, BufferAllocator allocator) {
    check(values, DeviceColumn.Kind.LONG);
    return inGroupOrder(extremeBits(values, max ? "agg_max_i64" : "agg_min_i64",
        max ? Long.MIN_VALUE : Long.MAX_VALUE, allocator));
  }

  /**
   * Per group, the least (or greatest) non-null value in {@code Double.compare}'s order with NaN
   * above every number; meaningless for a group without one.
   */
  public double[] extremeDoubles(DeviceColumn values, boolean max, BufferAllocator allocator) {
    check(values, DeviceColumn.Kind.DOUBLE);
    long start = Double.doubleToRawLongBits(max ? Double.NEGATIVE_INFINITY : Double.NaN);
    long[] bits = inGroupOrder(extremeBits(values, max ? "agg_max_f64" : "agg_min_f64", start, allocator));
    double[] out = new double[bits.length];
    for (int g = 0; g < bits.length; g++) {
      out[g] = Double.longBitsToDouble(bits[g]);
    }
    return out;
  }

  private long[] extremeBits(DeviceColumn values, String kernel, long start, BufferAllocator allocator) {
    try (DeviceBuffer out = runtime.allocate(8L * slots)) {
      calls.fillLongs(out, slots, start);
      launchOverRows(kernel, Pointer.to(groupIds.parameter(), values.data().parameter(),
          KernelCalls.parameter(values.validity()), KernelCalls.ints(rows), out.parameter()));
      return calls.readLongs(out, slots, allocator);
    }
  }

  private void check(DeviceColumn values, DeviceColumn.Kind kind) {
    if (values.rows() != rows || values.kind() != kind) {
      throw new IllegalArgumentException(values.rows() + " " + values.kind() + " values for " + rows
          + " grouped rows of " + kind);
    }
  }

  /** Launches an aggregate kernel over the rows (none for an empty batch). */
  private void launchOverRows(String kernel, Pointer parameters) {
    if (rows > 0) {
      runtime.launch(calls.function(kernel), rows, parameters);
    }
  }

  private long[] inGroupOrder(long[] bySlot) {
    long[] out = new long[slotOfGroup.length];
    for (int g = 0; g < out.length; g++) {
      out[g] = bySlot[slotOfGroup[g]];
    }
    return out;
  }

  @Override
  public void close() {
    groupIds.close();
  }
}
