package dev.sluice.engine.vector;

import java.util.List;

/**
 * The hash of key columns used for partitioning, hash aggregation and hash joins. It is defined on
 * the values, not on Java objects, so it is the same in every JVM and can be computed bit for bit
 * on a GPU:
 *
 * <ul>
 *   <li>per key: int32, int64, date32 and decimal values (the unscaled long) hash as
 *       {@code fmix64(value)}; float64 as {@code fmix64(doubleToLongBits(v))} with -0.0 as 0.0 and
 *       every NaN as the canonical NaN; boolean as {@code fmix64(0 or 1)}; utf8 as FNV-1a 64 over
 *       the bytes, then {@code fmix64}; null as {@link #NULL_HASH};
 *   <li>per row: {@code h = SEED; for each key: h = h * 31 + keyHash}, then {@code fmix64(h)}.
 * </ul>
 *
 * Keys of a shuffled join must have the same types on both sides (the analyzer casts them), since
 * for example decimals of different scales have different unscaled values.
 */
public final class ColumnHash {
  public static final long SEED = 42L;
  public static final long NULL_HASH = 0x9E3779B97F4A7C15L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ColumnHash() {}

  /** One 64-bit hash per row of the key columns (the first {@code rows} rows). */
  public static long[] hash(List<ColumnData> keys, int rows) {
    long[] hashes = new long[rows];
    java.util.Arrays.fill(hashes, SEED);
    for (ColumnData key : keys) {
      combine(hashes, key, rows);
    }
    for (int i = 0; i < rows; i++) {
      hashes[i] = fmix64(hashes[i]);
    }
    return hashes;
  }

  /** The partition of a row hash among {@code partitions}. */
  public static int partition(long hash, int partitions) {
    return (int) Long.remainderUnsigned(hash, partitions);
  }

  /** The partitions of many row hashes. */
  public static int[] partitions(long[] hashes, int rows, int partitions) {
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = partition(hashes[i], partitions);
    }
    return out;
  }

  private static void combine(long[] hashes, ColumnData key, int rows) {
    boolean[] nulls = key.nulls();
    if (key instanceof LongData longs) {
      long[] values = longs.values();
      for (int i = 0; i < rows; i++) {
        long k = nulls != null && nulls[i] ? NULL_HASH : fmix64(values[i]);
        hashes[i] = hashes[i] * 31 + k;
      }
    } else if (key instanceof DoubleData doubles) {
      double[] values = doubles.values();
      for (int i = 0; i < rows; i++) {
        long k = nulls != null && nulls[i] ? NULL_HASH : hashDouble(values[i]);
        hashes[i] = hashes[i] * 31 + k;
      }
    } else if (key instanceof BoolData bools) {
      boolean[] values = bools.values();
      for (int i = 0; i < rows; i++) {
        long k = nulls != null && nulls[i] ? NULL_HASH : fmix64(values[i] ? 1 : 0);
        hashes[i] = hashes[i] * 31 + k;
      }
    } else {
      StringData strings = (StringData) key;
      byte[] bytes = strings.bytes();
      int[] offsets = strings.offsets();
      for (int i = 0; i < rows; i++) {
        long k = nulls != null && nulls[i] ? NULL_HASH : hashBytes(bytes, offsets[i], offsets[i + 1]);
        hashes[i] = hashes[i] * 31 + k;
      }
    }
  }

  /** The key hash of a float64 value. */
  public static long hashDouble(double value) {
    double normalized = value == 0.0 ? 0.0 : value;
    return fmix64(Double.doubleToLongBits(normalized));
  }

  /** The key hash of UTF-8 bytes {@code [from, to)}. */
  public static long hashBytes(byte[] bytes, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h ^= bytes[i] & 0xff;
      h *= FNV_PRIME;
    }
    return fmix64(h);
  }

  /** MurmurHash3's 64-bit finalizer. */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
