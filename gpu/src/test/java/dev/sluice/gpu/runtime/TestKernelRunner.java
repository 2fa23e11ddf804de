package dev.sluice.gpu.runtime;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;

/**
 * The test kernels of src/test/native/testkernels.cu driven through {@link CudaRuntime}, the way an
 * operator drives the production kernels, each with its Java reference and a CPU fallback.
 */
final class TestKernelRunner {
  static final String TEST_PTX = "dev/sluice/gpu/fakecuda-test.ptx";

  /** Which path produced a result. */
  enum Path {
    GPU,
    CPU
  }

  /** The sum (wrapping) and count of the non-null values, and the path that computed them. */
  record SumCount(long sum, long count, Path path) {}

  private TestKernelRunner() {}

  /** Sums on the GPU when there is one, on the CPU when a {@link GpuException} says otherwise. */
  static SumCount sumWithFallback(BufferAllocator allocator, BigIntVector vector) {
    try {
      return gpuSum(CudaRuntime.get(), allocator, vector);
    } catch (GpuException e) {
      SumCount cpu = javaSum(vector);
      return new SumCount(cpu.sum(), cpu.count(), Path.CPU);
    }
  }

  /** The kernel fakecuda_test_sum_i64 over a vector's values and validity. */
  static SumCount gpuSum(CudaRuntime runtime, BufferAllocator allocator, BigIntVector vector) {
    CudaModule module = runtime.module(TEST_PTX);
    int rows = vector.getValueCount();
    boolean hasNulls = vector.getNullCount() > 0;
    try (DeviceBuffer values = runtime.upload(vector.getDataBuffer(), rows * 8L);
        DeviceBuffer validity = hasNulls ? uploadValidity(runtime, vector) : null;
        DeviceBuffer out = runtime.allocate(16);
        ArrowBuf result = allocator.buffer(16)) {
      runtime.zero(out);
      Pointer parameters =
          Pointer.to(
              values.parameter(),
              hasNulls ? validity.parameter() : Pointer.to(new CUdeviceptr()),
              Pointer.to(new long[] {rows}),
              out.parameter());
      runtime.launch(module.function("fakecuda_test_sum_i64"), rows, parameters);
      runtime.copyToHost(out, 0, result, 0, 16);
      return new SumCount(result.getLong(0), result.getLong(8), Path.GPU);
    }
  }

  /**
   * The validity bitmap on the device, padded with zeros to whole 32-bit words (the kernel reads
   * words; Arrow only promises whole bytes).
   */
  static DeviceBuffer uploadValidity(CudaRuntime runtime, BigIntVector vector) {
    int rows = vector.getValueCount();
    long words = (rows + 31L) / 32;
    DeviceBuffer validity = runtime.allocate(words * 4);
    try {
      runtime.zero(validity);
      runtime.copyToDevice(
          vector.getValidityBuffer(), 0, validity, 0, BitVectorHelper.getValidityBufferSize(rows));
      return validity;
    } catch (RuntimeException e) {
      validity.close();
      throw e;
    }
  }

  /** The Java reference of fakecuda_test_sum_i64. */
  static SumCount javaSum(BigIntVector vector) {
    long sum = 0;
    long count = 0;
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (!vector.isNull(i)) {
        sum += vector.get(i);
        count++;
      }
    }
    return new SumCount(sum, count, Path.CPU);
  }

  /**
   * fakecuda_test_mul_add_i64: {@code out[i] = a[i] * factor + b[i]} for every row, written by the
   * D2H copy straight into the data buffer of {@code out}; its validity is the caller's.
   */
  static void gpuMulAdd(
      CudaRuntime runtime, BigIntVector a, BigIntVector b, int factor, BigIntVector out) {
    CudaModule module = runtime.module(TEST_PTX);
    int rows = a.getValueCount();
    try (DeviceBuffer left = runtime.upload(a.getDataBuffer(), rows * 8L);
        DeviceBuffer right = runtime.upload(b.getDataBuffer(), rows * 8L);
        DeviceBuffer result = runtime.allocate(rows * 8L)) {
      Pointer parameters =
          Pointer.to(
              left.parameter(),
              right.parameter(),
              Pointer.to(new int[] {factor}),
              Pointer.to(new long[] {rows}),
              result.parameter());
      runtime.launch(module.function("fakecuda_test_mul_add_i64"), rows, parameters);
      runtime.copyToHost(result, 0, out.getDataBuffer(), 0, rows * 8L);
    }
  }
}
