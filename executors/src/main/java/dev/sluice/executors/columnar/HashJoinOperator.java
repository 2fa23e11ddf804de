package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.Arrays;

/**
 * The columnar hash join of {@link HashJoinExec}: every join type with either build side (the
 * rows each combination outputs are tabled in {@link JoinSpec}).
 *
 * <p>Build: the build input is drained into a {@link JoinTable} (columns concatenated into plain
 * arrays, a chained index over {@link dev.sluice.engine.vector.ColumnHash} row hashes; keys that
 * are columns are not copied twice, computed keys are evaluated once per batch). Probe: the other
 * input streams through it batch by batch ({@link BucketJoin}, {@link JoinProbe}): candidate pairs
 * by hash and per-type key equality, the residual evaluated on the candidates of a chunk, output
 * columns gathered left then right. Output batches hold at most {@code batchRows} rows, so a key
 * with a huge fan-out comes out as several batches.
 *
 * <p>Memory: when the build table grows beyond {@link OperatorContext#memoryBudgetBytes()}, the
 * join becomes a grace hash join: the rows so far and the rest of the build input, then the whole
 * probe input, are distributed by key hash over {@value JoinSpill#PARTITIONS} spill files per side
 * (Arrow IPC, {@link JoinSpill}), and the partitions are joined pair by pair. A partition whose
 * build rows still exceed the budget (skew) is joined in budget-sized chunks, each against its
 * probe file read again, so the join never holds much more than the budget.
 *
 * <p>States: BUILD (the first {@link #next()} drains the build input, closing it; when spilling,
 * the probe input too) → JOIN (one {@link BucketJoin}, or one per partition) → DONE.
 * {@link #close()} frees everything, deletes the spill files and closes both inputs.
 */
public final class HashJoinOperator implements Operator {
  private enum State { BUILD, JOIN, DONE }

  private final OperatorContext context;
  private final JoinSpec spec;
  private final OperatorSource build;
  private final OperatorSource probe;
  private final OperatorMetrics metrics = new OperatorMetrics("HashJoin");
  private State state = State.BUILD;
  /** The join running now. */
  private BucketJoin current;
  /** Set once the build side spilled. */
  private JoinSpill buildSpill;
  private JoinSpill probeSpill;
  /** The next spill partition to join. */
  private int nextPartition;
  /** The most table chunks one partition needed (1: every partition fit in the budget). */
  private long maxChunks;

