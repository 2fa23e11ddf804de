package dev.sluice.gpu.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.gpu.runtime.CudaRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CudaKernels} through the unchanged JCuda path on the fake driver ({@code fake-gpu}
 * execution): every launch against {@link KernelReferences} on random Arrow data with nulls,
 * duplicates, extremes, empty input and sizes off the block size. Skipped in the other executions.
 */
@Timeout(120)
class TestCudaKernels {
  private static final int[] SIZES = {0, 1, 31, 257, 3001};
  private BufferAllocator allocator;
  private CudaKernels kernels;

  @BeforeEach
  void setUp() {
    String environment = System.getProperty("sluice.test.gpu.environment");
    assumeTrue("fake-gpu".equals(environment) || "real-gpu".equals(environment),
        "needs a GPU: the fake-gpu execution, or the real-gpu profile on a GPU machine");
    Path dir = Path.of(System.getProperty("sluice.test.fakecuda.dir", "target/fakecuda"));
    assumeTrue(Files.exists(dir.resolve("libcuda.so.1")), "fake CUDA driver not built (no g++?)");
    assertThat(CudaRuntime.status().available()).as(CudaRuntime.status().toString()).isTrue();
    allocator = new RootAllocator();
    kernels = new CudaKernels(CudaRuntime.get());
  }

  @AfterEach
  void tearDown() {
    if (allocator != null) {
      allocator.close();
    }
  }

  private BigIntVector longs(Random random, int n, long bound, double nulls) {
    BigIntVector vector = new BigIntVector("l", allocator);
    vector.allocateNew(Math.max(n, 1));
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < nulls) {
        vector.setNull(i);
      } else {
        long v = i % 89 == 7 ? (i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong(-bound, bound);
        vector.set(i, v);
      }
    }
    vector.setValueCount(n);
    return vector;
  }

  private Float8Vector doubles(Random random, int n, double nulls) {
    double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5};
    Float8Vector vector = new Float8Vector("d", allocator);
    vector.allocateNew(Math.max(n, 1));
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < nulls) {
        vector.setNull(i);
      } else {
        vector.set(i, i % 11 == 0 ? specials[(i / 11) % specials.length] : random.nextInt(-20, 20) / 2.0);
      }
    }
    vector.setValueCount(n);
    return vector;
  }

  @Test
  void filterAndGatherMatchTheReference() {
    Random random = new Random(1);
    for (int n : SIZES) {
      for (double nulls : new double[] {0, 0.3}) {
        try (BigIntVector values = longs(random, n, 10, nulls); Float8Vector reals = doubles(random, n, nulls)) {
          for (CudaKernels.Comparison op : CudaKernels.Comparison.values()) {
            int[] selected = kernels.filterIndices(values, op, 3, allocator);
            assertThat(selected).as("%s n=%d", op, n).containsExactly(KernelReferences.filterIndices(values, op, 3));
            assertThat(kernels.filterIndices(reals, op, 0.0, allocator)).as("f64 %s n=%d", op, n)
                .containsExactly(KernelReferences.filterIndices(reals, op, 0.0));
            try (BigIntVector gathered = kernels.gather(values, selected, allocator)) {
              assertThat(gathered.getValueCount()).isEqualTo(selected.length);
              for (int j = 0; j < selected.length; j++) {
                assertThat(gathered.getObject(j)).isEqualTo(values.getObject(selected[j]));
              }
            }
          }
          int[] all = new int[n];
          for (int i = 0; i < n; i++) {
            all[i] = n - 1 - i;
          }
          try (BigIntVector reversed = kernels.gather(values, all, allocator)) {
            for (int j = 0; j < n; j++) {
              assertThat(reversed.getObject(j)).as("row %d", j).isEqualTo(values.getObject(all[j]));
            }
          }
        }
      }
    }
  }

  @Test
  void arithmeticWrapsLikeJavaAndFlagsOverflow() {
    Random random = new Random(2);
    for (int n : SIZES) {
      try (BigIntVector a = longs(random, n, 1L << 40, 0.2); BigIntVector b = longs(random, n, 1L << 40, 0.2);
          BigIntVector out = new BigIntVector("out", allocator)) {
        for (CudaKernels.LongOp op : CudaKernels.LongOp.values()) {
          for (BigIntVector right : new BigIntVector[] {b, null}) {
            boolean[] expectedOverflow = new boolean[1];
            Long[] expected = KernelReferences.arithmetic(a, right, 12345, op, expectedOverflow);
            boolean overflow = kernels.arithmetic(a, right, 12345, op, out, allocator);
            assertThat(overflow).as("%s n=%d", op, n).isEqualTo(expectedOverflow[0]);
            for (int i = 0; i < n; i++) {
              assertThat(out.getObject(i)).as("%s row %d", op, i).isEqualTo(expected[i]);
            }
          }
        }
      }
    }
  }

  @Test
  void hashPartitionsEqualTheCpuPartitioner() {
    Random random = new Random(3);
    for (int n : SIZES) {
      try (BigIntVector ids = longs(random, n, 50, 0.2); Float8Vector reals = doubles(random, n, 0.2)) {
        for (int partitions : new int[] {1, 7, 64}) {
          for (List<FieldVector> keys : List.<List<FieldVector>>of(List.of(ids), List.of(reals), List.of(ids, reals))) {
            CudaKernels.Partitions result = kernels.hashPartition(keys, partitions, allocator);
            int[] expected = KernelReferences.partitions(keys, partitions);
            assertThat(result.partitionIds()).containsExactly(expected);
            int[] counts = new int[partitions];
            for (int p : expected) {
              counts[p]++;
            }
            assertThat(result.counts()).containsExactly(counts);
          }
        }
      }
    }
  }

  @Test
  void aggregationByLongKeysMatchesInFirstSeenOrder() {
    Random random = new Random(4);
    for (int n : SIZES) {
      for (long distinct : new long[] {3, 40}) {
        try (BigIntVector keys = longs(random, n, distinct, 0.1);
            BigIntVector values = longs(random, n, Long.MAX_VALUE / 4, 0.2)) {
          CudaKernels.LongGroups groups = kernels.aggregateByLong(keys, values, 8, allocator);
          List<KernelReferences.LongGroup> expected = KernelReferences.aggregateByLong(keys, values);
          assertThat(groups.keys()).containsExactly(expected.stream().map(KernelReferences.LongGroup::key).toArray(Long[]::new));
          for (int g = 0; g < expected.size(); g++) {
            KernelReferences.LongGroup want = expected.get(g);
            assertThat(groups.counts()[g]).isEqualTo(want.count());
            assertThat(KernelReferences.int128(groups.sumHigh()[g], groups.sumLow()[g])).isEqualTo(want.sum());
            assertThat(groups.sumLow()[g]).as("the CPU's wrapping int64 sum").isEqualTo(want.sum().longValue());
            if (want.count() > 0) {
              assertThat(groups.min()[g]).isEqualTo(want.min());
              assertThat(groups.max()[g]).isEqualTo(want.max());
            }
          }
          if (n > 100 && distinct == 40) {
            assertThat(kernels.aggregateByLong(keys, values, 3, allocator)).as("8 slots for 40 keys").isNull();
          }
        }
      }
    }
  }
}
