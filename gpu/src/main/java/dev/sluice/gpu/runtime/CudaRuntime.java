package dev.sluice.gpu.runtime;

import static java.util.Objects.requireNonNull;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import dev.sluice.gpu.cuda.CudaDeviceProbe;
import dev.sluice.gpu.cuda.GpuEnabled;
import dev.sluice.gpu.cuda.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import org.apache.arrow.memory.ArrowBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's CUDA device 0, ready to launch kernels through JCuda's driver API: its primary
 * context, the kernels' PTX module, a pool of device memory, and a semaphore bounding how many tasks
 * use the GPU at once.
 *
 * <p>It is set up once per process, lazily, at the first {@link #status()} or {@link #get()}: the
 * device probe ({@link CudaDeviceProbe}) runs, then the primary context is retained and the PTX
 * resource {@value #KERNELS_RESOURCE} is loaded. Any failure leaves the GPU unavailable for the life
 * of the process, with the reason in {@link #status()}.
 *
 * <p>Every operation that reaches the driver throws {@link GpuException} on failure; callers catch
 * it and run the CPU version of the work instead. Operations may be called from any thread (each
 * binds the context to the calling thread first).
 *
 * <p>Settings (system properties, read once): {@value #CONCURRENT_TASKS_PROPERTY} (default
 * {@value #DEFAULT_CONCURRENT_TASKS}) and {@value #POOL_BYTES_PROPERTY}, the freed device memory
 * kept for reuse (default 256 MiB).
 */
public final class CudaRuntime {
  /** The class path resource holding the kernels' PTX. */
  public static final String KERNELS_RESOURCE = "dev/sluice/gpu/kernels.ptx";

  /** How many tasks may use the GPU at once. */
  public static final String CONCURRENT_TASKS_PROPERTY = "sluice.gpu.concurrentTasks";

  /** Bytes of freed device memory the pool keeps for reuse. */
  public static final String POOL_BYTES_PROPERTY = "sluice.gpu.poolBytes";

  /** Threads per block for {@link #launch(CUfunction, long, Pointer)}. */
  public static final int BLOCK_SIZE = 256;

  private static final int DEFAULT_CONCURRENT_TASKS = 2;
  private static final long DEFAULT_POOL_BYTES = 256L << 20;
  /** Grid-stride kernels need no more blocks than this many per multiprocessor to fill the GPU. */
  private static final int BLOCKS_PER_MULTIPROCESSOR = 32;

  private static final Logger LOG = LoggerFactory.getLogger(CudaRuntime.class);

  private final CUcontext context;
  private final String deviceDescription;
  private final int multiprocessors;
  private final Semaphore permits;
  private final DeviceMemoryPool pool;
  private final Map<String, CudaModule> modules = new ConcurrentHashMap<>();
  private volatile CudaModule kernels;

  private CudaRuntime(
      CUcontext context, String deviceDescription, int multiprocessors, int tasks, long poolBytes) {
    this.context = context;
    this.deviceDescription = deviceDescription;
    this.multiprocessors = multiprocessors;
    this.permits = new Semaphore(tasks, true);
    this.pool = new DeviceMemoryPool(poolBytes);
  }

  /** Whether this process can launch kernels, and why not; sets the runtime up on first use. */
  public static RuntimeStatus status() {
    return Holder.STATUS;
  }

  /**
   * The process's runtime.
   *
   * @throws GpuUnavailableException when {@link #status()} is not available
   */
  public static CudaRuntime get() {
    if (Holder.RUNTIME == null) {
      throw new GpuUnavailableException(Holder.STATUS);
    }
    return Holder.RUNTIME;
  }

  /** The device, as the probe described it (name, compute capability, driver version). */
  public String deviceDescription() {
    return deviceDescription;
  }

  /** The kernels of {@value #KERNELS_RESOURCE}. */
  public CudaModule kernels() {
    return kernels;
  }

  /**
   * A PTX module from the class path, loaded on first request and kept for the life of the process.
   *
   * @throws GpuException when the resource is missing or the driver rejects it
   */
  public CudaModule module(String resource) {
    requireNonNull(resource, "resource is null");
    CudaModule loaded = modules.get(resource);
    if (loaded != null) {
      return loaded;
    }
    synchronized (modules) {
      loaded = modules.get(resource);
      if (loaded == null) {
        loaded = loadModule(resource);
        modules.put(resource, loaded);
      }
      return loaded;
    }
  }

  /**
   * Waits for the right to use the GPU; at most {@value #CONCURRENT_TASKS_PROPERTY} tasks hold one
   * at a time. Close the permit when the task's GPU work is done (try-with-resources).
   */
  public GpuTaskPermit acquire() throws InterruptedException {
    permits.acquire();
    return new GpuTaskPermit(permits);
  }

  /** Like {@link #acquire()}, giving up after {@code timeout}: null then. */
  public GpuTaskPermit tryAcquire(Duration timeout) throws InterruptedException {
    return permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)
        ? new GpuTaskPermit(permits)
        : null;
  }

  /** The permits free now (for tests and metrics). */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /**
   * Device memory of at least {@code bytes} bytes (zero gives a small buffer), from the pool when it
   * has a block of the right size class. On an out-of-memory error, empties the pool and tries once
   * more.
   *
   * @throws GpuException when the device has not enough memory
   */
  public DeviceBuffer allocate(long bytes) {
    long sizeClass = DeviceMemoryPool.sizeClass(bytes);
    CUdeviceptr pointer = pool.take(sizeClass);
    if (pointer != null) {
      return new DeviceBuffer(this, pointer, bytes, sizeClass);
    }
    bindContext();
    try {
      return new DeviceBuffer(this, driverAllocate(sizeClass), bytes, sizeClass);
    } catch (CudaException e) {
      freeAll(pool.drain());
      try {
        return new DeviceBuffer(this, driverAllocate(sizeClass), bytes, sizeClass);
      } catch (CudaException again) {
        throw new GpuException(
            "cuMemAlloc of %d bytes failed: %s".formatted(sizeClass, again.getMessage()), again);
      }
    }
  }

  /** Sets every byte of the buffer to zero. */
  public void zero(DeviceBuffer buffer) {
    bindContext();
    try {
      cuMemsetD8(buffer.pointer(), (byte) 0, buffer.size());
    } catch (CudaException e) {
      throw new GpuException("cuMemsetD8 failed: " + e.getMessage(), e);
    }
  }

  /**
   * Copies {@code bytes} bytes from an Arrow buffer, starting at {@code sourceOffset}, to the
   * device buffer at {@code targetOffset}; straight from Arrow memory, synchronously.
   */
  public void copyToDevice(
      ArrowBuf source, long sourceOffset, DeviceBuffer target, long targetOffset, long bytes) {
    checkRange("Arrow buffer", source.capacity(), sourceOffset, bytes);
    checkRange("device buffer", target.size(), targetOffset, bytes);
    if (bytes == 0) {
      return;
    }
    bindContext();
    try {
      cuMemcpyHtoD(
          target.pointer(targetOffset), RawPointer.of(source, sourceOffset), bytes);
    } catch (CudaException e) {
      throw new GpuException("cuMemcpyHtoD of %d bytes failed: %s".formatted(bytes, e.getMessage()), e);
    }
  }

  /** A new device buffer holding the first {@code bytes} bytes of an Arrow buffer. */
  public DeviceBuffer upload(ArrowBuf source, long bytes) {
    DeviceBuffer target = allocate(bytes);
    try {
      copyToDevice(source, 0, target, 0, bytes);
      return target;
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * Copies {@code bytes} bytes from the device buffer at {@code sourceOffset} into an Arrow buffer
   * at {@code targetOffset}, synchronously (it waits for earlier launches).
   */
  public void copyToHost(
      DeviceBuffer source, long sourceOffset, ArrowBuf target, long targetOffset, long bytes) {
    checkRange("device buffer", source.size(), sourceOffset, bytes);
    checkRange("Arrow buffer", target.capacity(), targetOffset, bytes);
    if (bytes == 0) {
      return;
    }
    bindContext();
    try {
      cuMemcpyDtoH(RawPointer.of(target, targetOffset), source.pointer(sourceOffset), bytes);
    } catch (CudaException e) {
      throw new GpuException("cuMemcpyDtoH of %d bytes failed: %s".formatted(bytes, e.getMessage()), e);
    }
  }

  /**
   * Launches a grid-stride kernel over {@code rows} rows, {@value #BLOCK_SIZE} threads per block
   * and as many blocks as fill the device (at least one), and waits for it to finish.
   *
   * @param parameters {@code Pointer.to(p1, p2, ...)}, each {@code pi} a pointer to one argument
   *     whose Java type has the C parameter's width ({@code long[]} for {@code long long})
   */
  public void launch(CUfunction kernel, long rows, Pointer parameters) {
    launch(kernel, gridSize(rows), BLOCK_SIZE, parameters);
  }

  /** Launches a kernel with an explicit one-dimensional shape and waits for it to finish. */
  public void launch(CUfunction kernel, int blocks, int threadsPerBlock, Pointer parameters) {
    bindContext();
    try {
      cuLaunchKernel(kernel, blocks, 1, 1, threadsPerBlock, 1, 1, 0, null, parameters, null);
      cuCtxSynchronize();
    } catch (CudaException e) {
      throw new GpuException("kernel launch failed: " + e.getMessage(), e);
    }
  }

  /** The blocks for a grid-stride launch over {@code rows} rows. */
  public int gridSize(long rows) {
    long needed = (rows + BLOCK_SIZE - 1) / BLOCK_SIZE;
    long limit = (long) BLOCKS_PER_MULTIPROCESSOR * Math.max(1, multiprocessors);
    return (int) Math.max(1, Math.min(needed, limit));
  }

  /** Frees the memory the pool holds for reuse. */
  public void trimPool() {
    freeAll(pool.drain());
  }

  /** Bytes of freed device memory held for reuse. */
  public long pooledBytes() {
    return pool.cachedBytes();
  }

  /** Makes the runtime's context current on the calling thread. */
  void bindContext() {
    try {
      cuCtxSetCurrent(context);
    } catch (CudaException e) {
      throw new GpuException("cuCtxSetCurrent failed: " + e.getMessage(), e);
    }
  }

  /** Takes back a closed buffer's memory: into the pool, or freed when the pool is full. */
  void release(CUdeviceptr pointer, long sizeClass) {
    if (!pool.give(pointer, sizeClass)) {
      freeAll(java.util.List.of(pointer));
    }
  }

  private static CUdeviceptr driverAllocate(long bytes) {
    CUdeviceptr pointer = new CUdeviceptr();
    cuMemAlloc(pointer, bytes);
    return pointer;
  }

  private void freeAll(Iterable<CUdeviceptr> pointers) {
    bindContext();
    for (CUdeviceptr pointer : pointers) {
      try {
        cuMemFree(pointer);
      } catch (CudaException e) {
        LOG.warn("cuMemFree failed: {}", e.getMessage());
      }
    }
  }

  private CudaModule loadModule(String resource) {
    byte[] ptx = readResource(resource);
    bindContext();
    try {
      CUmodule module = new CUmodule();
      cuModuleLoadData(module, ptx);
      return new CudaModule(this, resource, module);
    } catch (CudaException e) {
      throw new GpuException(
          "PTX module %s failed to load: %s".formatted(resource, e.getMessage()), e);
    }
  }

  /** The resource's bytes with a terminating NUL, as cuModuleLoadData wants PTX text. */
  private static byte[] readResource(String resource) {
    try (InputStream in = CudaRuntime.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new GpuException("PTX resource " + resource + " is not on the class path");
      }
      byte[] bytes = in.readAllBytes();
      return Arrays.copyOf(bytes, bytes.length + 1);
    } catch (IOException e) {
      throw new GpuException("PTX resource " + resource + " could not be read: " + e, e);
    }
  }

  private static void checkRange(String what, long capacity, long offset, long bytes) {
    if (offset < 0 || bytes < 0 || offset > capacity - bytes) {
      throw new IndexOutOfBoundsException(
          "%d bytes at offset %d outside a %s of %d bytes".formatted(bytes, offset, what, capacity));
    }
  }

  /** Sets up the runtime; never throws. */
  private static Setup setUp() {
    ProbeResult probe = CudaDeviceProbe.detect(System.getProperty(GpuEnabled.PROPERTY));
    RuntimeStatus.State failed = failedState(probe);
    if (failed != null) {
      return new Setup(null, new RuntimeStatus(failed, probe.description()));
    }
    String description = probe.toStatus().description();
    CUdevice device = new CUdevice();
    CUcontext context = new CUcontext();
    boolean retained = false;
    try {
      cuDeviceGet(device, 0);
      cuDevicePrimaryCtxRetain(context, device);
      retained = true;
      int[] multiprocessors = new int[1];
      cuDeviceGetAttribute(
          multiprocessors, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
      CudaRuntime runtime =
          new CudaRuntime(
              context,
              description,
              multiprocessors[0],
              intSetting(CONCURRENT_TASKS_PROPERTY, DEFAULT_CONCURRENT_TASKS),
              longSetting(POOL_BYTES_PROPERTY, DEFAULT_POOL_BYTES));
      runtime.kernels = runtime.module(KERNELS_RESOURCE);
      return new Setup(runtime, new RuntimeStatus(RuntimeStatus.State.AVAILABLE, description));
    } catch (CudaException | GpuException e) {
      if (retained) {
        try {
          cuDevicePrimaryCtxRelease(device);
        } catch (CudaException ignored) {
          // the failure being reported matters more
        }
      }
      return new Setup(
          null, new RuntimeStatus(RuntimeStatus.State.MODULE_ERROR, String.valueOf(e.getMessage())));
    } catch (LinkageError | RuntimeException e) {
      return new Setup(
          null,
          new RuntimeStatus(RuntimeStatus.State.INIT_ERROR, "unexpected error, this is a bug: " + e));
    }
  }

  /** The state for a probe that found no usable device, or null when it found one. */
  private static RuntimeStatus.State failedState(ProbeResult probe) {
    if (probe.available()) {
      return null;
    }
    if (probe instanceof ProbeResult.NoDriver) {
      return RuntimeStatus.State.NO_DRIVER;
    }
    if (probe instanceof ProbeResult.NoDevice) {
      return RuntimeStatus.State.NO_DEVICE;
    }
    if (probe instanceof ProbeResult.UnsupportedDevice) {
      return RuntimeStatus.State.UNSUPPORTED_DEVICE;
    }
    if (probe instanceof ProbeResult.InitError) {
      return RuntimeStatus.State.INIT_ERROR;
    }
    return RuntimeStatus.State.DISABLED;
  }

  private static int intSetting(String property, int fallback) {
    long value = longSetting(property, fallback);
    if (value < 1 || value > Integer.MAX_VALUE) {
      LOG.warn("{}={} is not a positive int, using {}", property, value, fallback);
      return fallback;
    }
    return (int) value;
  }

  private static long longSetting(String property, long fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      LOG.warn("{}={} is not a number, using {}", property, value, fallback);
      return fallback;
    }
  }

  private record Setup(CudaRuntime runtime, RuntimeStatus status) {}

  /** Sets the runtime up on first use; the JVM runs the initialiser once, thread-safely. */
  private static final class Holder {
    static final Setup SETUP = setUp();
    static final CudaRuntime RUNTIME = SETUP.runtime();
    static final RuntimeStatus STATUS = SETUP.status();

    static {
      if (STATUS.available()) {
        LOG.info("CUDA runtime ready: {}", STATUS.description());
      } else {
        LOG.info("CUDA runtime unavailable, running on CPU: {}", STATUS);
      }
    }
  }
}
