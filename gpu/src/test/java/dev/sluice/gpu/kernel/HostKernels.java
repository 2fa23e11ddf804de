package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.DeviceBuffer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@link CudaKernels} with Arrow vectors in and out, for tests that check one kernel at a time
 * against {@link KernelReferences}: each call uploads its inputs, runs the device operation and
 * downloads the result.
 */
final class HostKernels {
  private final CudaKernels kernels;
  private final BufferAllocator allocator;

  HostKernels(CudaKernels kernels, BufferAllocator allocator) {
    this.kernels = kernels;
    this.allocator = allocator;
  }

  /** The rows where {@code values[i] op constant} holds (an int64 or float64 vector). */
  int[] filterIndices(FieldVector values, CudaKernels.Comparison op, double constant) {
    try (DeviceColumn column = kernels.upload(values);
        DeviceBuffer selection = values instanceof BigIntVector ? kernels.select(column, op, (long) constant)
            : kernels.select(column, op, constant);
        DeviceRows rows = kernels.compact(selection, values.getValueCount(), allocator)) {
      return kernels.indices(rows, allocator);
    }
  }

  /** A new vector of {@code source}'s rows at {@code indices}; the caller closes it. */
  BigIntVector gather(BigIntVector source, int[] indices) {
    BigIntVector out = new BigIntVector(source.getName(), allocator);
    try (DeviceColumn column = kernels.upload(source);
        DeviceRows rows = kernels.rows(indices, allocator);
        DeviceColumn gathered = kernels.gather(column, rows)) {
      kernels.download(gathered, out);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** {@code out = a op b} (or {@code a op constant}); whether a row overflowed. */
  boolean arithmetic(BigIntVector a, BigIntVector b, long constant, CudaKernels.LongOp op, BigIntVector out) {
    try (DeviceColumn left = kernels.upload(a);
        DeviceColumn right = b == null ? null : kernels.upload(b);
        DeviceBuffer overflow = kernels.newFlag();
        DeviceColumn result = kernels.arithmetic(left, right, constant, op, overflow)) {
      kernels.download(result, out);
      return kernels.isSet(overflow, allocator);
    }
  }
}
