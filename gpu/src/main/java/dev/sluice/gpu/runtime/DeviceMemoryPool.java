package dev.sluice.gpu.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;

/**
 * Freed device allocations kept for reuse, by size class (powers of two from {@value
 * #MIN_CLASS_BYTES} bytes), up to a limit of cached bytes. It only keeps and hands out pointers;
 * {@link CudaRuntime} allocates and frees through the driver. Thread-safe.
 */
final class DeviceMemoryPool {
  /** The smallest size class: also the alignment real drivers give every allocation. */
  static final long MIN_CLASS_BYTES = 256;

  private final long cacheLimit;
  private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
  private long cachedBytes;

  DeviceMemoryPool(long cacheLimit) {
    this.cacheLimit = cacheLimit;
  }

  /** The size class for a request: the next power of two, at least {@value #MIN_CLASS_BYTES}. */
  static long sizeClass(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
    if (bytes <= MIN_CLASS_BYTES) {
      return MIN_CLASS_BYTES;
    }
    long highest = Long.highestOneBit(bytes);
    if (highest == bytes) {
      return bytes;
    }
    if (highest == Long.MIN_VALUE >>> 1) {
      throw new IllegalArgumentException("size too large: " + bytes);
    }
    return highest << 1;
  }

  /** A cached allocation of exactly this size class, or null. */
  synchronized CUdeviceptr take(long sizeClass) {
    ArrayDeque<CUdeviceptr> list = free.get(sizeClass);
    CUdeviceptr pointer = list == null ? null : list.pollLast();
    if (pointer != null) {
      cachedBytes -= sizeClass;
    }
    return pointer;
  }

  /** Keeps an allocation for reuse; false when the cache is full and the caller must free it. */
  synchronized boolean give(CUdeviceptr pointer, long sizeClass) {
    if (cachedBytes + sizeClass > cacheLimit) {
      return false;
    }
    free.computeIfAbsent(sizeClass, size -> new ArrayDeque<>()).addLast(pointer);
    cachedBytes += sizeClass;
    return true;
  }

  /** Empties the cache and returns what it held, for the caller to free. */
  synchronized List<CUdeviceptr> drain() {
    List<CUdeviceptr> drained = new ArrayList<>();
    free.values().forEach(drained::addAll);
    free.clear();
    cachedBytes = 0;
    return drained;
  }

  /** The bytes held for reuse. */
  synchronized long cachedBytes() {
    return cachedBytes;
  }
}
