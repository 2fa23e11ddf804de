package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hash aggregation over columns, in one of the three phases of {@link ColumnarAggregateExec}
 * ({@link AggregateMode}): PARTIAL and COMPLETE evaluate the grouping expressions and aggregate
 * inputs per batch and add the rows to the groups; FINAL merges the state rows of partial
 * aggregates ({@link AggregateStates}). Groups live in a {@link GroupTable} (keys column-wise, an
 * open-addressing index over {@code ColumnHash} hashes, group ids found a batch at a time) and one
 * {@link GroupAccumulator} per aggregate (primitive arrays by group id). Output: batches of up to
 * {@value #OUTPUT_ROWS} groups in {@code node.schema()}, in first-seen order (bucket by bucket
 * after a spill); without grouping exactly one row, even for empty input.
 *
 * <p>Memory ({@link OperatorContext#memoryBudgetBytes()}, checked after each batch): a PARTIAL
 * aggregate beyond it emits the groups it has and starts over (several state rows per group are
 * valid partial output). FINAL and COMPLETE spill: the groups so far are written as state rows,
 * and every later row, to {@link SpillBuckets} by key hash; after the input each bucket is
 * aggregated on its own, and one still too big spills again, one level down, up to
 * {@value #MAX_SPILL_LEVEL} levels. Tables of fewer than {@value #MIN_SPILL_GROUPS} groups never
 * spill, so a tiny budget still ends.
 *
 * <p>States: CONSUMING (pull input until exhausted or a partial flush) → EMITTING (the table's
 * groups, then each spilled bucket's) → DONE. {@link #close()} frees the input and deletes spill
 * files.
 */
public final class ColumnarAggregateOperator implements Operator {
  /** Groups per output batch. */
  static final int OUTPUT_ROWS = 1 << 16;
  /** Tables smaller than this do not spill, however small the budget. */
  static final int MIN_SPILL_GROUPS = 1024;
  /** The deepest spill level; a bucket still too big there fails the task. */
  static final int MAX_SPILL_LEVEL = 6;

  private enum State { CONSUMING, EMITTING, DONE }

  /** An input column: a bound column taken as it is, anything else through the kernels. */
  private record InputColumn(int index, CompiledExpression kernel) {
    static InputColumn of(Expression expression) {
      Expression unwrapped = expression;
      while (unwrapped instanceof Alias alias) {
        unwrapped = alias.child();
      }
      return unwrapped instanceof BoundRef bound ? new InputColumn(bound.index(), null)
          : new InputColumn(-1, ExpressionEvaluator.compile(unwrapped));
    }

    ColumnData evaluate(VectorBatch batch) {
      return kernel == null ? batch.column(index) : kernel.evaluate(batch);
    }
  }

  /** The plan node. */
  private final ColumnarAggregateExec node;
  /** The input; closed as soon as it is exhausted. */
  private final Operator input;
  /** The task's allocator, budget and spill directory. */
  private final OperatorContext context;
  /** Which phase. */
  private final AggregateMode mode;
  /** How many grouping columns. */
  private final int keyCount;
  /** The grouping expressions (PARTIAL, COMPLETE). */
  private final InputColumn[] keys;
  /** Each aggregate's input (PARTIAL, COMPLETE); null for count(*). */
  private final InputColumn[] inputs;
  /** Each aggregate's column in a raw row ({@code keys, then inputs}), -1 for count(*). */
  private final int[] rawColumn;
  /** Each aggregate's first column in a state row ({@code keys, then states}). */
  private final int[] stateColumn;
  /** The groups. */
  private final GroupTable table;
  /** Groups batches of short utf8 keys with few distinct values (null without keys). */
  private final BatchKeyDictionary dictionary;
  /** One per aggregate. */
  private final GroupAccumulator[] accumulators;
  /** The partial layout: FINAL's input. */
  private final WideLayout stateLayout;
  /** The output layout, {@code node.schema()}. */
  private final WideLayout outputLayout;
  /** Rows in, time, rows and batches out. */
  private final OperatorMetrics metrics = new OperatorMetrics("ColumnarAggregate");
  /** Spilled buckets still to aggregate, next first. */
  private final Deque<SpillBuckets.Bucket> pending = new ArrayDeque<>();
  /** Where rows go while the current table is spilling, or null. */
  private SpillBuckets spill;
  /** The spill level of the rows now aggregated: 0 for the input, one more per bucket level. */
  private int level;
  /** Where this operator is in its life. */
  private State state = State.CONSUMING;
  /** Whether the input was exhausted, and whether it was closed. */
  private boolean inputDone;
  private boolean inputClosed;
  /** PARTIAL: the table went over budget and is emitted before more input is read. */
  private boolean flushRequested;
  /** Groups of the table emitted so far. */
  private int emitted;
  /** Scratch: the group of each row of the batch being added. */
  private int[] groupIds = new int[0];
  private long rowsIn;
  private int spillCount;
  private long spilledBytes;
  private int flushCount;

  public ColumnarAggregateOperator(ColumnarAggregateExec node, Operator child, OperatorContext context) {
    this.node = requireNonNull(node, "node is null");
    this.input = requireNonNull(child, "child is null");
    this.context = requireNonNull(context, "context is null");
    this.mode = node.mode();
    List<Expression> groupings = node.groupings();
    List<AggregateCall> aggregates = node.aggregates();
    this.keyCount = groupings.size();
    for (AggregateCall call : aggregates) {
      if (call.distinct()) {
        throw new EngineException(ErrorCode.INTERNAL, "Aggregate " + call.sql()
            + " is distinct; distinct aggregates are planned as a grouping first (this is a bug)");
      }
    }
    boolean raw = mode != AggregateMode.FINAL;
    this.keys = new InputColumn[keyCount];
    List<DataType> keyTypes = new ArrayList<>(keyCount);
    for (int k = 0; k < keyCount; k++) {
      keys[k] = raw ? InputColumn.of(groupings.get(k)) : null;
      keyTypes.add(groupings.get(k).dataType());
    }
    this.inputs = new InputColumn[aggregates.size()];
    this.rawColumn = new int[aggregates.size()];
    this.stateColumn = new int[aggregates.size()];
    this.accumulators = new GroupAccumulator[aggregates.size()];
    int nextRaw = keyCount;
    int nextState = keyCount;
    for (int a = 0; a < aggregates.size(); a++) {
      AggregateCall call = aggregates.get(a);
      boolean hasInput = call.input() != null;
      inputs[a] = raw && hasInput ? InputColumn.of(call.input()) : null;
      rawColumn[a] = hasInput ? nextRaw++ : -1;
      accumulators[a] = GroupAccumulator.of(call, mode);
      stateColumn[a] = nextState;
      nextState += accumulators[a].stateWidth();
    }
    this.table = new GroupTable(keyTypes);
    this.dictionary = keyTypes.isEmpty() ? null : new BatchKeyDictionary(keyTypes.size());
    Schema partial = AggregateStates.partialSchema(groupings, aggregates);
    this.stateLayout = new WideLayout(partial, wideColumns(aggregates, keyCount, true));
    Schema output = node.schema();
    boolean[] outputWide = wideColumns(aggregates, keyCount, mode == AggregateMode.PARTIAL);
    if (output.fields().size() != outputWide.length) {
      throw new EngineException(ErrorCode.INTERNAL, "Aggregate " + node.describe() + " declares output " + output
          + " but produces " + outputWide.length + " columns (this is a bug)");
    }
    this.outputLayout = new WideLayout(output, outputWide);
  }

  /** Which columns of the partial ({@code states}) or final layout are 128-bit decimals: decimal sums. */
  private static boolean[] wideColumns(List<AggregateCall> aggregates, int keyCount, boolean states) {
    List<Boolean> wide = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) {
      wide.add(false);
    }
    for (AggregateCall call : aggregates) {
      boolean decimalInput = call.input() != null && call.input().dataType() instanceof DataType.Decimal;
      boolean decimalSum = decimalInput && (call.function() == AggregateFunction.SUM
          || call.function() == AggregateFunction.AVG);
      wide.add(decimalSum);
      if (states && call.function() == AggregateFunction.AVG) {
        wide.add(false);
      }
    }
    boolean[] out = new boolean[wide.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = wide.get(i);
    }
    return out;
  }

  @Override
  public Batch next() {
    while (true) {
      if (state == State.CONSUMING) {
        consumeInput();
        state = State.EMITTING;
        emitted = 0;
      }
      if (state == State.DONE) {
        return null;
      }
      if (emitted < table.groupCount()) {
        long start = System.nanoTime();
        Batch batch = emit();
        metrics.addNanos(System.nanoTime() - start);
        metrics.recordOutput(batch.rowCount());
        return batch;
      }
      if (!inputDone) {
        clearTable();
        flushCount++;
        state = State.CONSUMING;
      } else if (!pending.isEmpty()) {
        long start = System.nanoTime();
        loadBucket(pending.poll());
        metrics.addNanos(System.nanoTime() - start);
        emitted = 0;
      } else {
        state = State.DONE;
      }
    }
  }

  /** Reads input until it is exhausted or (PARTIAL) the table must be emitted first. */
  private void consumeInput() {
    level = 0;
    if (mode != AggregateMode.FINAL && input instanceof VectorProducer producer) {
      consumeVectors(producer);
      return;
    }
    while (!flushRequested) {
      Batch batch = input.next();
      if (batch == null) {
        inputDone = true;
        closeInput();
        finishSpill();
        return;
      }
      context.checkCancelled();
      long start = System.nanoTime();
      int rows = batch.rowCount();
      rowsIn += rows;
      List<ColumnData> columns;
      try (batch) {
        columns = rows == 0 ? null : mode == AggregateMode.FINAL ? stateLayout.read(batch) : rawColumns(batch);
      }
      if (columns != null) {
        add(columns, rows, mode == AggregateMode.FINAL);
      }
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  /** {@link #consumeInput} for an input that hands over Java arrays in this task. */
  private void consumeVectors(VectorProducer producer) {
    while (!flushRequested) {
      VectorBatch batch = producer.nextVectors();
      if (batch == null) {
        inputDone = true;
        closeInput();
        finishSpill();
        return;
      }
      context.checkCancelled();
      long start = System.nanoTime();
      int rows = batch.rowCount();
      rowsIn += rows;
      if (rows > 0) {
        add(rawColumns(batch), rows, false);
      }
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  /** The raw row columns of an input batch: the grouping values, then each aggregate's input. */
  private List<ColumnData> rawColumns(Batch batch) {
    return rawColumns(ArrowColumns.read(batch));
  }

  private List<ColumnData> rawColumns(VectorBatch columns) {
    List<ColumnData> out = new ArrayList<>(keyCount + inputs.length);
    for (InputColumn key : keys) {
      out.add(key.evaluate(columns));
    }
    for (InputColumn in : inputs) {
      if (in != null) {
        out.add(in.evaluate(columns));
      }
    }
    return out;
  }

  /** Adds raw rows or state rows (keys first) to the table, or to the spill while one is open. */
  private void add(List<ColumnData> columns, int rows, boolean states) {
    List<ColumnData> keyColumns = columns.subList(0, keyCount);
    if (spill != null) {
      spill.add(states, columns, ColumnHash.hash(keyColumns, rows), rows);
      return;
    }
    if (groupIds.length < rows) {
      groupIds = new int[Math.max(rows, 1024)];
    }
    if (dictionary == null || !dictionary.findOrInsert(table, keyColumns, rows, groupIds)) {
      long[] hashes = keyCount == 0 ? null : ColumnHash.hash(keyColumns, rows);
      table.findOrInsert(keyColumns, hashes, rows, groupIds);
    }
    for (int a = 0; a < accumulators.length; a++) {
      GroupAccumulator accumulator = accumulators[a];
      accumulator.ensureGroups(table.groupCount());
      if (states) {
        accumulator.merge(columns, stateColumn[a], groupIds, rows);
      } else if (keyCount == 0) {
        accumulator.updateSingle(rawColumn[a] < 0 ? null : columns.get(rawColumn[a]), rows);
      } else {
        accumulator.update(rawColumn[a] < 0 ? null : columns.get(rawColumn[a]), groupIds, rows);
      }
    }
    if (keyCount > 0 && memoryBytes() > context.memoryBudgetBytes()) {
      if (mode == AggregateMode.PARTIAL) {
        flushRequested = !inputDone;
      } else if (table.groupCount() >= MIN_SPILL_GROUPS) {
        startSpill();
      }
    }
  }

  /** Bytes held by the groups. */
  long memoryBytes() {
    long bytes = table.memoryBytes() + 4L * groupIds.length;
    for (GroupAccumulator accumulator : accumulators) {
      bytes += accumulator.memoryBytes();
    }
    return bytes;
  }

  /** Writes the table's groups as state rows into new buckets, empties it, and routes later rows there. */
  private void startSpill() {
    if (level > MAX_SPILL_LEVEL) {
      throw new EngineException(ErrorCode.EXCEEDED_MEMORY_LIMIT, "Task " + context.taskName() + ": aggregation "
          + node.describe() + " still holds " + table.groupCount() + " groups (" + memoryBytes() + " bytes) after "
          + MAX_SPILL_LEVEL + " levels of spilling, beyond the task memory budget of "
          + context.memoryBudgetBytes() + " bytes; raise sluice.task.memory");
    }
    spill = new SpillBuckets(context, level);
    spillCount++;
    int groups = table.groupCount();
    for (int from = 0; from < groups; from += OUTPUT_ROWS) {
      int count = Math.min(OUTPUT_ROWS, groups - from);
      int[] selection = range(from, count);
      long[] hashes = new long[count];
      for (int i = 0; i < count; i++) {
        hashes[i] = table.hashOf(from + i);
      }
      spill.add(true, stateColumns(selection, count, true), hashes, count);
    }
    clearTable();
  }

  /** Hands the buckets of the open spill, if any, to the pending ones (to be aggregated next). */
  private void finishSpill() {
    if (spill == null) {
      return;
    }
    List<SpillBuckets.Bucket> buckets = spill.finish();
    spilledBytes += spill.bytes();
    spill.close();
    spill = null;
    for (int b = buckets.size() - 1; b >= 0; b--) {
      pending.addFirst(buckets.get(b));
    }
  }

  /** Aggregates one spilled bucket into the (emptied) table, spilling again if it is still too big. */
  private void loadBucket(SpillBuckets.Bucket bucket) {
    clearTable();
    level = bucket.level() + 1;
    try {
      if (bucket.states() != null) {
        readBucketFile(bucket.states(), true);
      }
      if (bucket.raw() != null) {
        readBucketFile(bucket.raw(), false);
      }
    } finally {
      bucket.delete();
    }
    finishSpill();
  }

  private void readBucketFile(dev.sluice.executors.spill.SpillFile file, boolean states) {
    try (SpillBuckets.Reader reader = new SpillBuckets.Reader(file, context)) {
      for (VectorBatch batch = reader.next(); batch != null; batch = reader.next()) {
        context.checkCancelled();
        add(batch.columns(), batch.rowCount(), states);
      }
    }
  }

  private List<ColumnData> stateColumns(int[] selection, int count, boolean states) {
    List<ColumnData> columns = new ArrayList<>(table.keyColumns(selection, count));
    for (GroupAccumulator accumulator : accumulators) {
      if (states) {
        accumulator.states(selection, count, columns);
      } else {
        accumulator.results(selection, count, columns);
      }
    }
    return columns;
  }

  private Batch emit() {
    int count = Math.min(OUTPUT_ROWS, table.groupCount() - emitted);
    int[] selection = range(emitted, count);
    List<ColumnData> columns = stateColumns(selection, count, mode == AggregateMode.PARTIAL);
    emitted += count;
    return outputLayout.write(columns, count, context.allocator());
  }

  private static int[] range(int from, int count) {
    int[] selection = new int[count];
    for (int i = 0; i < count; i++) {
      selection[i] = from + i;
    }
    return selection;
  }

  private void clearTable() {
    table.clear();
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.clear();
    }
    flushRequested = false;
    emitted = 0;
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

  /** How many times a table was spilled (FINAL, COMPLETE). */
  public int spillCount() {
    return spillCount;
  }

  /** Bytes written to spill files. */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** How many times a PARTIAL table was emitted early, over budget. */
  public int flushCount() {
    return flushCount;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    state = State.DONE;
    try {
      if (spill != null) {
        spill.close();
        spill = null;
      }
      while (!pending.isEmpty()) {
        pending.poll().delete();
      }
      clearTable();
    } finally {
      closeInput();
    }
  }
}
