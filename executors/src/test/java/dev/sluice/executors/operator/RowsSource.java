package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A test source: the given rows, encoded batch by batch (as {@link RowBatchWriter} chooses) into
 * batches of {@code batchRows} rows when pulled. Records whether it was closed.
 */
final class RowsSource implements Operator {
  private final List<?> rows;
  private final int batchRows;
  private final BufferAllocator allocator;
  private final OperatorMetrics metrics = new OperatorMetrics("RowsSource");
  private int position;
  private boolean closed;

  RowsSource(List<?> rows, int batchRows, BufferAllocator allocator) {
    this.rows = rows;
    this.batchRows = batchRows;
    this.allocator = allocator;
  }

  @Override
  public Batch next() {
    if (closed || position == rows.size()) {
      return null;
    }
    RowBatchWriter writer = new RowBatchWriter(null, batchRows, allocator);
    while (position < rows.size() && !writer.add(rows.get(position++))) {
      // the writer says when the batch is full
    }
    Batch batch = writer.flush();
    metrics.recordOutput(batch.rowCount());
    return batch;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Every row the operator produces, in order; checks each batch has at most {@code maxRows} rows. */
  static List<Object> drain(Operator operator, int maxRows) {
    List<Object> out = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        if (owned.rowCount() > maxRows || owned.rowCount() == 0) {
          throw new AssertionError("batch of " + owned.rowCount() + " rows, expected 1 to " + maxRows);
        }
        out.addAll(Arrays.asList(Encoders.decoderFor(owned.arrowSchema()).decode(owned)));
      }
    }
    return out;
  }
}
