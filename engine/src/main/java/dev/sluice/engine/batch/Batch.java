package dev.sluice.engine.batch;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The one unit of data between operators, tasks and stages: a set of equal-length Arrow columns.
 *
 * <p>A batch owns its {@link VectorSchemaRoot} and so its buffers. Whoever holds a batch closes it
 * exactly once; handing a batch to another operator hands over that duty. A batch is never reused
 * after it was handed on. Operators that only read a batch close it as soon as they are done, so
 * memory is freed early.
 */
public final class Batch implements AutoCloseable {
  private final VectorSchemaRoot root;
  private boolean closed;

  public Batch(VectorSchemaRoot root) {
    this.root = requireNonNull(root, "root is null");
  }

  /** The Arrow columns; valid until {@link #close()}. */
  public VectorSchemaRoot root() {
    return root;
  }

  public int rowCount() {
    return root.getRowCount();
  }

  /** Bytes held by this batch's buffers. */
  public long sizeInBytes() {
    long size = 0;
    for (var vector : root.getFieldVectors()) {
      size += vector.getBufferSize();
    }
    return size;
  }

  public org.apache.arrow.vector.types.pojo.Schema arrowSchema() {
    return root.getSchema();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      root.close();
    }
  }

  @Override
  public String toString() {
    return "Batch[" + root.getRowCount() + " rows, " + root.getSchema().getFields() + "]";
  }
}
