package dev.sluice.executors.columnar;

/**
 * Sorts row indices by their {@link SortKeyColumns} without boxing. Rows with equal keys keep
 * their index order (the sort is stable), so equal inputs give equal outputs.
 *
 * <p>How: per key, null rows are set apart (to the front or back), the others get a rank (their
 * directed long form minus the smallest), and an LSD radix sort orders them by rank, with the row
 * index packed into the low bits of the rank when both fit in 64 bits (W6's decimal price and a
 * few million rows do), else carried alongside. Runs of equal rank are then ordered by the next
 * key the same way; short runs, and runs of equal string prefixes, by a merge sort with a
 * primitive comparator.
 */
final class IndexSort {
  /** Below this many rows, a comparison sort is cheaper than radix passes. */
  private static final int SMALL = 2048;
  /** Below this many rows, insertion sort. */
  private static final int INSERTION = 24;
  /** The widest radix digit, in bits. */
  private static final int MAX_DIGIT_BITS = 12;

  /** Orders two row indices. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int left, int right);
  }

  private final SortKeyColumns keys;
  /** Scratch space of the radix passes, grown on demand. */
  private long[] longScratch = new long[0];
  private int[] intScratch = new int[0];

  private IndexSort(SortKeyColumns keys) {
    this.keys = keys;
  }

  /** The row indices {@code 0 .. keys.size()} in key order (ties by index). */
  static int[] sort(SortKeyColumns keys) {
    int rows = keys.size();
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    if (keys.keyCount() > 0 && rows > 1) {
      new IndexSort(keys).sortRange(order, 0, rows, 0);
    }
    return order;
  }

  /** Sorts {@code rows[from, to)}, in increasing index order on entry, by keys {@code key} and later. */
  private void sortRange(int[] rows, int from, int to, int key) {
    if (key >= keys.keyCount() || to - from < 2) {
      return;
    }
    if (to - from < SMALL) {
      int start = key;
      mergeSort(rows, from, to, (a, b) -> keys.compareFrom(start, a, keys, b));
      return;
    }
    int nonNullFrom = from;
    int nonNullTo = to;
    boolean[] nulls = keys.nulls(key);
    if (nulls != null) {
      int nullCount = partitionNulls(rows, from, to, nulls, keys.nullsFirst(key));
      if (keys.nullsFirst(key)) {
        nonNullFrom = from + nullCount;
        sortRange(rows, from, nonNullFrom, key + 1);
      } else {
        nonNullTo = to - nullCount;
        sortRange(rows, nonNullTo, to, key + 1);
      }
    }
    sortNonNull(rows, nonNullFrom, nonNullTo, key);
  }

  /** Moves null rows to the front (or back), both groups keeping their order; returns their count. */
  private int partitionNulls(int[] rows, int from, int to, boolean[] nulls, boolean first) {
    int count = to - from;
    ensureIntScratch(count);
    int nullCount = 0;
    for (int i = from; i < to; i++) {
      nullCount += nulls[rows[i]] ? 1 : 0;
    }
    int nullAt = first ? 0 : count - nullCount;
    int otherAt = first ? nullCount : 0;
    for (int i = from; i < to; i++) {
      int row = rows[i];
      if (nulls[row]) {
        intScratch[nullAt++] = row;
      } else {
        intScratch[otherAt++] = row;
      }
    }
    System.arraycopy(intScratch, 0, rows, from, count);
    return nullCount;
  }

  private void sortNonNull(int[] rows, int from, int to, int key) {
    int count = to - from;
    if (count < 2) {
      return;
    }
    if (count < SMALL) {
      sortRange(rows, from, to, key);
      return;
    }
    long[] rank = ranks(rows, from, to, key);
    long max = 0;
    for (int i = 0; i < count; i++) {
      max = Long.compareUnsigned(rank[i], max) > 0 ? rank[i] : max;
    }
    int rankBits = 64 - Long.numberOfLeadingZeros(max);
    int indexBits = 32 - Integer.numberOfLeadingZeros(count - 1);
    if (rankBits + indexBits <= 64) {
      // pack (rank, position in the range): positions keep the index order of equal ranks
      for (int i = 0; i < count; i++) {
        rank[i] = (rank[i] << indexBits) | i;
      }
      ensureLongScratch(count);
      radixSort(rank, longScratch, count, rankBits + indexBits);
      ensureIntScratch(count);
      long positionMask = (1L << indexBits) - 1;
      for (int i = 0; i < count; i++) {
        intScratch[i] = rows[from + (int) (rank[i] & positionMask)];
        rank[i] >>>= indexBits;
      }
      System.arraycopy(intScratch, 0, rows, from, count);
    } else {
      int[] payload = new int[count];
      System.arraycopy(rows, from, payload, 0, count);
      radixSortPairs(rank, payload, count, rankBits);
      System.arraycopy(payload, 0, rows, from, count);
    }
    boolean exact = keys.exact(key);
    if (!exact && rankBits == 0) {
      mergeSortFrom(rows, from, to, key);
      return;
    }
    long[] sortedRanks = exact ? rank : rank.clone();
    int runStart = 0;
    for (int i = 1; i <= count; i++) {
      if (i == count || sortedRanks[i] != sortedRanks[runStart]) {
        if (i - runStart == 2 && exact) {
          int first = from + runStart;
          if (key + 1 < keys.keyCount() && keys.compareFrom(key + 1, rows[first], keys, rows[first + 1]) > 0) {
            int swap = rows[first];
            rows[first] = rows[first + 1];
            rows[first + 1] = swap;
          }
        } else if (i - runStart > 1) {
          if (exact) {
            sortRange(rows, from + runStart, from + i, key + 1);
          } else {
            mergeSortFrom(rows, from + runStart, from + i, key);
          }
        }
        runStart = i;
      }
    }
  }

