package dev.sluice.executors.spill;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.serde.KryoSerde;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A sampled estimate of the heap bytes held by a growing collection of entries (a hash table's keys
 * and accumulators, a sort buffer's rows), for deciding when to spill.
 *
 * <p>How it estimates. Measuring every entry would cost as much as spilling, so at sample points it
 * Kryo-serializes a few entries: up to {@value #SAMPLE_SIZE} distinct ones chosen at random, plus
 * the entry updated last (with skewed keys that is usually the hot key, whose accumulator can
 * outgrow all others together). The random ones are serialized together, so that a class name
 * Kryo writes in full (unregistered classes, records) counts once per sample and not once per
 * entry; the last one is measured as what it adds to that. With {@code n} entries, a mean of
 * {@code m} serialized bytes over the random ones and {@code l} bytes for the last one, the
 * collection holds about
 *
 * <pre>
 *   n × entryOverheadBytes + HEAP_FACTOR × ((n − 1) × m + l)   bytes
 * </pre>
 *
 * <p>where {@link #HEAP_FACTOR} ({@value #HEAP_FACTOR}) turns compact Kryo bytes into heap bytes
 * (object headers, boxing, references, padding and UTF-16 strings make small Java objects 3–6 times
 * their serialized size) and {@code entryOverheadBytes}, given by the owner, is what its own
 * structures cost per entry (hash map node, index slots, references). Between samples the estimate
 * grows by the bytes per update seen since the previous sample, as Spark's {@code SizeTracker} does,
 * so accumulators that grow without new entries are followed too. Samples are taken at each of the
 * first updates and then whenever the update count has grown by 10%, so sampling costs a logarithmic
 * number of serializations; the estimate may lag the truth by about the growth of 10% of the updates.
 */
public final class SizeEstimate {
  /** Heap bytes per serialized byte of an entry. */
  public static final double HEAP_FACTOR = 4.0;
  /** How many random entries one sample measures (besides the one updated last). */
  static final int SAMPLE_SIZE = 8;
  /** Update count growth between samples. */
  private static final double SAMPLE_GROWTH = 1.1;

  /** Bytes the owner's structures take per entry. */
  private final long entryOverheadBytes;
  /** The entry at an index, as the objects to measure. */
  private final IntFunction<Object> entryAt;
  /** Picks the sampled entries; seeded, so runs repeat exactly. */
  private final Random random = new Random(0x5eed);
  /** Updates since the last reset. */
  private long updates;
  /** The update count at which the next sample is taken. */
  private long nextSampleAt = 1;
  /** The update count of the last sample. */
  private long sampledAtUpdates;
  /** The estimate computed at the last sample. */
  private long sampledBytes;
  /** Growth per update between the last two samples. */
  private double bytesPerUpdate;

  /**
   * @param entryOverheadBytes what the owner's structures cost per entry, beyond the entry itself
   * @param entryAt the entry at an index in {@code [0, entries)}: what to serialize to measure it
   *     (for example an {@code Object[]} of a key and its state)
   */
  public SizeEstimate(long entryOverheadBytes, IntFunction<Object> entryAt) {
    if (entryOverheadBytes < 0) {
      throw new IllegalArgumentException("entryOverheadBytes must be greater than or equal to zero");
    }
    this.entryOverheadBytes = entryOverheadBytes;
    this.entryAt = requireNonNull(entryAt, "entryAt is null");
  }

  /** The bytes Kryo takes for {@code value} (which may be null). */
  public static long serializedSize(Object value) {
    return KryoSerde.serialize(value).length;
  }

  /**
   * Records one insert or update and returns the new estimate.
   *
   * @param entries how many entries the collection holds now (at least 1)
   * @param lastUpdated the index of the entry just inserted or updated
   */
  public long update(int entries, int lastUpdated) {
    updates++;
    if (updates >= nextSampleAt) {
      sample(entries, lastUpdated);
    }
    return estimate();
  }

  /** The current estimate in bytes (0 after a reset). */
  public long estimate() {
    return sampledBytes + (long) (bytesPerUpdate * (updates - sampledAtUpdates));
  }

  /** Starts over, for a collection that was emptied (spilled). */
  public void reset() {
    updates = 0;
    nextSampleAt = 1;
    sampledAtUpdates = 0;
    sampledBytes = 0;
    bytesPerUpdate = 0;
  }

  private void sample(int entries, int lastUpdated) {
    int others = entries - 1;
    List<Object> sampled = new ArrayList<>(SAMPLE_SIZE + 1);
    if (others <= SAMPLE_SIZE) {
      for (int i = 0; i < entries; i++) {
        if (i != lastUpdated) {
          sampled.add(entryAt.apply(i));
        }
      }
    } else {
      Set<Integer> picked = new HashSet<>();
      while (picked.size() < SAMPLE_SIZE) {
        int index = random.nextInt(others);
        picked.add(index >= lastUpdated ? index + 1 : index);
      }
      picked.forEach(index -> sampled.add(entryAt.apply(index)));
    }
    int measured = sampled.size();
    long sampleBytes = measured == 0 ? 0 : serializedSize(sampled.toArray());
    sampled.add(entryAt.apply(lastUpdated));
    double serialized = serializedSize(sampled.toArray()) - sampleBytes;
    if (measured > 0) {
      serialized += (double) others * sampleBytes / measured;
    }
    long bytes = entries * entryOverheadBytes + (long) (HEAP_FACTOR * serialized);
    bytesPerUpdate = Math.max(0.0, (double) (bytes - sampledBytes) / (updates - sampledAtUpdates));
    sampledBytes = bytes;
    sampledAtUpdates = updates;
    nextSampleAt = Math.max(updates + 1, (long) Math.ceil(updates * SAMPLE_GROWTH));
  }
}
