package dev.sluice.gpu.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.gpu.runtime.CudaRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
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
  private HostKernels host;

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
    host = new HostKernels(kernels, allocator);
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
            int[] selected = host.filterIndices(values, op, 3);
            assertThat(selected).as("%s n=%d", op, n).containsExactly(KernelReferences.filterIndices(values, op, 3));
            assertThat(host.filterIndices(reals, op, 0.0)).as("f64 %s n=%d", op, n)
                .containsExactly(KernelReferences.filterIndices(reals, op, 0.0));
            try (BigIntVector gathered = host.gather(values, selected)) {
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
          try (BigIntVector reversed = host.gather(values, all)) {
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
            boolean overflow = host.arithmetic(a, right, 12345, op, out);
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
  void groupsByLongKeysAggregateInFirstSeenOrder() {
    Random random = new Random(4);
    CudaRuntime runtime = CudaRuntime.get();
    for (int n : SIZES) {
      // 5000 distinct keys overflow the first 1024-slot table: the grouping retries with a larger one
      for (long distinct : new long[] {3, 40, 5000}) {
        try (BigIntVector keys = longs(random, n, distinct, 0.1);
            BigIntVector values = longs(random, n, Long.MAX_VALUE / 4, 0.2);
            DeviceColumn keyColumn = kernels.upload(keys);
            DeviceColumn valueColumn = kernels.upload(values);
            DeviceGroups groups = DeviceGroups.byLong(runtime, keyColumn, allocator)) {
          List<KernelReferences.LongGroup> expected = KernelReferences.aggregateByLong(keys, values);
          int[] first = groups.firstRows();
          assertThat(groups.groupCount()).isEqualTo(expected.size());
          DeviceGroups.Sums sums = groups.sum(valueColumn, allocator);
          long[] counts = groups.count(valueColumn, allocator);
          long[] rows = groups.count((DeviceColumn) null, allocator);
          long[] min = groups.extremeLongs(valueColumn, false, allocator);
          long[] max = groups.extremeLongs(valueColumn, true, allocator);
          long allRows = 0;
          for (int g = 0; g < expected.size(); g++) {
            KernelReferences.LongGroup want = expected.get(g);
            assertThat(keys.isNull(first[g]) ? null : keys.get(first[g])).isEqualTo(want.key());
            assertThat(counts[g]).isEqualTo(want.count());
            assertThat(KernelReferences.int128(sums.high()[g], sums.low()[g])).isEqualTo(want.sum());
            assertThat(sums.low()[g]).as("the CPU's wrapping int64 sum").isEqualTo(want.sum().longValue());
            if (want.count() > 0) {
              assertThat(min[g]).isEqualTo(want.min());
              assertThat(max[g]).isEqualTo(want.max());
            }
            allRows += rows[g];
          }
          assertThat(allRows).as("count(*) over all groups").isEqualTo(n);
        }
      }
    }
  }

  @Test
  void groupsByDictionaryCodesAndAsOneGroup() {
    Random random = new Random(5);
    CudaRuntime runtime = CudaRuntime.get();
    for (int n : SIZES) {
      try (IntVector codes = new IntVector("codes", allocator);
          Float8Vector values = doubles(random, n, 0.2)) {
        codes.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
          if (i % 13 == 5) {
            codes.setNull(i);
          } else {
            codes.set(i, random.nextInt(7));
          }
        }
        codes.setValueCount(n);
        try (DeviceGroups groups = DeviceGroups.byCodes(runtime, codes, 7, allocator);
            DeviceColumn valueColumn = kernels.upload(values)) {
          Map<Integer, List<Double>> expected = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            List<Double> group = expected.computeIfAbsent(codes.isNull(i) ? null : codes.get(i), k -> new ArrayList<>());
            if (!values.isNull(i)) {
              group.add(values.get(i));
            }
          }
          int[] first = groups.firstRows();
          double[] min = groups.extremeDoubles(valueColumn, false, allocator);
          double[] max = groups.extremeDoubles(valueColumn, true, allocator);
          long[] counts = groups.count(values, allocator);
          List<Integer> keys = new ArrayList<>(expected.keySet());
          assertThat(groups.groupCount()).isEqualTo(keys.size());
          for (int g = 0; g < keys.size(); g++) {
            assertThat(codes.isNull(first[g]) ? null : codes.get(first[g])).isEqualTo(keys.get(g));
            List<Double> group = expected.get(keys.get(g));
            assertThat(counts[g]).isEqualTo(group.size());
            if (!group.isEmpty()) {
              // NaN above every number, as MinMaxAccumulator orders doubles; -0.0 and 0.0 are one value here
              assertThat(min[g]).isEqualTo(group.stream().min(Double::compare).orElseThrow(), within(0.0));
              assertThat(max[g]).isEqualTo(group.stream().max(Double::compare).orElseThrow(), within(0.0));
            }
          }
        }
        try (DeviceGroups one = DeviceGroups.single(runtime, n)) {
          assertThat(one.groupCount()).isEqualTo(n == 0 ? 0 : 1);
          if (n > 0) {
            assertThat(one.firstRows()).containsExactly(0);
            assertThat(one.count(values, allocator)).containsExactly(n - values.getNullCount());
          }
        }
      }
    }
  }
}
