package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.exec.OperatorContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The output side of an operator that produces Java objects: encodes rows into batches of up to
 * {@code batchRows} rows and queues full batches until the operator hands them on. Closing it
 * frees whatever was not handed on.
 */
final class EncodedRows implements AutoCloseable {
  private final RowBatchWriter writer;
  private final Deque<Batch> ready = new ArrayDeque<>();

  /**
   * @param rowClass the expected class of the rows, or Object.class when unknown
   * @param context the task's allocator and batch size
   */
  EncodedRows(Class<?> rowClass, OperatorContext context) {
    this.writer = new RowBatchWriter(rowClass, context.batchRows(), context.allocator());
  }

  /** Adds a row; a batch becomes ready when it is full. */
  void add(Object row) {
    if (writer.add(row)) {
      ready.add(writer.flush());
    }
  }

  /** Makes the last, partly filled batch ready: no more rows will come. */
  void finish() {
    Batch last = writer.flush();
    if (last != null) {
      ready.add(last);
    }
  }

  /**
   * Adds rows from {@code rows} until a batch is ready or they run out; when they run out, makes the
   * last batch ready too and returns true (no more rows will come). Checks for cancellation once per
   * batch.
   */
  boolean fill(Iterator<?> rows, OperatorContext context) {
    while (!hasReady() && rows.hasNext()) {
      context.checkCancelled();
      for (int i = 0; i < context.batchRows() && rows.hasNext(); i++) {
        add(rows.next());
      }
    }
    if (hasReady()) {
      return false;
    }
    finish();
    return true;
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  /** The oldest ready batch (now owned by the caller), or null. */
  Batch poll() {
    return ready.poll();
  }

  @Override
  public void close() {
    ready.forEach(Batch::close);
    ready.clear();
    Batch pending = writer.flush();
    if (pending != null) {
      pending.close();
    }
  }
}
