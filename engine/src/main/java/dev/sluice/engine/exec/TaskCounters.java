package dev.sluice.engine.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one task attempt that its operators add to and the task runner reports in the
 * task's metrics (and so in the scheduler's {@code TaskSucceeded} events): what a job's user wants
 * to know about the whole job, such as the malformed records a DROPMALFORMED read dropped or the
 * bytes its operators spilled.
 */
public final class TaskCounters {
  private final AtomicLong droppedRecords = new AtomicLong();
  private final AtomicLong spillBytes = new AtomicLong();
  private final AtomicLong gpuBatches = new AtomicLong();
  private final AtomicLong gpuFallbackBatches = new AtomicLong();

  /** Counts malformed input records dropped (DROPMALFORMED). */
  public void addDroppedRecords(long count) {
    droppedRecords.addAndGet(count);
  }

  public long droppedRecords() {
    return droppedRecords.get();
  }

  /** Counts bytes written to spill files (or to a shuffle writer's temporary files). */
  public void addSpillBytes(long bytes) {
    spillBytes.addAndGet(bytes);
  }

  /** Bytes spilled to disk. */
  public long spillBytes() {
    return spillBytes.get();
  }

  /** Counts a batch an operator placed on the GPU computed there. */
  public void addGpuBatch() {
    gpuBatches.incrementAndGet();
  }

  /** Batches computed on the GPU; the task reports device {@code GPU} when there is any. */
  public long gpuBatches() {
    return gpuBatches.get();
  }

  /** Counts a batch an operator placed on the GPU ran on the CPU instead (the GPU failed on it). */
  public void addGpuFallbackBatch() {
    gpuFallbackBatches.incrementAndGet();
  }

  /** Batches of GPU-placed operators that fell back to the CPU. */
  public long gpuFallbackBatches() {
    return gpuFallbackBatches.get();
  }
}
