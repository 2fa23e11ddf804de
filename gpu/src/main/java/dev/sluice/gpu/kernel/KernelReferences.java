package dev.sluice.gpu.kernel;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Plain Java versions of what {@link CudaKernels} computes, written from the CPU engine's
 * definitions rather than from the kernels: the tests' expected values and the semantics a CPU
 * fallback must match.
 */
public final class KernelReferences {
  private KernelReferences() {}

  /** Rows where the non-null value compares to {@code constant} as {@code op} says. */
  public static int[] filterIndices(BigIntVector values, CudaKernels.Comparison op, long constant) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < values.getValueCount(); i++) {
      if (!values.isNull(i) && holds(op, Long.compare(values.get(i), constant))) {
        rows.add(i);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /** As for int64, with {@link Double#compare} (the CPU's float64 comparison). */
  public static int[] filterIndices(Float8Vector values, CudaKernels.Comparison op, double constant) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < values.getValueCount(); i++) {
      if (!values.isNull(i) && holds(op, Double.compare(values.get(i), constant))) {
        rows.add(i);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean holds(CudaKernels.Comparison op, int order) {
    return switch (op) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS -> order < 0;
      case LESS_OR_EQUAL -> order <= 0;
      case GREATER -> order > 0;
      case GREATER_OR_EQUAL -> order >= 0;
    };
  }

  /** {@code a op b} per row: the wrapped value (null where either side is null) and whether a row overflowed. */
  public static Long[] arithmetic(BigIntVector a, BigIntVector b, long constant, CudaKernels.LongOp op,
      boolean[] overflowed) {
    int n = a.getValueCount();
    Long[] out = new Long[n];
    for (int i = 0; i < n; i++) {
      if (a.isNull(i) || (b != null && b.isNull(i))) {
        continue;
      }
      long x = a.get(i);
      long y = b == null ? constant : b.get(i);
      BigInteger exact = switch (op) {
        case ADD -> BigInteger.valueOf(x).add(BigInteger.valueOf(y));
        case SUBTRACT -> BigInteger.valueOf(x).subtract(BigInteger.valueOf(y));
        case MULTIPLY -> BigInteger.valueOf(x).multiply(BigInteger.valueOf(y));
      };
      out[i] = exact.longValue();
      if (exact.bitLength() > 63) {
        overflowed[0] = true;
      }
    }
    return out;
  }

  /** The CPU partitioner's partition per row: {@link ColumnHash} of the keys modulo {@code partitions}. */
  public static int[] partitions(List<FieldVector> keys, int partitions) {
    int n = keys.get(0).getValueCount();
    List<ColumnData> columns = new ArrayList<>();
    for (FieldVector key : keys) {
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        nulls[i] = key.isNull(i);
      }
      if (key instanceof BigIntVector longs) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          values[i] = nulls[i] ? 0 : longs.get(i);
        }
        columns.add(new LongData(DataType.INT64, values, nulls, n));
      } else {
        Float8Vector doubles = (Float8Vector) key;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          values[i] = nulls[i] ? 0 : doubles.get(i);
        }
        columns.add(new DoubleData(values, nulls, n));
      }
    }
    return ColumnHash.partitions(ColumnHash.hash(columns, n), n, partitions);
  }

  /** One group of {@link #aggregateByLong}: count of non-null values, exact sum, min and max (null without values). */
  public record LongGroup(Long key, long count, BigInteger sum, Long min, Long max) {}

  /** count/sum/min/max of the values per key, null keys forming one group, in first-seen order. */
  public static List<LongGroup> aggregateByLong(BigIntVector keys, BigIntVector values) {
    Map<Long, long[]> counts = new LinkedHashMap<>();
    Map<Long, BigInteger> sums = new LinkedHashMap<>();
    Map<Long, Long> mins = new LinkedHashMap<>();
    Map<Long, Long> maxs = new LinkedHashMap<>();
    for (int i = 0; i < keys.getValueCount(); i++) {
      Long key = keys.isNull(i) ? null : keys.get(i);
      counts.computeIfAbsent(key, k -> new long[1]);
      sums.putIfAbsent(key, BigInteger.ZERO);
      if (!values.isNull(i)) {
        long v = values.get(i);
        counts.get(key)[0]++;
        sums.put(key, sums.get(key).add(BigInteger.valueOf(v)));
        mins.merge(key, v, Math::min);
        maxs.merge(key, v, Math::max);
      }
    }
    List<LongGroup> groups = new ArrayList<>();
    for (Map.Entry<Long, long[]> entry : counts.entrySet()) {
      Long key = entry.getKey();
      groups.add(new LongGroup(key, entry.getValue()[0], sums.get(key), mins.get(key), maxs.get(key)));
    }
    return groups;
  }

  /** The exact sum of a kernel's (high, low) 128-bit words. */
  public static BigInteger int128(long high, long low) {
    return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
  }
}
