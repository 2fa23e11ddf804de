package dev.sluice.examples.tpch;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Generated TPC-H rows as an Arrow stream, batch by batch, for arrow-dataset's Parquet writer
 * (which pulls from an {@link ArrowReader}): nothing is held beyond one batch.
 */
final class TpchBatchReader<E> extends ArrowReader {
  private final TpchTable<E> table;
  private final Iterator<E> rows;
  private final int batchRows;

  TpchBatchReader(BufferAllocator allocator, TpchTable<E> table, Iterator<E> rows, int batchRows) {
    super(allocator);
    this.table = table;
    this.rows = rows;
    this.batchRows = batchRows;
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    VectorSchemaRoot root = getVectorSchemaRoot();
    List<FieldVector> vectors = root.getFieldVectors();
    List<TpchColumn<E>> columns = table.columns();
    for (FieldVector vector : vectors) {
      vector.allocateNew();
    }
    int count = 0;
    while (count < batchRows && rows.hasNext()) {
      E row = rows.next();
      for (int c = 0; c < columns.size(); c++) {
        set(vectors.get(c), columns.get(c), row, count);
      }
      count++;
    }
    for (FieldVector vector : vectors) {
      vector.setValueCount(count);
    }
    root.setRowCount(count);
    return count > 0;
  }

  private void set(FieldVector vector, TpchColumn<E> column, E row, int index) {
    if (column.stringValue() != null) {
      ((VarCharVector) vector).setSafe(index, column.stringValue().apply(row).getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    long value = column.longValue().applyAsLong(row);
    if (vector instanceof BigIntVector v) {
      v.setSafe(index, value);
    } else if (vector instanceof IntVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(index, (int) value);
    } else {
      ((DecimalVector) vector).setSafe(index, value);
    }
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {}

  @Override
  protected Schema readSchema() {
    return table.schema().toArrow();
  }
}
