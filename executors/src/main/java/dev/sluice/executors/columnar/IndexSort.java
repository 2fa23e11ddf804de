package dev.sluice.executors.columnar;

/**
 * Sorts row indices by their {@link SortKeyColumns} without boxing. Rows with equal keys keep
 * their index order (the sort is stable), so equal inputs give equal outputs.
 *
 * <p>How: the leading keys whose value ranges fit together in 64 bits (numbers, dates, booleans;
 * W6's price and order key take 47) are packed into one rank per row, a null being one more value
 * below or above the rest, and an LSD radix sort orders the rows by rank, with the row's position
 * packed into the low bits when that fits too, else carried alongside. A key that does not fit (a
 * string, which ranks by its first 8 bytes; a number spanning nearly all 64 bits) is sorted alone,
 * its nulls set apart first. Runs of equal rank are then ordered by the following keys the same
 * way; short runs, and runs of equal string prefixes, by a merge sort with a primitive comparator.
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
      mergeSortFrom(rows, from, to, key);
      return;
    }
    if (!sortComposite(rows, from, to, key)) {
      sortOneKey(rows, from, to, key);
    }
  }

  /**
   * Sorts by as many keys from {@code key} on as fit together in one 64-bit rank (numbers, dates
   * and booleans whose value ranges are narrow enough; a null is one more value below or above
   * the others), then orders runs of equal ranks by the keys after those. False, having done
   * nothing, when not even key {@code key} fits.
   */
  private boolean sortComposite(int[] rows, int from, int to, int key) {
    int count = to - from;
    int keyCount = keys.keyCount();
    long[] mins = new long[keyCount];
    long[] nullRanks = new long[keyCount];
    int[] widths = new int[keyCount];
    long[] valueOffsets = new long[keyCount];
    int bits = 0;
    int last = key - 1;
    for (int k = key; k < keyCount && keys.exact(k); k++) {
      boolean[] nulls = keys.nulls(k);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      boolean anyNull = false;
      boolean anyValue = false;
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (nulls != null && nulls[row]) {
          anyNull = true;
        } else {
          long value = keys.directed(k, row);
          min = Math.min(min, value);
          max = Math.max(max, value);
          anyValue = true;
        }
      }
      long span = anyValue ? max - min : 0;
      boolean nullSlot = anyNull && anyValue;
      if (nullSlot && span == -1L) {
        break;
      }
      long range = span + (nullSlot ? 1 : 0);
      int width = 64 - Long.numberOfLeadingZeros(range);
      if (bits + width > 64) {
        break;
      }
      bits += width;
      last = k;
      mins[k] = anyValue ? min : 0;
      widths[k] = width;
      boolean first = keys.nullsFirst(k);
      valueOffsets[k] = nullSlot && first ? 1 : 0;
      nullRanks[k] = !nullSlot || first ? 0 : range;
    }
    if (last < key) {
      return false;
    }
    long[] rank = new long[count];
    int shift = bits;
    for (int k = key; k <= last; k++) {
      shift -= widths[k];
      if (widths[k] == 0) {
        continue;
      }
      boolean[] nulls = keys.nulls(k);
      long min = mins[k] - valueOffsets[k];
      for (int i = 0; i < count; i++) {
        int row = rows[from + i];
        long value = nulls != null && nulls[row] ? nullRanks[k] : keys.directed(k, row) - min;
        rank[i] |= value << shift;
      }
    }
    sortByRank(rows, from, count, rank, bits);
    resolveRuns(rows, from, count, rank, last + 1, true);
    return true;
  }

  /**
   * Sorts by key {@code key} alone (a string, or a number whose range leaves no room): null rows
   * set apart to the front or back, the others by rank; then runs of equal ranks by the next keys
   * (or, for strings, which rank by their first 8 bytes only, by this key again in full).
   */
  private void sortOneKey(int[] rows, int from, int to, int key) {
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
    int count = nonNullTo - nonNullFrom;
    if (count < 2) {
      return;
    }
    if (count < SMALL) {
      mergeSortFrom(rows, nonNullFrom, nonNullTo, key);
      return;
    }
    long[] rank = ranks(rows, nonNullFrom, nonNullTo, key);
    long max = 0;
    for (int i = 0; i < count; i++) {
      max = Long.compareUnsigned(rank[i], max) > 0 ? rank[i] : max;
    }
    int rankBits = 64 - Long.numberOfLeadingZeros(max);
    boolean exact = keys.exact(key);
    if (!exact && rankBits == 0) {
      mergeSortFrom(rows, nonNullFrom, nonNullTo, key);
      return;
    }
    sortByRank(rows, nonNullFrom, count, rank, rankBits);
    resolveRuns(rows, nonNullFrom, count, rank, exact ? key + 1 : key, exact);
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

  /**
   * Orders {@code rows[from, from + count)} by {@code rank} (unsigned, below {@code 2^rankBits}),
   * stably, and leaves {@code rank} in the new order.
   */
  private void sortByRank(int[] rows, int from, int count, long[] rank, int rankBits) {
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
  }

  /**
   * Orders each run of equal ranks by keys {@code next} and later: radix-sorted again when long,
   * by comparisons when short; a run of two with one comparison.
   */
  private void resolveRuns(int[] rows, int from, int count, long[] rank, int next, boolean exact) {
    if (next >= keys.keyCount()) {
      return;
    }
    int runStart = 0;
    for (int i = 1; i <= count; i++) {
      if (i == count || rank[i] != rank[runStart]) {
        int length = i - runStart;
        int first = from + runStart;
        if (length == 2) {
          if (keys.compareFrom(next, rows[first], keys, rows[first + 1]) > 0) {
            int swap = rows[first];
            rows[first] = rows[first + 1];
            rows[first + 1] = swap;
          }
        } else if (length > 2) {
          if (exact) {
            sortRange(rows, first, first + length, next);
          } else {
            mergeSortFrom(rows, first, first + length, next);
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
