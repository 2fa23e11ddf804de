package dev.sluice.gpu.runtime;

import static dev.sluice.gpu.runtime.TestKernelRunner.TEST_PTX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.gpu.runtime.TestKernelRunner.Path;
import dev.sluice.gpu.runtime.TestKernelRunner.SumCount;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link CudaRuntime} reports in each surefire environment, and that a caller gets the Java
 * reference's answer in every one: from a kernel launched through JCuda on the fake GPU, from its
 * CPU fallback everywhere else.
 */
@Timeout(120)
class TestCudaRuntime {
  private static final int[] SIZES = {0, 1, 31, 32, 33, 255, 256, 257, 1000, 10_007, 100_003};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void testStatusMatchesTheEnvironment() {
    GpuTestEnvironment environment = GpuTestEnvironment.current();
    RuntimeStatus status = CudaRuntime.status();

    switch (environment) {
      case NO_DRIVER -> {
        assertThat(status.state()).isEqualTo(RuntimeStatus.State.NO_DRIVER);
        assertThat(status.description()).contains("libcuda.so.1");
      }
      case FAKE_NO_DEVICE -> assertThat(status.state()).isEqualTo(RuntimeStatus.State.NO_DEVICE);
      case FAKE_GPU -> {
        assertThat(status.state()).isEqualTo(RuntimeStatus.State.AVAILABLE);
        assertThat(status.description()).contains("fakecuda CPU device").contains("compute 8.0");
      }
      case REAL_GPU -> assertThat(status.state()).as("a real GPU: %s", status).isEqualTo(RuntimeStatus.State.AVAILABLE);
      case FAKE_OLD_DRIVER -> {
        assertThat(status.state()).isEqualTo(RuntimeStatus.State.MODULE_ERROR);
        assertThat(status.description())
            .contains(CudaRuntime.KERNELS_RESOURCE)
            .contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
      }
    }
    assertThat(CudaRuntime.status()).isSameAs(status);
  }

  @Test
  void testGetThrowsWithTheReasonUnlessAvailable() {
    GpuTestEnvironment.current();
    RuntimeStatus status = CudaRuntime.status();

    if (status.available()) {
      assertThat(CudaRuntime.get()).isSameAs(CudaRuntime.get());
      assertThat(CudaRuntime.get().kernels().resource()).isEqualTo(CudaRuntime.KERNELS_RESOURCE);
    } else {
      assertThatThrownBy(CudaRuntime::get)
          .isInstanceOf(GpuUnavailableException.class)
          .hasMessageContaining(status.description())
          .satisfies(e -> assertThat(((GpuUnavailableException) e).status()).isSameAs(status));
    }
  }

  @Test
  void testSumEqualsTheJavaReferenceOnWhicheverPathRuns() {
    GpuTestEnvironment environment = GpuTestEnvironment.current();
    Random random = new Random(7);
    for (int size : SIZES) {
      for (double nullFraction : new double[] {0, 0.3, 1}) {
        try (BigIntVector vector = randomVector(allocator, random, size, nullFraction)) {
          SumCount expected = TestKernelRunner.javaSum(vector);

          SumCount actual = TestKernelRunner.sumWithFallback(allocator, vector);

          assertThat(actual.sum()).as("sum of %d rows", size).isEqualTo(expected.sum());
          assertThat(actual.count()).as("count of %d rows", size).isEqualTo(expected.count());
          assertThat(actual.path())
              .isEqualTo(CudaRuntime.status().available() ? Path.GPU : Path.CPU);
        }
      }
    }
    assertThat(CudaRuntime.status().available())
        .isEqualTo(environment.hasDevice());
  }

  @Test
  void testMulAddLandsInAnArrowVector() {
    assumeTrue(GpuTestEnvironment.current().hasDevice(), "needs a GPU, fake or real");
    assumeTrue(CudaRuntime.status().available(), CudaRuntime.status()::toString);
    CudaRuntime runtime = CudaRuntime.get();
    Random random = new Random(11);
    for (int size : SIZES) {
      try (BigIntVector a = randomVector(allocator, random, size, 0);
          BigIntVector b = randomVector(allocator, random, size, 0);
          BigIntVector out = new BigIntVector("out", allocator)) {
        out.allocateNew(size);
        out.setValueCount(size);

        TestKernelRunner.gpuMulAdd(runtime, a, b, -3, out);

        for (int i = 0; i < size; i++) {
          out.setIndexDefined(i); // the kernel writes values; validity is the caller's
          assertThat(out.get(i)).as("row %d of %d", i, size).isEqualTo(a.get(i) * -3 + b.get(i));
        }
      }
    }
  }

  @Test
  void testTestModuleFailsToLoadOnTheOldDriver() {
    assumeTrue(GpuTestEnvironment.current() == GpuTestEnvironment.FAKE_OLD_DRIVER, "old driver");
    // The runtime is unavailable, so no caller reaches module(); the test PTX has ISA 7.0 too.
    assertThatThrownBy(() -> CudaRuntime.get().module(TEST_PTX))
        .isInstanceOf(GpuUnavailableException.class);
  }

  /** Random values (wrapping sums: extremes included) with about {@code nullFraction} nulls. */
  static BigIntVector randomVector(
      BufferAllocator allocator, Random random, int size, double nullFraction) {
    BigIntVector vector = new BigIntVector("v", allocator);
    vector.allocateNew(size);
    for (int i = 0; i < size; i++) {
      if (random.nextDouble() < nullFraction) {
        vector.setNull(i);
      } else {
        long value =
            switch (random.nextInt(8)) {
              case 0 -> Long.MAX_VALUE - random.nextInt(3);
              case 1 -> Long.MIN_VALUE + random.nextInt(3);
              case 2 -> 42; // a skewed, repeated value
              default -> random.nextLong() >> random.nextInt(64);
            };
        vector.set(i, value);
      }
    }
    vector.setValueCount(size);
    return vector;
  }
}
