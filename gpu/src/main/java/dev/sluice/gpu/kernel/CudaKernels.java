package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.DeviceBuffer;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Typed launches of the kernels of {@code kernels.cu} through the JCuda driver API, over columns
 * that stay in device memory ({@link DeviceColumn}, {@link DeviceRows}): an Arrow vector is copied
 * to the device straight from its buffers once ({@link #upload}), any number of kernels run on
 * device columns, and results come back into Arrow vectors ({@link #download}). Every method throws
 * {@code GpuException} when the driver fails; the caller then runs the CPU version of the work
 * ({@link KernelReferences} holds the reference semantics).
 *
 * <p>Kernels that can overflow (int64 and decimal arithmetic) set a device flag the caller owns
 * ({@link #newFlag}) rather than answering at once, so a whole batch's expressions run with one
 * read-back at the end. Scratch host buffers come from the allocator given and are released before
 * a method returns; device results are owned by the caller.
 */
public final class CudaKernels {
  /** Comparison operators, with their kernel codes. */
  public enum Comparison { EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

  /** int64 arithmetic operators (wrapping like Java), with their kernel codes. */
  public enum LongOp { ADD, SUBTRACT, MULTIPLY }

  /** float64 arithmetic operators (IEEE, round to nearest; x / 0 gives null as on the CPU). */
  public enum DoubleOp { ADD, SUBTRACT, MULTIPLY, DIVIDE }

  /** The partition of every row and the rows per partition. */
  public record Partitions(int[] partitionIds, int[] counts) {}

  private static final int TILE_ROWS = 256;

  private final CudaRuntime runtime;
  private final KernelCalls calls;

  public CudaKernels(CudaRuntime runtime) {
    this.runtime = runtime;
    this.calls = new KernelCalls(runtime);
  }

  // ---- host <-> device ------------------------------------------------------------------------

  /** A BigIntVector or Float8Vector on the device: its data and, when it has nulls, its validity. */
  public DeviceColumn upload(FieldVector vector) {
    DeviceColumn.Kind kind;
    if (vector instanceof BigIntVector) {
      kind = DeviceColumn.Kind.LONG;
    } else if (vector instanceof Float8Vector) {
      kind = DeviceColumn.Kind.DOUBLE;
    } else {
      throw new IllegalArgumentException("the GPU takes int64 and float64 vectors, not " + vector.getField());
    }
    int n = vector.getValueCount();
    DeviceBuffer data = runtime.upload(vector.getDataBuffer(), 8L * Math.max(n, 1));
    try {
      return new DeviceColumn(kind, n, data, calls.uploadValidity(vector));
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
  }

  /** The column's values and nulls into {@code out} (a BigIntVector or Float8Vector), which gets its row count. */
  public void download(DeviceColumn column, BaseFixedWidthVector out) {
    int n = column.rows();
    out.allocateNew(Math.max(n, 1));
    if (n > 0) {
      runtime.copyToHost(column.data(), 0, out.getDataBuffer(), 0, 8L * n);
      calls.copyValidity(column.validity(), n, out);
    }
    out.setValueCount(n);
  }

  /** A zeroed device flag for the kernels that report overflow. */
  public DeviceBuffer newFlag() {
    DeviceBuffer flag = runtime.allocate(4);
    try {
      runtime.zero(flag);
      return flag;
    } catch (RuntimeException e) {
      flag.close();
      throw e;
    }
  }

  /** Whether a kernel set the flag. */
  public boolean isSet(DeviceBuffer flag, BufferAllocator allocator) {
    return calls.readInts(flag, 1, allocator)[0] != 0;
  }

  // ---- filter and compaction ------------------------------------------------------------------

  /** The selection words of the rows where {@code values[i] op constant} holds; null rows never do. */
  public DeviceBuffer select(DeviceColumn values, Comparison op, long constant) {
    return select(values, "filter_cmp_i64", op, Pointer.to(new long[] {constant}));
  }

  /** As for int64, comparing as {@link Double#compare} does (-0.0 before 0.0, NaN last, NaN = NaN). */
  public DeviceBuffer select(DeviceColumn values, Comparison op, double constant) {
    return select(values, "filter_cmp_f64", op, Pointer.to(new double[] {constant}));
  }

  private DeviceBuffer select(DeviceColumn values, String kernel, Comparison op, Pointer constant) {
    int n = values.rows();
    int words = KernelCalls.words(n);
    DeviceBuffer selection = runtime.allocate(4L * Math.max(words, 1));
    try {
      if (n > 0) {
        runtime.launch(calls.function(kernel), words, Pointer.to(values.data().parameter(),
            KernelCalls.parameter(values.validity()), KernelCalls.ints(n), KernelCalls.ints(op.ordinal()), constant,
            selection.parameter()));
      }
      return selection;
    } catch (RuntimeException e) {
      selection.close();
      throw e;
    }
  }

  /** {@code selection &= other} over the words of {@code rows} rows (a conjunction of filters). */
  public void and(DeviceBuffer selection, DeviceBuffer other, int rows) {
    if (rows > 0) {
      runtime.launch(calls.function("selection_and"), KernelCalls.words(rows), Pointer.to(selection.parameter(),
          other.parameter(), KernelCalls.ints(rows)));
    }
  }

  /** The selected rows of {@code rows} in row order (per-tile counts, a scan, a scatter). */
  public DeviceRows compact(DeviceBuffer selection, int rows, BufferAllocator allocator) {
    int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    DeviceBuffer indices = runtime.allocate(4L * Math.max(rows, 1));
    try (DeviceBuffer counts = runtime.allocate(4L * Math.max(tiles, 1));
        DeviceBuffer offsets = runtime.allocate(4L * Math.max(tiles, 1));
        DeviceBuffer total = runtime.allocate(4)) {
      if (rows == 0) {
        return new DeviceRows(indices, 0);
      }
      runtime.launch(calls.function("selection_tile_counts"), tiles,
          Pointer.to(selection.parameter(), KernelCalls.ints(rows), counts.parameter()));
      runtime.launch(calls.function("exclusive_scan_i32"), 1, 1,
          Pointer.to(counts.parameter(), KernelCalls.ints(tiles), offsets.parameter(), total.parameter()));
      runtime.launch(calls.function("selection_scatter"), tiles,
          Pointer.to(selection.parameter(), KernelCalls.ints(rows), offsets.parameter(), indices.parameter()));
      return new DeviceRows(indices, calls.readInts(total, 1, allocator)[0]);
    } catch (RuntimeException e) {
      indices.close();
      throw e;
    }
  }

  /** Rows given by the host (ascending or not) as device rows for {@link #gather}. */
  public DeviceRows rows(int[] indices, BufferAllocator allocator) {
    return new DeviceRows(indices.length == 0 ? runtime.allocate(4) : calls.uploadInts(indices, allocator),
        indices.length);
  }

  /** The selected rows' indices on the host. */
  public int[] indices(DeviceRows rows, BufferAllocator allocator) {
    return calls.readInts(rows.indices(), rows.count(), allocator);
  }

  /** {@code source}'s values and nulls at the selected rows, in their order. */
  public DeviceColumn gather(DeviceColumn source, DeviceRows rows) {
    int m = rows.count();
    String kernel = source.kind() == DeviceColumn.Kind.LONG ? "gather_i64" : "gather_f64";
    DeviceBuffer values = runtime.allocate(8L * Math.max(m, 1));
    DeviceBuffer validity = null;
    try {
      validity = source.validity() == null ? null : runtime.allocate(4L * Math.max(KernelCalls.words(m), 1));
      if (m > 0) {
        runtime.launch(calls.function(kernel), m, Pointer.to(source.data().parameter(),
            KernelCalls.parameter(source.validity()), rows.indices().parameter(), KernelCalls.ints(m),
            values.parameter(), KernelCalls.parameter(validity)));
      }
      return new DeviceColumn(source.kind(), m, values, validity);
    } catch (RuntimeException e) {
      values.close();
      if (validity != null) {
        validity.close();
      }
      throw e;
    }
  }

  // ---- projection arithmetic ------------------------------------------------------------------

  /**
   * {@code a op b} (or {@code a op constant} when {@code b} is null) row by row, wrapping like
   * Java's long arithmetic, nulls propagated; sets {@code overflow} when a non-null row overflowed.
   */
  public DeviceColumn arithmetic(DeviceColumn a, DeviceColumn b, long constant, LongOp op, DeviceBuffer overflow) {
    return binary(DeviceColumn.Kind.LONG, "arith_i64", a, b, Pointer.to(new long[] {constant}),
        KernelCalls.ints(op.ordinal()), overflow);
  }

  /** {@code a op b} (or {@code a op constant}) in IEEE double, nulls propagated, division by zero null. */
  public DeviceColumn arithmetic(DeviceColumn a, DeviceColumn b, double constant, DoubleOp op) {
    return binary(DeviceColumn.Kind.DOUBLE, "arith_f64", a, b, Pointer.to(new double[] {constant}),
        KernelCalls.ints(op.ordinal()), null);
  }

  /**
   * Decimal {@code a * b} (or {@code a * constant}) on unscaled longs, the exact product divided
   * HALF_UP by {@code divisor} (a power of ten, 1 for no rounding), nulls propagated; sets
   * {@code overflow} when a non-null row's exact product exceeded 64 bits (redo it on the CPU).
   */
  public DeviceColumn decimalMultiply(DeviceColumn a, DeviceColumn b, long constant, long divisor,
      DeviceBuffer overflow) {
    return binary(DeviceColumn.Kind.LONG, "decimal_mul", a, b, Pointer.to(new long[] {constant}),
        Pointer.to(new long[] {divisor}), overflow);
  }

  /**
   * Decimal {@code a / b} (or {@code a / constant}) on unscaled longs: {@code a * factor / b} rounded
   * HALF_UP, division by zero null, as the CPU's fast path; sets {@code overflow} when a non-null row
   * left the fast path (redo it on the CPU).
   */
  public DeviceColumn decimalDivide(DeviceColumn a, DeviceColumn b, long constant, long factor,
      DeviceBuffer overflow) {
    return binary(DeviceColumn.Kind.LONG, "decimal_div", a, b, Pointer.to(new long[] {constant}),
        Pointer.to(new long[] {factor}), overflow);
  }

  /**
   * The arithmetic kernels' common shape: (a, a_validity, b, b_validity, constant, n, extra, out,
   * out_validity[, overflow]).
   */
  private DeviceColumn binary(DeviceColumn.Kind kind, String kernel, DeviceColumn a, DeviceColumn b, Pointer constant,
      Pointer extra, DeviceBuffer overflow) {
    int n = a.rows();
    DeviceBuffer result = runtime.allocate(8L * Math.max(n, 1));
    DeviceBuffer validity = null;
    try {
      validity = runtime.allocate(4L * Math.max(KernelCalls.words(n), 1));
      if (n > 0) {
        List<Pointer> parameters = new ArrayList<>(List.of(a.data().parameter(), KernelCalls.parameter(a.validity()),
            b == null ? KernelCalls.parameter(null) : b.data().parameter(),
            KernelCalls.parameter(b == null ? null : b.validity()), constant, KernelCalls.ints(n), extra,
            result.parameter(), validity.parameter()));
        if (overflow != null) {
          parameters.add(overflow.parameter());
        }
        runtime.launch(calls.function(kernel), n, Pointer.to(parameters.toArray(Pointer[]::new)));
      }
      return new DeviceColumn(kind, n, result, validity);
    } catch (RuntimeException e) {
      result.close();
      if (validity != null) {
        validity.close();
      }
      throw e;
    }
  }

  // ---- hash partitioning ----------------------------------------------------------------------

  /**
   * The partition of every row by {@code ColumnHash} of the key columns (int64 or float64) modulo
   * {@code partitions}, as the CPU's columnar hash partitioner computes it.
   */
  public Partitions hashPartition(List<FieldVector> keys, int partitions, BufferAllocator allocator) {
    List<DeviceColumn> columns = new ArrayList<>(keys.size());
    try {
      for (FieldVector key : keys) {
        columns.add(upload(key));
      }
      return hashPartitionColumns(columns, partitions, allocator);
    } finally {
      columns.forEach(DeviceColumn::close);
    }
  }

  /** As {@link #hashPartition}, over columns already on the device. */
  public Partitions hashPartitionColumns(List<DeviceColumn> keys, int partitions, BufferAllocator allocator) {
    int n = keys.get(0).rows();
    if (n == 0) {
      return new Partitions(new int[0], new int[partitions]);
    }
    try (DeviceBuffer hashes = runtime.allocate(8L * n);
        DeviceBuffer ids = runtime.allocate(4L * n);
        DeviceBuffer counts = runtime.allocate(4L * partitions)) {
      runtime.zero(counts);
      runtime.launch(calls.function("hash_init"), n, Pointer.to(hashes.parameter(), KernelCalls.ints(n)));
      for (DeviceColumn key : keys) {
        String kernel = key.kind() == DeviceColumn.Kind.LONG ? "hash_combine_i64" : "hash_combine_f64";
        runtime.launch(calls.function(kernel), n, Pointer.to(key.data().parameter(),
            KernelCalls.parameter(key.validity()), KernelCalls.ints(n), hashes.parameter()));
      }
      runtime.launch(calls.function("hash_partition"), n, Pointer.to(hashes.parameter(), KernelCalls.ints(n),
          KernelCalls.ints(partitions), ids.parameter(), counts.parameter()));
      return new Partitions(calls.readInts(ids, n, allocator), calls.readInts(counts, partitions, allocator));
    }
  }
}
