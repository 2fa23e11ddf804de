package dev.sluice.executors.spill;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds the slot of a key among a table's keys: open addressing with linear probing over an
 * {@code int[]} of slot numbers, with each slot's hash kept beside it so {@code equals} runs only
 * on hash matches. It replaces a {@code HashMap<Object, Integer>}, whose node and boxed slot per
 * key cost a cache miss or two per lookup on the aggregation hot path. Null keys are allowed.
 */
final class KeyIndex {
  private static final int MIN_CAPACITY = 1 << 10;

  /** slot + 1 per bucket, 0 for an empty bucket; length a power of two. */
  private int[] buckets = new int[MIN_CAPACITY];
  /** The spread hash of each slot's key. */
  private int[] hashes = new int[MIN_CAPACITY / 2];
  private int size;

  /** The slot of {@code key} among {@code keys}, or -1. */
  int find(Object key, List<Object> keys) {
    int hash = spread(key);
    int mask = buckets.length - 1;
    for (int bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      int entry = buckets[bucket];
      if (entry == 0) {
        return -1;
      }
      int slot = entry - 1;
      if (hashes[slot] == hash && Objects.equals(keys.get(slot), key)) {
        return slot;
      }
    }
  }

  /** Records that {@code key} (not present yet) is in {@code slot}, the next slot number. */
  void add(Object key, int slot) {
    if ((size + 1) * 2 > buckets.length) {
      grow();
    }
    if (slot >= hashes.length) {
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    int hash = spread(key);
    hashes[slot] = hash;
    place(hash, slot);
    size++;
  }

  private void place(int hash, int slot) {
    int mask = buckets.length - 1;
    int bucket = hash & mask;
    while (buckets[bucket] != 0) {
      bucket = (bucket + 1) & mask;
    }
    buckets[bucket] = slot + 1;
  }

  private void grow() {
    buckets = new int[buckets.length * 2];
    for (int slot = 0; slot < size; slot++) {
      place(hashes[slot], slot);
    }
  }

  void clear() {
    buckets = new int[MIN_CAPACITY];
    hashes = new int[MIN_CAPACITY / 2];
    size = 0;
  }

  /** Mixes the high bits of the hash code down, so power-of-two masks see them. */
  private static int spread(Object key) {
    int h = Objects.hashCode(key);
    return h ^ (h >>> 16);
  }
}
