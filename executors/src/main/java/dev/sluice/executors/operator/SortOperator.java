package dev.sluice.executors.operator;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.SortExec;
import dev.sluice.executors.spill.SizeEstimate;
import dev.sluice.executors.spill.SpillFile;
import dev.sluice.executors.spill.SpillReader;
import dev.sluice.executors.spill.SpillWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts all rows of its input by {@code node.key()} in {@code node.order()} (nulls first ascending,
 * last descending). The sort is stable: rows with equal keys keep their input order. Keys that are
 * not mutually {@link Comparable} fail with {@code INVALID_ARGUMENT} (from {@link KeyOrder}).
 *
 * <p>Rows are buffered with their keys. When the buffer's {@link SizeEstimate} exceeds the task's
 * memory budget it is sorted and written to a run file, and buffering starts over. At the end the
 * runs and the sorted buffer are merged k-way (ties: the older run first, the buffer last), reading
 * each run one batch at a time and at most {@value #MERGE_WIDTH} runs at once (beyond that, the
 * oldest runs are first merged into one); the keys of spilled rows are computed again when read
 * back, so the key function must be deterministic. Output comes in batches of {@code batchRows} rows.
 *
 * <p>States: CONSUMING (the first {@link #next()} reads the whole input and closes it) → EMITTING →
 * DONE. {@link #close()} frees the buffer, pending batches, the run files and the input.
 */
public final class SortOperator implements Operator {
  private static final Origin KEY = new Origin("sortBy", "key function (user function)");
  /** Heap bytes per buffered row besides the row: its {@link Keyed} (24), list slot (8), a boxed key (24). */
  private static final long ROW_OVERHEAD_BYTES = 56;
  /** The most runs merged at once (each holds a read buffer and a decoded batch); more are merged first. */
  static final int MERGE_WIDTH = 64;

  private enum State { CONSUMING, EMITTING, DONE }

  /** A row and its sort key. */
  private record Keyed(Object key, Object row) {}

  /** The input; closed as soon as it is exhausted. */
  private final Operator input;
  /** The task's allocator, batch size, budget and spill directory. */
  private final OperatorContext context;
  /** The user's key function. */
  private final MapFunction<Object, Object> keyFunction;
  /** The class of the rows, an encoding hint for spills and output. */
  private final Class<?> rowClass;
  /** Orders keys; throws for keys that are not comparable. */
  private final Comparator<Keyed> order;
  /** Rows not yet spilled, in input order until sorted. */
  private final List<Keyed> buffer = new ArrayList<>();
  /** Estimates the buffer's heap size. */
  private final SizeEstimate estimate;
  /** Whether the size is estimated at all (not with an unlimited budget). */
  private final boolean bounded;
  /** The sorted runs written and not yet deleted, oldest first. */
  private final List<SpillFile> runs = new ArrayList<>();
  /** Readers open on the runs while merging. */
  private final List<SpillReader> readers = new ArrayList<>();
  /** Encodes output rows into batches. */
  private final EncodedRows output;
  /** Time, rows and batches out. */
  private final OperatorMetrics metrics = new OperatorMetrics("Sort");
  /** Where this operator is in its life. */
  private State state = State.CONSUMING;
  /** The sorted rows, while emitting. */
  /** The sorted rows, once the input is consumed. */
  private Iterator<Object> results;
  /** Whether {@link #input} was closed. */
  private boolean inputClosed;
  /** Rows read from the input. */
  private long rowsIn;
  /** How many runs were written. */
  private int spillCount;
  /** How many bytes were written to runs. */
  private long spilledBytes;

  public SortOperator(SortExec node, Operator input, OperatorContext context) {
    requireNonNull(node, "node is null");
    this.input = requireNonNull(input, "input is null");
    this.context = requireNonNull(context, "context is null");
    this.keyFunction = node.key();
    this.rowClass = node.rowClass();
    KeyOrder keyOrder = node.order();
    this.order = (left, right) -> keyOrder.compare(left.key(), right.key());
    this.bounded = context.memoryBudgetBytes() != Long.MAX_VALUE;
    this.estimate = new SizeEstimate(ROW_OVERHEAD_BYTES, index -> buffer.get(index).row());
    this.output = new EncodedRows(rowClass, context);
  }

  @Override
  public Batch next() {
    if (state == State.CONSUMING) {
      consumeInput();
      state = State.EMITTING;
    }
    if (state == State.EMITTING) {
      long start = System.nanoTime();
      if (output.fill(results, context)) {
        state = State.DONE;
        deleteRuns();
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    Batch batch = output.poll();
    if (batch != null) {
      metrics.recordOutput(batch.rowCount());
    }
    return batch;
  }

  private void consumeInput() {
    for (Object[] rows = RowBatches.next(input, context); rows != null; rows = RowBatches.next(input, context)) {
      long start = System.nanoTime();
      for (Object row : rows) {
        buffer.add(new Keyed(key(row), row));
        if (bounded && estimate.update(buffer.size(), buffer.size() - 1) > context.memoryBudgetBytes()) {
          spill();
        }
      }
      rowsIn += rows.length;
      metrics.addNanos(System.nanoTime() - start);
    }
    closeInput();
    buffer.sort(order);
    compactRuns();
    Iterator<Keyed> sorted = runs.isEmpty() ? drainBuffer() : merge(runs, drainBuffer());
    results = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return sorted.hasNext();
      }

      @Override
      public Object next() {
        return sorted.next().row();
      }
    };
  }

  private Object key(Object row) {
    return UserFunctionException.call(KEY, () -> keyFunction.call(row));
  }

  private void spill() {
    buffer.sort(order);
    SpillFile run = SpillFile.create(context, "Sort");
    runs.add(run);
    spillCount++;
    try (SpillWriter writer = run.writer(rowClass)) {
      for (Keyed keyed : buffer) {
        writer.write(keyed.row());
      }
      spilledBytes += writer.finish();
    }
    buffer.clear();
    estimate.reset();
  }

  /** The buffered rows in order, letting go of each as it is handed out. */
  private Iterator<Keyed> drainBuffer() {
    return new Iterator<>() {
      private int position;

      @Override
      public boolean hasNext() {
        return position < buffer.size();
      }

      @Override
      public Keyed next() {
        return buffer.set(position++, null);
      }
    };
  }

  /**
   * Merges the oldest {@link #MERGE_WIDTH} runs into one that takes their place (still the oldest,
   * so ties keep their order), until at most {@code MERGE_WIDTH} runs are left.
   */
  private void compactRuns() {
    while (runs.size() > MERGE_WIDTH) {
      List<SpillFile> oldest = new ArrayList<>(runs.subList(0, MERGE_WIDTH));
      SpillFile merged = SpillFile.create(context, "Sort");
      runs.add(MERGE_WIDTH, merged);
      try (SpillWriter writer = merged.writer(rowClass)) {
        Iterator<Keyed> rows = merge(oldest, Collections.emptyIterator());
        while (rows.hasNext()) {
          writer.write(rows.next().row());
        }
        spilledBytes += writer.finish();
      }
      readers.forEach(SpillReader::close);
      readers.clear();
      oldest.forEach(SpillFile::delete);
      runs.subList(0, MERGE_WIDTH).clear();
    }
  }

  /** Merges sorted runs and then a sorted in-memory source: smallest key first, older source on ties. */
  private Iterator<Keyed> merge(List<SpillFile> files, Iterator<Keyed> memory) {
    PriorityQueue<Cursor> heads = new PriorityQueue<>((left, right) -> {
      int byKey = order.compare(left.head, right.head);
      return byKey != 0 ? byKey : Integer.compare(left.source, right.source);
    });
    for (int source = 0; source < files.size(); source++) {
      SpillReader reader = files.get(source).reader();
      readers.add(reader);
      addCursor(heads, new Cursor(source, new Iterator<>() {
        @Override
        public boolean hasNext() {
          return reader.hasNext();
        }

        @Override
        public Keyed next() {
          Object row = reader.next();
          return new Keyed(key(row), row);
        }
      }));
    }
    addCursor(heads, new Cursor(files.size(), memory));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public Keyed next() {
        Cursor cursor = heads.poll();
        Keyed next = cursor.head;
        cursor.advance();
        addCursor(heads, cursor);
        return next;
      }
    };
  }

  private static void addCursor(PriorityQueue<Cursor> heads, Cursor cursor) {
    if (cursor.head != null) {
      heads.add(cursor);
    }
  }

  /** One sorted source of the merge and its current row. */
  private static final class Cursor {
    /** The source's position: older runs first, the buffer last. */
    private final int source;
    /** The rest of the source. */
    private final Iterator<Keyed> rows;
    /** The current row, or null when the source is exhausted. */
    private Keyed head;

    Cursor(int source, Iterator<Keyed> rows) {
      this.source = source;
      this.rows = rows;
      advance();
    }

    void advance() {
      head = rows.hasNext() ? rows.next() : null;
    }
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  private void deleteRuns() {
    readers.forEach(SpillReader::close);
    readers.clear();
    runs.forEach(SpillFile::delete);
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
    state = State.DONE;
    results = null;
    buffer.clear();
    try {
      deleteRuns();
      output.close();
    } finally {
      closeInput();
    }
  }
}
