package dev.sluice.executors.operator;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.physical.CoGroupExec;
import dev.sluice.executors.spill.SpillableHashTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Groups the {@link Pair} rows of several inputs by key: for every key present in any input, one
 * output row {@code Pair(key, groups)} where {@code groups} is a {@code List} with one {@code
 * ArrayList} per input, holding that key's values from that input in input order (empty when the
 * input has none). Null is a key like any other; keys are equal by {@code Objects.equals}.
 *
 * <p>The partial groups live in a {@link SpillableHashTable}: beyond the task's memory budget they
 * are spilled to sorted runs, and at the end the runs and the table are merged by key hash,
 * concatenating the groups of equal keys oldest first, which keeps each input's values in order.
 * Output order is unspecified (first-seen order when nothing spilled, key-hash order otherwise).
 *
 * <p>States: CONSUMING (the first {@link #next()} reads the inputs one after another, closing each
 * once exhausted) → EMITTING (batches of up to {@code batchRows} rows) → DONE. {@link #close()}
 * frees the table, pending batches, the run files and every input.
 */
public final class CoGroupOperator implements Operator {
  private enum State { CONSUMING, EMITTING, DONE }

  /** The inputs; each is closed as soon as it is exhausted. */
  private final List<Operator> inputs;
  /** The task's allocator, batch size, budget and spill directory. */
  private final OperatorContext context;
  /** Key → one value list per input, spilling beyond the budget. */
  private final SpillableHashTable table;
  /** Encodes output rows into batches. */
  private final EncodedRows output;
  /** Time, rows and batches out. */
  private final OperatorMetrics metrics = new OperatorMetrics("CoGroup");
  /** Where this operator is in its life. */
  private State state = State.CONSUMING;
  /** The grouped rows, while emitting. */
  private Iterator<Pair<Object, Object>> results;
  /** How many inputs were closed, from the first. */
  private int inputsClosed;
  /** Rows read from the inputs. */
  private long rowsIn;

  public CoGroupOperator(CoGroupExec node, List<Operator> inputs, OperatorContext context) {
    requireNonNull(node, "node is null");
    this.inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    this.context = requireNonNull(context, "context is null");
    if (this.inputs.size() != node.inputs().size()) {
      throw new IllegalArgumentException("CoGroup of " + node.inputs().size() + " inputs got "
          + this.inputs.size() + " input operators");
    }
    this.table = new SpillableHashTable("CoGroup", context, CoGroupOperator::concat);
    this.output = new EncodedRows(Pair.class, context);
  }

  @Override
  public Batch next() {
    if (state == State.CONSUMING) {
      for (int i = 0; i < inputs.size(); i++) {
        consume(i);
      }
      results = table.drain();
      state = State.EMITTING;
    }
    if (state == State.EMITTING) {
      long start = System.nanoTime();
      if (output.fill(results, context)) {
        state = State.DONE;
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    Batch batch = output.poll();
    if (batch != null) {
      metrics.recordOutput(batch.rowCount());
    }
    return batch;
  }

  private void consume(int index) {
    Operator input = inputs.get(index);
    for (Object[] rows = RowBatches.next(input, context); rows != null; rows = RowBatches.next(input, context)) {
      long start = System.nanoTime();
      for (Object row : rows) {
        add(index, row);
      }
      rowsIn += rows.length;
      metrics.addNanos(System.nanoTime() - start);
    }
    inputsClosed++;
    input.close();
  }

  @SuppressWarnings("unchecked")
  private void add(int index, Object row) {
    if (!(row instanceof Pair<?, ?> pair)) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Task " + context.taskName() + ": CoGroup expects Pair"
          + " rows in input " + index + ", got " + (row == null ? "null" : row.getClass().getName()));
    }
    int slot = table.find(pair.key());
    if (slot < 0) {
      List<List<Object>> groups = new ArrayList<>(inputs.size());
      for (int i = 0; i < inputs.size(); i++) {
        groups.add(new ArrayList<>(i == index ? 4 : 0));
      }
      groups.get(index).add(pair.value());
      table.insert(pair.key(), groups);
    } else {
      List<List<Object>> groups = (List<List<Object>>) table.state(slot);
      groups.get(index).add(pair.value());
      table.set(slot, groups);
    }
  }

  /** Appends the newer groups to the older ones, input by input. */
  @SuppressWarnings("unchecked")
  private static Object concat(Object older, Object newer) {
    List<List<Object>> into = (List<List<Object>>) older;
    List<List<Object>> from = (List<List<Object>>) newer;
    for (int i = 0; i < into.size(); i++) {
      into.get(i).addAll(from.get(i));
    }
    return into;
  }

  /** Rows read from the inputs so far. */
  public long rowsIn() {
    return rowsIn;
  }

  /** How many times the table was spilled to a run file. */
  public int spillCount() {
    return table.spillCount();
  }

  /** How many bytes were written to run files. */
  public long spilledBytes() {
    return table.spilledBytes();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    state = State.DONE;
    results = null;
    try {
      table.close();
      output.close();
    } finally {
      for (; inputsClosed < inputs.size(); inputsClosed++) {
        inputs.get(inputsClosed).close();
      }
    }
  }
}
