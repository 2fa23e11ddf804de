package dev.sluice.executors.spill;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.keyed.Pair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BinaryOperator;

/**
 * A hash table from keys to per-key states (accumulators, partial groups) that keeps within the
 * task's memory budget by spilling. When the {@link SizeEstimate} of the table exceeds {@code
 * context.memoryBudgetBytes()}, its entries are written to a run file sorted by (key hash,
 * insertion order) and the table is cleared. {@link #drain()} merges the table and all runs in
 * key-hash order and combines the states of equal keys ({@link Objects#equals}) with the owner's
 * combine function, oldest first (runs in the order they were written, then the table), so every
 * key comes out exactly once and order-sensitive combines see the states in input order. At most
 * {@value #MERGE_WIDTH} runs are read at once: beyond that the oldest runs are first merged into
 * one, which relies on the combine function being associative.
 *
 * <p>Keys may be null. A spilled entry keeps the hash its key had when spilled, so runs stay in
 * merge order even for keys whose hash code changes across serialization.
 *
 * <p>Protocol: {@link #find}, {@link #insert} and {@link #set} any number of times (each insert or
 * set may spill, after which earlier slots are gone), then {@link #drain()} once. {@link #close()}
 * deletes the run files; the iterator {@code drain()} returns deletes them once exhausted.
 */
public final class SpillableHashTable implements AutoCloseable {
  /**
   * Heap bytes per entry besides its key and state: a HashMap node (32) and its table slot (8), a
   * boxed slot index (16), two list slots (8) and slack for resizing (16).
   */
  static final long ENTRY_OVERHEAD_BYTES = 80;
  /**
   * The most runs merged at once: each open run holds a read buffer and one decoded batch. More
   * runs are first merged, oldest first, into fewer.
   */
  static final int MERGE_WIDTH = 64;

  /** Names the owner in spill file names. */
  private final String operator;
  /** The task's budget, allocator and spill directory. */
  private final OperatorContext context;
  /** Merges the states of one key: (older, newer) → combined. */
  private final BinaryOperator<Object> combine;
  /** Whether the size is estimated at all (not with an unlimited budget). */
  private final boolean bounded;
  /** Key → slot in {@link #keys} and {@link #states}. */
  private final KeyIndex slots = new KeyIndex();
  /** The keys, in insertion order. */
  private final ArrayList<Object> keys = new ArrayList<>();
  /** The states, by slot. */
  private final ArrayList<Object> states = new ArrayList<>();
  /** Estimates the table's heap size. */
  private final SizeEstimate estimate;
  /** The runs written and not yet deleted, oldest first. */
  private final List<SpillFile> runs = new ArrayList<>();
  /** Readers open on the runs while draining. */
  private final List<SpillReader> readers = new ArrayList<>();
  /** How many runs were written in all. */
  private int spillCount;
  /** How many bytes were written to runs in all. */
  private long spilledBytes;
  /** Set once drain() was called. */
  private boolean draining;

  /**
   * @param operator names the owner in spill file names and errors
   * @param context the task's memory budget, allocator and spill directory
   * @param combine merges two states of the same key, the older first; may return either argument
   *     modified
   */
  public SpillableHashTable(String operator, OperatorContext context, BinaryOperator<Object> combine) {
    this.operator = requireNonNull(operator, "operator is null");
    this.context = requireNonNull(context, "context is null");
    this.combine = requireNonNull(combine, "combine is null");
    this.bounded = context.memoryBudgetBytes() != Long.MAX_VALUE;
    this.estimate = new SizeEstimate(ENTRY_OVERHEAD_BYTES,
        slot -> new Object[] {keys.get(slot), states.get(slot)});
  }

  /** The slot of {@code key} (which may be null), or -1 if the table does not hold it. */
  public int find(Object key) {
    return slots.find(key, keys);
  }

  /** The state in {@code slot}. */
  public Object state(int slot) {
    return states.get(slot);
  }

