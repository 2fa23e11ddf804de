package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of an operator's batches as Java objects, for code that needs objects: user functions
 * and row sinks. Each batch is decoded (by its own schema metadata) and closed before its rows are
 * handed out, so at most one batch of objects is alive at a time.
 */
public final class RowIterator implements Iterator<Object> {
  private final Operator input;
  private final OperatorContext context;
  private Object[] rows = new Object[0];
  private int position;
  private boolean exhausted;

  public RowIterator(Operator input, OperatorContext context) {
    this.input = input;
    this.context = context;
  }

  @Override
  public boolean hasNext() {
    while (position == rows.length && !exhausted) {
      Object[] next = RowBatches.next(input, context);
      if (next == null) {
        exhausted = true;
        rows = new Object[0];
      } else {
        rows = next;
      }
      position = 0;
    }
    return position < rows.length;
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object row = rows[position];
    rows[position++] = null;
    return row;
  }
}
