package dev.sluice.scheduler.shuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where every map output of every live shuffle is. Stage coordinators register the output of each
 * successful map task; reducers look outputs up; a lost output is unregistered so that lineage
 * recovery re-runs exactly the map tasks whose outputs are missing.
 *
 * <p>Thread-safe and non-blocking: actors update it, executor threads read it. In local mode driver
 * and executors share one instance.
 */
public final class MapOutputRegistry implements MapOutputLookup {
  private final Map<Integer, AtomicReferenceArray<MapStatus>> shuffles = new ConcurrentHashMap<>();

  /** Announces a shuffle written by {@code mapPartitions} map tasks. */
  public void registerShuffle(int shuffleId, int mapPartitions) {
    shuffles.putIfAbsent(shuffleId, new AtomicReferenceArray<>(mapPartitions));
  }

  public void register(int shuffleId, int mapIndex, MapStatus status) {
    array(shuffleId).set(mapIndex, status);
  }

  /** Forgets one map output (it was found lost); returns what was registered, or null. */
  public MapStatus unregister(int shuffleId, int mapIndex) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    return outputs == null ? null : outputs.getAndSet(mapIndex, null);
  }

  /**
   * Forgets one map output if {@code expected} (compared by value: readers in other JVMs hold
   * copies) is still what is registered: an output registered meanwhile (by a recomputation)
   * stays. Returns whether it was forgotten.
   */
  public boolean unregister(int shuffleId, int mapIndex, MapStatus expected) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    if (outputs == null) {
      return false;
    }
    while (true) {
      MapStatus current = outputs.get(mapIndex);
      if (current == null || !current.equals(expected)) {
        return false;
      }
      if (outputs.compareAndSet(mapIndex, current, null)) {
        return true;
      }
    }
  }

  /**
   * Forgets every output the executor wrote (it was lost with its machine), so that readers find
   * them missing and lineage recovery recomputes them; returns how many were forgotten.
   */
  public int unregisterExecutor(String executorId) {
    int forgotten = 0;
    for (AtomicReferenceArray<MapStatus> outputs : shuffles.values()) {
      for (int i = 0; i < outputs.length(); i++) {
        MapStatus current = outputs.get(i);
        if (current != null && current.executorId().equals(executorId) && outputs.compareAndSet(i, current, null)) {
          forgotten++;
        }
      }
    }
    return forgotten;
  }

  @Override
  public MapStatus[] outputs(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    if (outputs == null) {
      return new MapStatus[0];
    }
    MapStatus[] snapshot = new MapStatus[outputs.length()];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = outputs.get(i);
    }
    return snapshot;
  }

  /** The output of one map task, or null when it is missing. */
  public MapStatus output(int shuffleId, int mapIndex) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    return outputs == null ? null : outputs.get(mapIndex);
  }

  /** The map tasks of the shuffle whose output is missing, in order. */
  public List<Integer> missing(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = array(shuffleId);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < outputs.length(); i++) {
      if (outputs.get(i) == null) {
        missing.add(i);
      }
    }
    return missing;
  }

  /** Forgets a shuffle; returns the outputs it had, so their files can be deleted. */
  public List<MapStatus> removeShuffle(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.remove(shuffleId);
    List<MapStatus> removed = new ArrayList<>();
    if (outputs != null) {
      for (int i = 0; i < outputs.length(); i++) {
        if (outputs.get(i) != null) {
          removed.add(outputs.get(i));
        }
      }
    }
    return removed;
  }

  private AtomicReferenceArray<MapStatus> array(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    if (outputs == null) {
      throw new IllegalStateException("Shuffle " + shuffleId + " is not registered");
    }
    return outputs;
  }
}