  /** Adds a key the table does not hold, with its first state; may spill. */
  public void insert(Object key, Object state) {
    checkNotDraining();
    int slot = keys.size();
    slots.add(key, slot);
    keys.add(key);
    states.add(state);
    updated(slot);
  }

  /** Replaces the state in {@code slot}, or records that it was changed in place; may spill. */
  public void set(int slot, Object state) {
    checkNotDraining();
    states.set(slot, state);
    updated(slot);
  }

  private void checkNotDraining() {
    if (draining) {
      throw new IllegalStateException(operator + " cannot add to its table while draining it");
    }
  }

  private void updated(int slot) {
    if (bounded && estimate.update(keys.size(), slot) > context.memoryBudgetBytes()) {
      spill();
    }
  }

  private void spill() {
    SpillFile run = SpillFile.create(context, operator);
    runs.add(run);
    spillCount++;
    try (SpillWriter writer = run.writer(HashedEntry.class)) {
      for (long packed : byHash()) {
        int slot = (int) packed;
        writer.write(new HashedEntry((int) (packed >> 32), keys.get(slot), states.get(slot)));
      }
      spilledBytes += writer.finish();
    }
    slots.clear();
    keys.clear();
    states.clear();
    estimate.reset();
  }

  /** The slots sorted by (key hash, slot), each packed as {@code hash << 32 | slot}. */
  private long[] byHash() {
    long[] packed = new long[keys.size()];
    for (int slot = 0; slot < packed.length; slot++) {
      packed[slot] = ((long) Objects.hashCode(keys.get(slot)) << 32) | slot;
    }
    Arrays.sort(packed);
    return packed;
  }

