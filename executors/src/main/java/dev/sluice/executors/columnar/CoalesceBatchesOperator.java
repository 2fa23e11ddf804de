package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.CoalesceBatchesExec;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The host side of a host-to-GPU transition ({@link CoalesceBatchesExec}): concatenates its input's
 * Arrow batches, in order, into batches of {@code targetRows} rows, so that the GPU operator above
 * launches its kernels over many rows at once. Rows are copied by {@link ArrowGather} (every column
 * type of the columnar path, nulls included).
 *
 * <p>Rules: a batch arriving while nothing is buffered and already holding at least
 * {@code targetRows} rows passes through as it is, without a copy. Otherwise its rows are buffered,
 * and as soon as {@code targetRows} rows are buffered exactly that many are copied into one output
 * batch; a buffered batch may so be split between two outputs. At the end the rows left make one
 * last, smaller batch. So every output holds at most {@code max(targetRows, largest input batch)}
 * rows and all but the last at least {@code targetRows}. Empty batches are dropped; no input rows
 * give no output. An input batch is closed as soon as all its rows were copied.
 */
public final class CoalesceBatchesOperator implements Operator {
  /** A buffered input batch and its first row not yet copied. */
  private static final class Piece {
    final Batch batch;
    int from;

    Piece(Batch batch) {
      this.batch = batch;
    }

    int remaining() {
      return batch.rowCount() - from;
    }
  }

  private final int targetRows;
  private final Operator input;
  private final OperatorContext context;
  private final OperatorMetrics metrics = new OperatorMetrics("CoalesceBatches");
  /** Buffered batches, oldest first; the first may be partly copied already. */
  private final Deque<Piece> pending = new ArrayDeque<>();
  /** Rows buffered and not yet copied. */
  private long pendingRows;
  private boolean inputDone;
  private boolean inputClosed;
  private boolean closed;

  public CoalesceBatchesOperator(CoalesceBatchesExec node, Operator child, OperatorContext context) {
    this(requireNonNull(node, "node is null").targetRows(), child, context);
  }

  public CoalesceBatchesOperator(int targetRows, Operator child, OperatorContext context) {
    if (targetRows < 1) {
      throw new IllegalArgumentException("targetRows must be at least 1, got " + targetRows);
    }
    this.targetRows = targetRows;
    this.input = requireNonNull(child, "child is null");
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Batch next() {
    while (!closed) {
      if (pendingRows >= targetRows) {
        return emit(targetRows);
      }
      if (inputDone) {
        return pendingRows > 0 ? emit((int) pendingRows) : null;
      }
      context.checkCancelled();
      Batch batch = input.next();
      if (batch == null) {
        inputDone = true;
        closeInput();
        continue;
      }
      int rows = batch.rowCount();
      if (rows == 0) {
        batch.close();
        continue;
      }
      if (pendingRows == 0 && rows >= targetRows) {
        metrics.recordOutput(rows);
        return batch;
      }
      pending.add(new Piece(batch));
      pendingRows += rows;
    }
    return null;
  }

  /** A new batch of the first {@code count} buffered rows; closes the input batches fully copied. */
  private Batch emit(int count) {
    long start = System.nanoTime();
    int pieces = 0;
    int covered = 0;
    for (Piece piece : pending) {
      if (covered >= count) {
        break;
      }
      covered += piece.remaining();
      pieces++;
    }
    ArrowGather.Source[] sources = new ArrowGather.Source[pieces];
    int[] sourceOf = new int[count];
    int[] rowOf = new int[count];
    int position = 0;
    int index = 0;
    for (Piece piece : pending) {
      if (index == pieces) {
        break;
      }
      sources[index] = new ArrowGather.Source(piece.batch);
      int take = Math.min(piece.remaining(), count - position);
      for (int i = 0; i < take; i++) {
        sourceOf[position + i] = index;
        rowOf[position + i] = piece.from + i;
      }
      position += take;
      index++;
    }
    Batch out = ArrowGather.gather(sources, sourceOf, rowOf, count, context.allocator());
    int left = count;
    while (left > 0) {
      Piece head = pending.peek();
      int take = Math.min(head.remaining(), left);
      head.from += take;
      left -= take;
      if (head.remaining() == 0) {
        pending.poll().batch.close();
      }
    }
    pendingRows -= count;
    metrics.addNanos(System.nanoTime() - start);
    metrics.recordOutput(count);
    return out;
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closed = true;
    try {
      while (!pending.isEmpty()) {
        pending.poll().batch.close();
      }
      pendingRows = 0;
    } finally {
      closeInput();
    }
  }
}