  private void mergeSortFrom(int[] rows, int from, int to, int key) {
    mergeSort(rows, from, to, (a, b) -> keys.compareFrom(key, a, keys, b));
  }

  /**
   * The directed long form of each row's key minus the smallest, as an unsigned number (a range
   * wider than 2^63, such as doubles of both signs, wraps into the sign bit and still sorts right,
   * since radix digits are taken unsigned).
   */
  private long[] ranks(int[] rows, int from, int to, int key) {
    int count = to - from;
    long[] rank = new long[count];
    long min = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      long value = keys.directed(key, rows[from + i]);
      rank[i] = value;
      min = Math.min(min, value);
    }
    for (int i = 0; i < count; i++) {
      rank[i] -= min;
    }
    return rank;
  }

  /** LSD radix sort of longs, as unsigned numbers below {@code 2^bits}. */
  static void radixSort(long[] values, long[] scratch, int count, int bits) {
    if (bits == 0) {
      return;
    }
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int digitBits = (bits + passes - 1) / passes;
    int buckets = 1 << digitBits;
    int mask = buckets - 1;
    int[][] counts = new int[passes][buckets];
    for (int i = 0; i < count; i++) {
      long value = values[i];
      for (int p = 0; p < passes; p++) {
        counts[p][(int) (value >>> (p * digitBits)) & mask]++;
      }
    }
    long[] source = values;
    long[] target = scratch;
    for (int p = 0; p < passes; p++) {
      int[] bucket = counts[p];
      int shift = p * digitBits;
      if (bucket[(int) (source[0] >>> shift) & mask] == count) {
        continue;
      }
      toOffsets(bucket);
      for (int i = 0; i < count; i++) {
        long value = source[i];
        target[bucket[(int) (value >>> shift) & mask]++] = value;
      }
      long[] swap = source;
      source = target;
      target = swap;
    }
    if (source != values) {
      System.arraycopy(source, 0, values, 0, count);
    }
  }

  /** LSD radix sort of longs, as unsigned numbers below {@code 2^bits}, moving an int payload along; stable. */
  private void radixSortPairs(long[] values, int[] payload, int count, int bits) {
    if (bits == 0) {
      return;
    }
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int digitBits = (bits + passes - 1) / passes;
    int buckets = 1 << digitBits;
    int mask = buckets - 1;
    int[][] counts = new int[passes][buckets];
    for (int i = 0; i < count; i++) {
      long value = values[i];
      for (int p = 0; p < passes; p++) {
        counts[p][(int) (value >>> (p * digitBits)) & mask]++;
      }
    }
    ensureLongScratch(count);
    long[] source = values;
    long[] target = longScratch;
    int[] sourcePayload = payload;
    int[] targetPayload = new int[count];
    for (int p = 0; p < passes; p++) {
      int[] bucket = counts[p];
      int shift = p * digitBits;
      if (bucket[(int) (source[0] >>> shift) & mask] == count) {
        continue;
      }
      toOffsets(bucket);
      for (int i = 0; i < count; i++) {
        long value = source[i];
        int at = bucket[(int) (value >>> shift) & mask]++;
        target[at] = value;
        targetPayload[at] = sourcePayload[i];
      }
      long[] swap = source;
      source = target;
      target = swap;
      int[] swapPayload = sourcePayload;
      sourcePayload = targetPayload;
      targetPayload = swapPayload;
    }
    if (source != values) {
      System.arraycopy(source, 0, values, 0, count);
      System.arraycopy(sourcePayload, 0, payload, 0, count);
    }
  }

  private static void toOffsets(int[] bucket) {
    int sum = 0;
    for (int b = 0; b < bucket.length; b++) {
      int n = bucket[b];
      bucket[b] = sum;
      sum += n;
    }
  }

  private void ensureLongScratch(int count) {
    if (longScratch.length < count) {
      longScratch = new long[count];
    }
  }

  private void ensureIntScratch(int count) {
    if (intScratch.length < count) {
      intScratch = new int[count];
    }
  }

  /** A stable merge sort of {@code values[from, to)}; insertion sort for short ranges. */
  static void mergeSort(int[] values, int from, int to, IntComparator comparator) {
    if (to - from <= INSERTION) {
      insertionSort(values, from, to, comparator);
      return;
    }
    int[] scratch = new int[to - from];
    mergeSort(values, scratch, from, to, comparator);
  }

  private static void mergeSort(int[] values, int[] scratch, int from, int to, IntComparator comparator) {
    if (to - from <= INSERTION) {
      insertionSort(values, from, to, comparator);
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(values, scratch, from, middle, comparator);
    mergeSort(values, scratch, middle, to, comparator);
    if (comparator.compare(values[middle - 1], values[middle]) <= 0) {
      return;
    }
    int left = from;
    int right = middle;
    int out = 0;
    while (left < middle && right < to) {
      if (comparator.compare(values[right], values[left]) < 0) {
        scratch[out++] = values[right++];
      } else {
        scratch[out++] = values[left++];
      }
    }
    while (left < middle) {
      scratch[out++] = values[left++];
    }
    System.arraycopy(scratch, 0, values, from, out);
  }

  private static void insertionSort(int[] values, int from, int to, IntComparator comparator) {
    for (int i = from + 1; i < to; i++) {
      int value = values[i];
      int j = i - 1;
      while (j >= from && comparator.compare(value, values[j]) < 0) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = value;
    }
  }
}