  public HashJoinOperator(HashJoinExec node, Operator left, Operator right, OperatorContext context) {
    requireNonNull(node, "node is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    this.context = requireNonNull(context, "context is null");
    this.spec = new JoinSpec(node, context.batchRows());
    this.build = new OperatorSource(spec.buildIsLeft ? left : right);
    this.probe = new OperatorSource(spec.buildIsLeft ? right : left);
  }

  @Override
  public Batch next() {
    long start = System.nanoTime();
    long inputNanos = build.nanos + probe.nanos;
    try {
      if (state == State.BUILD) {
        buildSide();
      }
      while (state == State.JOIN) {
        VectorBatch out = current.next();
        if (out != null) {
          Batch batch = ArrowColumns.write(out, context.allocator());
          metrics.recordOutput(batch.rowCount());
          return batch;
        }
        maxChunks = Math.max(maxChunks, current.buildChunks());
        current.close();
        current = null;
        if (buildSpill == null || !nextPartition()) {
          state = State.DONE;
        }
      }
      return null;
    } finally {
      metrics.addNanos(System.nanoTime() - start - (build.nanos + probe.nanos - inputNanos));
    }
  }

  private void buildSide() {
    long budget = context.memoryBudgetBytes();
    JoinTable table = null;
    for (VectorBatch batch = build.next(); batch != null; batch = build.next()) {
      ColumnData[] keys = spec.buildKeys.evaluate(batch);
      long[] hashes = JoinKeys.hash(keys, batch.rowCount());
      if (buildSpill != null) {
        buildSpill.add(batch, hashes, JoinKeys.nullRows(keys, batch.rowCount()));
        continue;
      }
      if (table == null) {
        table = new JoinTable(batch.schema(), spec.buildKeys);
      }
      table.append(batch, keys, hashes);
      if (table.sizeInBytes() > budget) {
        spill(table);
        table = null;
      }
    }
    build.close();
    if (buildSpill == null) {
      if (table == null) {
        table = JoinTable.empty(spec.buildKeys);
      } else {
        table.finish(spec.tracksBuild());
      }
      current = new BucketJoin(spec, budget, table, null, () -> probe);
      state = State.JOIN;
      return;
    }
    buildSpill.finish();
    probeSpill = new JoinSpill(context, "HashJoin-probe", spec.probeRowsWithoutBuild());
    for (VectorBatch batch = probe.next(); batch != null; batch = probe.next()) {
      ColumnData[] keys = spec.probeKeys.evaluate(batch);
      probeSpill.add(batch, JoinKeys.hash(keys, batch.rowCount()), JoinKeys.nullRows(keys, batch.rowCount()));
    }
    probe.close();
    probeSpill.finish();
    state = nextPartition() ? State.JOIN : State.DONE;
  }

  /** Moves the rows of the table to the build side's spill files, a batch's worth at a time. */
  private void spill(JoinTable table) {
    buildSpill = new JoinSpill(context, "HashJoin-build", spec.buildRowsWithoutProbe());
    VectorBatch contents = table.contents();
    boolean[] nullKeys = JoinKeys.nullRows(table.keyContents(), table.rows());
    long[] hashes = table.hashes();
    int slice = context.batchRows();
    for (int from = 0; from < table.rows(); from += slice) {
      int count = Math.min(slice, table.rows() - from);
      int[] selection = new int[count];
      for (int i = 0; i < count; i++) {
        selection[i] = from + i;
      }
      buildSpill.add(contents.gather(selection, count), Arrays.copyOfRange(hashes, from, from + count),
          nullKeys == null ? null : Arrays.copyOfRange(nullKeys, from, from + count));
    }
  }

  /** Starts the join of the next spill partition that can output rows; false when none is left. */
  private boolean nextPartition() {
    while (nextPartition < JoinSpill.PARTITIONS) {
      context.checkCancelled();
      int partition = nextPartition++;
      if (partition > 0) {
        buildSpill.delete(partition - 1);
        probeSpill.delete(partition - 1);
      }
      long buildRows = buildSpill.rows(partition);
      long probeRows = probeSpill.rows(partition);
      boolean output = (buildRows > 0 && probeRows > 0)
          || (buildRows > 0 && spec.buildRowsWithoutProbe())
          || (probeRows > 0 && spec.probeRowsWithoutBuild());
      if (output) {
        current = new BucketJoin(spec, context.memoryBudgetBytes(), null, buildSpill.open(partition),
            () -> probeSpill.open(partition));
        return true;
      }
    }
    return false;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Rows read from the build input. */
  long buildRowsIn() {
    return build.rows;
  }

  /** Rows read from the probe input. */
  long probeRowsIn() {
    return probe.rows;
  }

  /** Bytes written to spill files (0 when the build side fit in memory). */
  long spilledBytes() {
    return (buildSpill == null ? 0 : buildSpill.bytesWritten()) + (probeSpill == null ? 0 : probeSpill.bytesWritten());
  }

  /** The most build chunks one join needed (above 1: a partition was joined in several passes). */
  long maxBuildChunks() {
    return current == null ? maxChunks : Math.max(maxChunks, current.buildChunks());
  }

  @Override
  public void close() {
    state = State.DONE;
    try {
      if (current != null) {
        current.close();
        current = null;
      }
      if (buildSpill != null) {
        buildSpill.close();
      }
      if (probeSpill != null) {
        probeSpill.close();
      }
    } finally {
      try {
        build.close();
      } finally {
        probe.close();
      }
    }
  }

  /** An input operator's batches as columns; closes the input once exhausted. */
  private final class OperatorSource implements BatchSource {
    private final Operator input;
    private boolean closed;
    /** Rows read and time spent in the input's {@code next()}. */
    private long rows;
    private long nanos;

    OperatorSource(Operator input) {
      this.input = input;
    }

    @Override
    public VectorBatch next() {
      while (!closed) {
        context.checkCancelled();
        long start = System.nanoTime();
        Batch batch = input.next();
        nanos += System.nanoTime() - start;
        if (batch == null) {
          close();
          return null;
        }
        try (batch) {
          if (batch.rowCount() > 0) {
            rows += batch.rowCount();
            return ArrowColumns.read(batch);
          }
        }
      }
      return null;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        input.close();
      }
    }
  }
}