  /**
   * Every key with its combined state, each key once: in insertion order if nothing was spilled,
   * else in key-hash order. Call once; the table can take no more input afterwards.
   */
  public Iterator<Pair<Object, Object>> drain() {
    checkNotDraining();
    draining = true;
    slots.clear();
    if (runs.isEmpty()) {
      return new Iterator<>() {
        private int slot;

        @Override
        public boolean hasNext() {
          return slot < keys.size();
        }

        @Override
        public Pair<Object, Object> next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Pair<Object, Object> entry = Pair.of(keys.set(slot, null), states.set(slot, null));
          slot++;
          return entry;
        }
      };
    }
    while (runs.size() > MERGE_WIDTH) {
      compactOldestRuns();
    }
    List<Iterator<?>> sources = open(runs);
    sources.add(Arrays.stream(byHash()).mapToObj(packed -> {
      int slot = (int) packed;
      return new HashedEntry((int) (packed >> 32), keys.set(slot, null), states.set(slot, null));
    }).iterator());
    HashMerge merge = new HashMerge(sources);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (merge.hasNext()) {
          return true;
        }
        close();
        return false;
      }

      @Override
      public Pair<Object, Object> next() {
        HashedEntry entry = merge.next();
        return Pair.of(entry.key(), entry.state());
      }
    };
  }

  /**
   * Merges the {@link #MERGE_WIDTH} oldest runs into one run that takes their place (still the
   * oldest), so that a final merge never holds more than {@code MERGE_WIDTH} files open.
   */
  private void compactOldestRuns() {
    List<SpillFile> oldest = new ArrayList<>(runs.subList(0, MERGE_WIDTH));
    SpillFile merged = SpillFile.create(context, operator);
    runs.add(MERGE_WIDTH, merged);
    try (SpillWriter writer = merged.writer(HashedEntry.class)) {
      HashMerge merge = new HashMerge(open(oldest));
      while (merge.hasNext()) {
        writer.write(merge.next());
      }
      spilledBytes += writer.finish();
    }
    readers.forEach(SpillReader::close);
    readers.clear();
    oldest.forEach(SpillFile::delete);
    runs.subList(0, MERGE_WIDTH).clear();
  }

  /** Opens a reader on each run, in order; {@link #close()} closes them. */
  private List<Iterator<?>> open(List<SpillFile> files) {
    List<Iterator<?>> sources = new ArrayList<>();
    for (SpillFile run : files) {
      SpillReader reader = run.reader();
      readers.add(reader);
      sources.add(reader);
    }
    return sources;
  }

  /** How many runs were written. */
  public int spillCount() {
    return spillCount;
  }

  /** How many bytes were written to runs. */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** The current size estimate of the table in bytes (0 when the budget is unlimited). */
  public long estimatedBytes() {
    return estimate.estimate();
  }

  /** Closes the run readers, deletes the run files and drops the table; safe to call twice. */
  @Override
  public void close() {
    readers.forEach(SpillReader::close);
    readers.clear();
    runs.forEach(SpillFile::delete);
    runs.clear();
    slots.clear();
    keys.clear();
    states.clear();
  }

  /** A spilled entry: the key's hash when it was spilled, the key and its state. */
  record HashedEntry(int hash, Object key, Object state) {}

  /** One sorted source of a merge and its current entry. */
  private static final class Cursor {
    /** The source's position among the sources: older sources come first. */
    private final int source;
    /** The rest of the source. */
    private final Iterator<?> entries;
    /** The current entry, or null when the source is exhausted. */
    private HashedEntry head;

    Cursor(int source, Iterator<?> entries) {
      this.source = source;
      this.entries = entries;
      advance();
    }

    void advance() {
      head = entries.hasNext() ? (HashedEntry) entries.next() : null;
    }
  }

  /** Merges sources sorted by hash into one, combining the states of equal keys. */
  private final class HashMerge implements Iterator<HashedEntry> {
    /** The sources with entries left, by (hash of their current entry, source). */
    private final PriorityQueue<Cursor> heads = new PriorityQueue<>(
        Comparator.<Cursor>comparingInt(cursor -> cursor.head.hash()).thenComparingInt(cursor -> cursor.source));
    /** Combined entries of the last hash merged, not yet handed out. */
    private final ArrayDeque<HashedEntry> ready = new ArrayDeque<>();

    HashMerge(List<Iterator<?>> sources) {
      for (int i = 0; i < sources.size(); i++) {
        Cursor cursor = new Cursor(i, sources.get(i));
        if (cursor.head != null) {
          heads.add(cursor);
        }
      }
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && !heads.isEmpty()) {
        mergeNextHash();
      }
      return !ready.isEmpty();
    }

    @Override
    public HashedEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    /** Takes every entry with the smallest hash, oldest source first, and combines equal keys. */
    private void mergeNextHash() {
      int hash = heads.peek().head.hash();
      List<Cursor> same = new ArrayList<>();
      while (!heads.isEmpty() && heads.peek().head.hash() == hash) {
        same.add(heads.poll());
      }
      same.sort(Comparator.comparingInt(cursor -> cursor.source));
      List<Object> groupKeys = new ArrayList<>(2);
      List<Object> groupStates = new ArrayList<>(2);
      for (Cursor cursor : same) {
        while (cursor.head != null && cursor.head.hash() == hash) {
          add(groupKeys, groupStates, cursor.head);
          cursor.advance();
        }
        if (cursor.head != null) {
          heads.add(cursor);
        }
      }
      for (int i = 0; i < groupKeys.size(); i++) {
        ready.add(new HashedEntry(hash, groupKeys.get(i), groupStates.get(i)));
      }
    }

    private void add(List<Object> groupKeys, List<Object> groupStates, HashedEntry entry) {
      for (int i = 0; i < groupKeys.size(); i++) {
        if (Objects.equals(groupKeys.get(i), entry.key())) {
          groupStates.set(i, combine.apply(groupStates.get(i), entry.state()));
          return;
        }
      }
      groupKeys.add(entry.key());
      groupStates.add(entry.state());
    }
  }
}
