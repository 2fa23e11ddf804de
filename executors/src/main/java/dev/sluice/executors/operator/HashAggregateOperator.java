package dev.sluice.executors.operator;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.keyed.Aggregator;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.HashAggregateExec;
import dev.sluice.executors.spill.SpillableHashTable;
import java.util.Iterator;

/**
 * Combines {@link Pair} rows by key: one output row {@code Pair(key, accumulator)} per distinct key
 * (null is a key like any other; keys are equal by {@code Objects.equals}).
 *
 * <ul>
 *   <li>PARTIAL and COMPLETE: the first value of a key becomes {@code createCombiner(value)}, later
 *       ones are added with {@code mergeValue(accumulator, value)};
 *   <li>FINAL: the values are accumulators, merged with {@code mergeCombiners}.
 * </ul>
 *
 * <p>The table lives in a {@link SpillableHashTable}: beyond the task's memory budget it is spilled
 * to sorted runs, and at the end the runs and the table are merged by key hash, combining the
 * accumulators of equal keys with {@code mergeCombiners} (oldest first). Output order is
 * unspecified (first-seen order when nothing spilled, key-hash order otherwise).
 *
 * <p>States: CONSUMING (the first {@link #next()} reads the whole input and closes it) → EMITTING
 * (batches of up to {@code batchRows} rows) → DONE. {@link #close()} frees the table, pending
 * batches, the run files and the input.
 */
public final class HashAggregateOperator implements Operator {
  private static final Origin CREATE = new Origin("combineByKey", "createCombiner (user function)");
  private static final Origin MERGE_VALUE = new Origin("combineByKey", "mergeValue (user function)");
  private static final Origin MERGE_COMBINERS = new Origin("combineByKey", "mergeCombiners (user function)");

  private enum State { CONSUMING, EMITTING, DONE }

  /** The input; closed as soon as it is exhausted. */
  private final Operator input;
  /** The task's allocator, batch size, budget and spill directory. */
  private final OperatorContext context;
  /** The user's combine functions. */
  private final Aggregator aggregator;
  /** Whether input values are accumulators already (FINAL). */
  private final boolean valuesAreAccumulators;
  /** Key → accumulator, spilling beyond the budget. */
  private final SpillableHashTable table;
  /** Encodes output rows into batches. */
  private final EncodedRows output;
  /** Rows in, time, rows and batches out. */
  private final OperatorMetrics metrics = new OperatorMetrics("HashAggregate");
  /** Where this operator is in its life. */
  private State state = State.CONSUMING;
  /** The combined rows, while emitting. */
  private Iterator<Pair<Object, Object>> results;
  /** Whether {@link #input} was closed. */
  private boolean inputClosed;
  /** Rows read from the input. */
  private long rowsIn;

  public HashAggregateOperator(HashAggregateExec node, Operator input, OperatorContext context) {
    requireNonNull(node, "node is null");
    this.input = requireNonNull(input, "input is null");
    this.context = requireNonNull(context, "context is null");
    this.aggregator = node.aggregator();
    this.valuesAreAccumulators = node.mode() == HashAggregateExec.Mode.FINAL;
    this.table = new SpillableHashTable("HashAggregate", context,
        (older, newer) -> UserFunctionException.call(MERGE_COMBINERS,
            () -> aggregator.mergeCombiners().call(older, newer)));
    this.output = new EncodedRows(Pair.class, context);
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
        add(row);
      }
      rowsIn += rows.length;
      metrics.addNanos(System.nanoTime() - start);
    }
    closeInput();
    results = table.drain();
  }

  private void add(Object row) {
    if (!(row instanceof Pair<?, ?> pair)) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Task " + context.taskName()
          + ": HashAggregate expects Pair rows, got " + (row == null ? "null" : row.getClass().getName()));
    }
    Object value = pair.value();
    int slot = table.find(pair.key());
    Origin calling = CREATE;
    try {
      if (slot < 0) {
        table.insert(pair.key(), valuesAreAccumulators ? value : aggregator.createCombiner().call(value));
      } else if (valuesAreAccumulators) {
        calling = MERGE_COMBINERS;
        table.set(slot, aggregator.mergeCombiners().call(table.state(slot), value));
      } else {
        calling = MERGE_VALUE;
        table.set(slot, aggregator.mergeValue().call(table.state(slot), value));
      }
    } catch (EngineException | UserFunctionException e) {
      throw e;
    } catch (Exception e) {
      // user functions are called directly on this hot path, without a capturing lambda per row
      throw new UserFunctionException(calling, e);
    }
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  /** Rows read from the input so far. */
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
      closeInput();
    }
  }
}
