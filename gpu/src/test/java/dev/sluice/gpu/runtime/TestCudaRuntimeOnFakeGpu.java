package dev.sluice.gpu.runtime;

import static dev.sluice.gpu.runtime.TestKernelRunner.TEST_PTX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.gpu.runtime.TestKernelRunner.SumCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CudaRuntime}'s own behaviour, on the fake GPU only: memory, errors, concurrency. */
@Timeout(120)
class TestCudaRuntimeOnFakeGpu {
  private BufferAllocator allocator;
  private CudaRuntime runtime;

  @BeforeEach
  void setUp() {
    assumeTrue(GpuTestEnvironment.current() == GpuTestEnvironment.FAKE_GPU, "needs the fake GPU");
    runtime = CudaRuntime.get();
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    if (allocator != null) {
      allocator.close();
    }
  }

  @Test
  void testClosedBuffersAreReusedBySizeClass() {
    runtime.trimPool();
    jcuda.driver.CUdeviceptr first;
    try (DeviceBuffer buffer = runtime.allocate(1000)) {
      first = buffer.pointer();
      assertThat(buffer.size()).isEqualTo(1000);
      assertThat(buffer.capacity()).isEqualTo(1024);
    }
    assertThat(runtime.pooledBytes()).isEqualTo(1024);
    try (DeviceBuffer again = runtime.allocate(600)) {
      assertThat(again.pointer()).isSameAs(first);
      assertThat(runtime.pooledBytes()).isZero();
    }
    runtime.trimPool();
    assertThat(runtime.pooledBytes()).isZero();
  }

  @Test
  void testFreshDeviceMemoryIsNotZeroUntilZeroed() {
    runtime.trimPool();
    try (DeviceBuffer buffer = runtime.allocate(64);
        ArrowBuf host = allocator.buffer(64)) {
      runtime.copyToHost(buffer, 0, host, 0, 64);
      assertThat(host.getByte(0)).isEqualTo((byte) 0xCD);

      runtime.zero(buffer);
      runtime.copyToHost(buffer, 0, host, 0, 64);
      for (int i = 0; i < 64; i += 8) {
        assertThat(host.getLong(i)).isZero();
      }
    }
  }

  @Test
  void testCopiesOutsideEitherBufferAreRefusedBeforeTheDriver() {
    try (DeviceBuffer device = runtime.allocate(16);
        ArrowBuf host = allocator.buffer(64)) {
      assertThatThrownBy(() -> runtime.copyToDevice(host, 0, device, 0, 17))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> runtime.copyToHost(device, 8, host, 0, 9))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> runtime.copyToDevice(host, 60, device, 0, 8))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void testOutOfDeviceMemoryIsAGpuException() {
    // The fake has 1 GiB; the pool is emptied and the allocation retried once before giving up.
    assertThatThrownBy(() -> runtime.allocate(3L << 30))
        .isInstanceOf(GpuException.class)
        .hasMessageContaining("CUDA_ERROR_OUT_OF_MEMORY");
    try (DeviceBuffer small = runtime.allocate(8)) {
      assertThat(small.size()).isEqualTo(8);
    }
  }

  @Test
  void testMissingKernelIsAGpuException() {
    assertThatThrownBy(() -> runtime.kernels().function("no_such_kernel"))
        .isInstanceOf(GpuException.class)
        .hasMessageContaining("no_such_kernel")
        .hasMessageContaining("CUDA_ERROR_NOT_FOUND");
    // In the test image but not in kernels.ptx: the fake insists on both.
    assertThatThrownBy(() -> runtime.kernels().function("fakecuda_test_sum_i64"))
        .isInstanceOf(GpuException.class);
    assertThat(runtime.module(TEST_PTX).function("fakecuda_test_sum_i64"))
        .isSameAs(runtime.module(TEST_PTX).function("fakecuda_test_sum_i64"));
  }

  @Test
  void testMissingModuleIsAGpuException() {
    assertThatThrownBy(() -> runtime.module("dev/sluice/gpu/none.ptx"))
        .isInstanceOf(GpuException.class)
        .hasMessageContaining("not on the class path");
  }

  @Test
  void testClosedBufferRefusesUse() {
    DeviceBuffer buffer = runtime.allocate(8);
    buffer.close();
    buffer.close();
    assertThat(buffer.isClosed()).isTrue();
    assertThatThrownBy(buffer::pointer).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void testPermitsBoundConcurrentTasksAndLaunchesWorkFromAnyThread() throws Exception {
    int tasks = 8;
    int permits = runtime.availablePermits();
    assertThat(permits).isEqualTo(2);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < tasks; task++) {
        int seed = task;
        results.add(
            pool.submit(
                () -> {
                  try (GpuTaskPermit permit = runtime.acquire();
                      BigIntVector vector =
                          TestCudaRuntime.randomVector(allocator, new Random(seed), 5_000, 0.2)) {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    SumCount gpu = TestKernelRunner.gpuSum(runtime, allocator, vector);
                    SumCount cpu = TestKernelRunner.javaSum(vector);
                    inside.decrementAndGet();
                    return gpu.sum() == cpu.sum() && gpu.count() == cpu.count();
                  }
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mostInside.get()).isBetween(1, permits);
    assertThat(runtime.availablePermits()).isEqualTo(permits);
  }

  @Test
  void testTryAcquireGivesUpWhenEveryPermitIsHeld() throws Exception {
    try (GpuTaskPermit first = runtime.acquire();
        GpuTaskPermit second = runtime.acquire()) {
      assertThat(runtime.tryAcquire(Duration.ofMillis(10))).isNull();
    }
    try (GpuTaskPermit third = runtime.tryAcquire(Duration.ofSeconds(10))) {
      assertThat(third).isNotNull();
    }
  }
}
