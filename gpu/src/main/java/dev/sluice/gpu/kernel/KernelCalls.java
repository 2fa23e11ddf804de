package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.CudaModule;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.DeviceBuffer;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * What every typed launch needs: the module's functions, kernel parameters, Arrow validity bitmaps
 * moved to and from the device as the kernels' {@code uint32} words, and small device arrays read
 * back into Java arrays through scratch Arrow buffers.
 */
final class KernelCalls {
  private final CudaRuntime runtime;
  private final CudaModule module;

  KernelCalls(CudaRuntime runtime) {
    this.runtime = runtime;
    this.module = runtime.kernels();
  }


  CUfunction function(String name) {
    return module.function(name);
  }

  static int words(int rows) {
    return (rows + 31) / 32;
  }

  static Pointer ints(int value) {
    return Pointer.to(new int[] {value});
  }

  /** A device pointer parameter, or a null pointer for a missing buffer. */
  static Pointer parameter(DeviceBuffer buffer) {
    return buffer == null ? Pointer.to(new long[] {0}) : buffer.parameter();
  }

  void fillLongs(DeviceBuffer buffer, int count, long value) {
    runtime.launch(function("fill_i64"), count, Pointer.to(buffer.parameter(), ints(count),
        Pointer.to(new long[] {value})));
  }

  /** The validity words of a vector on the device, or null when it has no nulls. */
  DeviceBuffer uploadValidity(FieldVector vector) {
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

  DeviceBuffer uploadInts(int[] values, BufferAllocator allocator) {
    try (ArrowBuf host = allocator.buffer(4L * values.length)) {
      for (int i = 0; i < values.length; i++) {
        host.setInt(4L * i, values[i]);
      }
      return runtime.upload(host, 4L * values.length);
    }
  }

  int[] readInts(DeviceBuffer buffer, int count, BufferAllocator allocator) {
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

  long[] readLongs(DeviceBuffer buffer, int count, BufferAllocator allocator) {
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
  void copyValidity(DeviceBuffer words, int rows, FieldVector out) {
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
