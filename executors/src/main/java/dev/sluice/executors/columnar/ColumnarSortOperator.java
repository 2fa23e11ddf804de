package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ColumnarSortExec;
import dev.sluice.engine.vector.ColumnData;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the rows of one partition by {@code node.keys()} ({@link ColumnarSortExec}), or keeps the
 * first {@code node.limit()} of them in that order (top-N). The order is {@link SortKeyColumns}'s;
 * it is stable (rows with equal keys keep their input order), also across spills.
 *
 * <p>How. Input batches are kept as they come (Arrow, off-heap) with their sort keys evaluated
 * into a {@link SortBuffer}. At the end the row indices are sorted ({@link IndexSort}: radix sort
 * on the keys' long form, no boxing) and every column is gathered in that order into output
 * batches of {@code batchRows} rows ({@link ArrowGather}, by buffer address); each buffered batch
 * is freed once all its rows are out. When the buffer exceeds the task's memory budget it is
 * sorted and written as a run to the spill directory (Arrow IPC), and the runs and the last
 * buffer are merged k-way at the end ({@link SortedRunMerger}), at most {@value #MERGE_WIDTH} at
 * once (beyond that the oldest runs are first merged into one).
 *
 * <p>Top-N: whenever the buffer holds {@code limit + max(limit, 65536)} rows it is cut down to its
 * first {@code limit} rows, so memory stays at about twice the limit; from then on only input rows
 * that sort before the last row kept are buffered at all (for a small limit, nearly none are
 * copied). Spilled runs keep only their first {@code limit} rows and the merge stops after {@code
 * limit}. A limit of 0 reads nothing.
 *
 * <p>States: CONSUMING (the first {@link #next()} reads the whole input and closes it) → EMITTING →
 * DONE. {@link #close()} frees the buffer, pending batches, the run files and the input.
 */
public final class ColumnarSortOperator implements Operator {
  /** The most runs merged at once; more are merged first. */
  static final int MERGE_WIDTH = 64;
  /** Top-N: rows buffered beyond the limit before the buffer is cut down. */
  private static final long TOP_N_SLACK_ROWS = 1 << 16;
  /** Rows one buffer may hold (index arrays are int-indexed). */
  private static final int MAX_BUFFER_ROWS = 1 << 28;

  private enum State { CONSUMING, EMITTING, DONE }

  /** The input; closed as soon as it is exhausted. */
  private final Operator input;
  /** The task's allocator, batch size, budget and spill directory. */
  private final OperatorContext context;
  /** How many rows to keep, or -1 for all. */
  private final long limit;
  /** Evaluates the keys of input batches and of run batches read back. */
  private final SortKeyEvaluator evaluator;
  /** The rows held in memory. */
  private final SortBuffer buffer;
  /** Spilled runs, oldest first. */
  private final List<SortedRunFile> runs = new ArrayList<>();
  /** Time, rows and batches out. */
  private final OperatorMetrics metrics = new OperatorMetrics("ColumnarSort");
  /** Top-N: the buffer size at which it is cut down to the limit. */
  private final long compactAt;
  /** Top-N: the keys of the last row kept by the latest cut-down (row {@link #thresholdRow}), or null. */
  private SortKeyColumns threshold;
  private int thresholdRow;
  private State state = State.CONSUMING;
  /** The sorted output, once the input is consumed. */
  private SortedBatches output;
  private boolean inputClosed;
  private long rowsIn;
  private int spillCount;
  private long spilledBytes;

  public ColumnarSortOperator(ColumnarSortExec node, Operator child, OperatorContext context) {
    requireNonNull(node, "node is null");
    this.input = requireNonNull(child, "child is null");
    this.context = requireNonNull(context, "context is null");
    this.limit = node.limit();
    this.evaluator = new SortKeyEvaluator(node.keys());
    this.buffer = new SortBuffer(node.keys(), context.allocator(), context.batchRows());
    this.compactAt = limit < 0 ? Long.MAX_VALUE : limit + Math.max(limit, TOP_N_SLACK_ROWS);
  }

  @Override
  public Batch next() {
    if (state == State.CONSUMING) {
      consumeInput();
      state = State.EMITTING;
    }
    if (state != State.EMITTING) {
      return null;
    }
    long start = System.nanoTime();
    Batch batch = output.next();
    metrics.addNanos(System.nanoTime() - start);
    if (batch == null) {
      finish();
      return null;
    }
    metrics.recordOutput(batch.rowCount());
    return batch;
  }

  private void consumeInput() {
    if (limit == 0) {
      closeInput();
      output = new SortBuffer(List.of(), context.allocator(), context.batchRows()).drainSorted(0);
      return;
    }
    for (Batch batch = input.next(); batch != null; batch = input.next()) {
      long start = System.nanoTime();
      if (batch.rowCount() == 0) {
        batch.close();
        continue;
      }
      rowsIn += batch.rowCount();
      List<ColumnData> keys;
      long batchBytes = batch.sizeInBytes();
      try {
        keys = evaluator.evaluate(batch);
      } catch (RuntimeException e) {
        batch.close();
        throw e;
      }
      if (threshold == null) {
        buffer.add(batch, keys);
      } else if (!addBelowThreshold(batch, keys)) {
        metrics.addNanos(System.nanoTime() - start);
        continue;
      }
      if (buffer.rows() >= compactAt) {
        compact();
      }
      if (full(batchBytes)) {
        if (limit >= 0 && buffer.rows() > limit) {
          compact();
        }
        if (full(batchBytes)) {
          spill();
        }
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    closeInput();
    long start = System.nanoTime();
    SortedBatches memory = buffer.drainSorted(limit);
    if (runs.isEmpty()) {
      output = memory;
    } else {
      try {
        compactRuns();
      } catch (RuntimeException e) {
        memory.close();
        throw e;
      }
      List<SortedBatches> sources = new ArrayList<>(runs.size() + 1);
      runs.forEach(run -> sources.add(run.reader()));
      sources.add(memory);
      output = new SortedRunMerger(sources, evaluator, context.batchRows(), limit, context.allocator());
    }
    metrics.addNanos(System.nanoTime() - start);
  }

  /** Whether the buffer is over budget, or could not take another batch like the last one. */
  private boolean full(long batchBytes) {
    return buffer.bytesHeld() > context.memoryBudgetBytes() || buffer.rows() > MAX_BUFFER_ROWS
        || !buffer.hasRoomFor(2 * batchBytes);
  }

  /**
   * Top-N with a full buffer: adds only the batch's rows that sort before the last row kept (a row
   * equal to it comes after it in the stable order, so past the limit); closes the batch. Returns
   * whether any row was added.
   */
  private boolean addBelowThreshold(Batch batch, List<ColumnData> keys) {
    int rows = batch.rowCount();
    SortKeyColumns view = SortKeyColumns.wrap(evaluator.keys(), keys, rows);
    int[] selection = new int[rows];
    int count = 0;
    for (int row = 0; row < rows; row++) {
      selection[count] = row;
      count += view.compare(row, threshold, thresholdRow) < 0 ? 1 : 0;
    }
    if (count == 0) {
      batch.close();
      return false;
    }
    buffer.add(batch, keys, count == rows ? null : selection, count);
    return true;
  }

  /**
   * Top-N: keeps only the first {@code limit} buffered rows, and remembers the keys of the last of
   * them once there are {@code limit}: later rows must sort before it to matter.
   */
  private void compact() {
    SortKeyColumns last = null;
    int lastRow = -1;
    try (SortedBatches kept = buffer.drainSorted(limit)) {
      for (Batch batch = kept.next(); batch != null; batch = kept.next()) {
        List<ColumnData> keys;
        try {
          keys = evaluator.evaluate(batch);
        } catch (RuntimeException e) {
          batch.close();
          throw e;
        }
        last = SortKeyColumns.wrap(evaluator.keys(), keys, batch.rowCount());
        lastRow = batch.rowCount() - 1;
        buffer.add(batch, keys);
      }
    }
    if (buffer.rows() >= limit && last != null) {
      threshold = last;
      thresholdRow = lastRow;
    }
  }

  /** Writes the sorted buffer (its first {@code limit} rows for a top-N) as a run. */
  private void spill() {
    SortedRunFile run = SortedRunFile.create(context);
    runs.add(run);
    spillCount++;
    try (SortedBatches sorted = buffer.drainSorted(limit); SortedRunFile.Writer writer = run.writer()) {
      for (Batch batch = sorted.next(); batch != null; batch = sorted.next()) {
        try (Batch written = batch) {
          writer.write(written);
        }
      }
      spilledBytes += writer.bytes();
    }
  }

  /**
   * Merges the oldest {@link #MERGE_WIDTH} runs into one that takes their place (still the oldest,
   * so ties keep their order), until at most {@code MERGE_WIDTH} runs are left.
   */
  private void compactRuns() {
    while (runs.size() > MERGE_WIDTH) {
      List<SortedRunFile> oldest = new ArrayList<>(runs.subList(0, MERGE_WIDTH));
      SortedRunFile merged = SortedRunFile.create(context);
      runs.add(MERGE_WIDTH, merged);
      List<SortedBatches> readers = new ArrayList<>(MERGE_WIDTH);
      oldest.forEach(run -> readers.add(run.reader()));
      try (SortedBatches rows = new SortedRunMerger(readers, evaluator, context.batchRows(), limit,
              context.allocator());
          SortedRunFile.Writer writer = merged.writer()) {
        for (Batch batch = rows.next(); batch != null; batch = rows.next()) {
          try (Batch written = batch) {
            writer.write(written);
          }
        }
        spilledBytes += writer.bytes();
      }
      oldest.forEach(SortedRunFile::delete);
      runs.subList(0, MERGE_WIDTH).clear();
    }
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  private void finish() {
    state = State.DONE;
    if (output != null) {
      output.close();
      output = null;
    }
    runs.forEach(SortedRunFile::delete);
    runs.clear();
  }

  /** Rows read from the input so far. */
  public long rowsIn() {
    return rowsIn;
  }

  /** How many sorted runs were spilled to disk. */
  public int spillCount() {
    return spillCount;
  }

  /** How many bytes were written to run files. */
  public long spilledBytes() {
    return spilledBytes;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    try {
      finish();
      buffer.close();
    } finally {
      closeInput();
    }
  }
}
