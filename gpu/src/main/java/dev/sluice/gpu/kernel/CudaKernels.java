package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.DeviceBuffer;
import dev.sluice.gpu.runtime.GpuException;
import java.util.List;
import jcuda.Pointer;
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


  private static final int TILE_ROWS = 256;

  private final CudaRuntime runtime;
  private final KernelCalls calls;

  public CudaKernels(CudaRuntime runtime) {
    this.runtime = runtime;
    this.calls = new KernelCalls(runtime);
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
    int words = KernelCalls.words(n);
    int tiles = (n + TILE_ROWS - 1) / TILE_ROWS;
    try (DeviceBuffer data = runtime.upload(values.getDataBuffer(), 8L * n);
        DeviceBuffer validity = calls.uploadValidity(values);
        DeviceBuffer selection = runtime.allocate(4L * words);
        DeviceBuffer counts = runtime.allocate(4L * tiles);
        DeviceBuffer offsets = runtime.allocate(4L * tiles);
        DeviceBuffer total = runtime.allocate(4);
        DeviceBuffer indices = runtime.allocate(4L * n)) {
      runtime.launch(calls.function(kernel), words, Pointer.to(data.parameter(), KernelCalls.parameter(validity), KernelCalls.ints(n),
          KernelCalls.ints(op.ordinal()), constant, selection.parameter()));
      runtime.launch(calls.function("selection_tile_counts"), tiles,
          Pointer.to(selection.parameter(), KernelCalls.ints(n), counts.parameter()));
      runtime.launch(calls.function("exclusive_scan_i32"), 1, 1,
          Pointer.to(counts.parameter(), KernelCalls.ints(tiles), offsets.parameter(), total.parameter()));
      runtime.launch(calls.function("selection_scatter"), tiles,
          Pointer.to(selection.parameter(), KernelCalls.ints(n), offsets.parameter(), indices.parameter()));
      int selected = calls.readInts(total, 1, allocator)[0];
      return calls.readInts(indices, selected, allocator);
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
        DeviceBuffer leftValidity = calls.uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : calls.uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * KernelCalls.words(n));
        DeviceBuffer overflow = runtime.allocate(4)) {
      runtime.zero(overflow);
      runtime.launch(calls.function("arith_i64"), n, Pointer.to(left.parameter(), KernelCalls.parameter(leftValidity),
          KernelCalls.parameter(right), KernelCalls.parameter(rightValidity), Pointer.to(new long[] {constant}), KernelCalls.ints(n),
          KernelCalls.ints(op.ordinal()), result.parameter(), resultValidity.parameter(), overflow.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      calls.copyValidity(resultValidity, n, out);
      out.setValueCount(n);
      return calls.readInts(overflow, 1, allocator)[0] != 0;
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
            DeviceBuffer validity = calls.uploadValidity(source);
            DeviceBuffer index = calls.uploadInts(indices, allocator);
            DeviceBuffer values = runtime.allocate(8L * m);
            DeviceBuffer outValidity = runtime.allocate(4L * KernelCalls.words(m))) {
          runtime.launch(calls.function(kernel), m, Pointer.to(data.parameter(), KernelCalls.parameter(validity),
              index.parameter(), KernelCalls.ints(m), values.parameter(), KernelCalls.parameter(validity == null ? null : outValidity)));
          runtime.copyToHost(values, 0, out.getDataBuffer(), 0, 8L * m);
          calls.copyValidity(validity == null ? null : outValidity, m, out);
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
        DeviceBuffer leftValidity = calls.uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : calls.uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * KernelCalls.words(n))) {
      runtime.launch(calls.function("arith_f64"), n, Pointer.to(left.parameter(), KernelCalls.parameter(leftValidity),
          KernelCalls.parameter(right), KernelCalls.parameter(rightValidity), Pointer.to(new double[] {constant}), KernelCalls.ints(n),
          KernelCalls.ints(op.ordinal()), result.parameter(), resultValidity.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      calls.copyValidity(resultValidity, n, out);
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
        DeviceBuffer leftValidity = calls.uploadValidity(a);
        DeviceBuffer right = b == null ? null : runtime.upload(b.getDataBuffer(), 8L * n);
        DeviceBuffer rightValidity = b == null ? null : calls.uploadValidity(b);
        DeviceBuffer result = runtime.allocate(8L * n);
        DeviceBuffer resultValidity = runtime.allocate(4L * KernelCalls.words(n));
        DeviceBuffer overflow = runtime.allocate(4)) {
      runtime.zero(overflow);
      runtime.launch(calls.function(kernel), n, Pointer.to(left.parameter(), KernelCalls.parameter(leftValidity),
          KernelCalls.parameter(right), KernelCalls.parameter(rightValidity), Pointer.to(new long[] {constant}), KernelCalls.ints(n),
          Pointer.to(new long[] {scale}), result.parameter(), resultValidity.parameter(), overflow.parameter()));
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, 8L * n);
      calls.copyValidity(resultValidity, n, out);
      out.setValueCount(n);
      return calls.readInts(overflow, 1, allocator)[0] != 0;
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
      runtime.launch(calls.function("hash_init"), n, Pointer.to(hashes.parameter(), KernelCalls.ints(n)));
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
            DeviceBuffer validity = calls.uploadValidity(key)) {
          runtime.launch(calls.function(kernel), n, Pointer.to(data.parameter(), KernelCalls.parameter(validity), KernelCalls.ints(n),
              hashes.parameter()));
        }
      }
      runtime.launch(calls.function("hash_partition"), n, Pointer.to(hashes.parameter(), KernelCalls.ints(n), KernelCalls.ints(partitions),
          ids.parameter(), counts.parameter()));
      return new Partitions(calls.readInts(ids, n, allocator), calls.readInts(counts, partitions, allocator));
    }
  }
}
