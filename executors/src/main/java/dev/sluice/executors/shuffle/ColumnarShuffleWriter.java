package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.ColumnConcat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The columnar path of a shuffle-map task: each input batch is read into columns, a
 * {@link ColumnarPartitioner} gives every row its partition (from the columns, or from the Arrow
 * batch itself on the GPU), the rows of each partition are gathered and buffered, and a
 * partition's buffer is written ({@link PartitionFiles}) once it holds {@code rowsPerPartition}
 * rows, as one Arrow batch. A map output of one partition (a broadcast)
 * takes the input batches as they are.
 *
 * <p>Decimal columns travel with all 128 bits (a partial aggregate's decimal sums may be wider than
 * the 64 bits {@link ArrowColumns} reads): their low words are what partitioners see, and the high
 * words are gathered alongside.
 */
final class ColumnarShuffleWriter {
  /** Gives each row its partition. */
  private final ColumnarPartitioner partitioner;
  /** How many partitions the map output has. */
  private final int partitions;
  /** Where partitions are written. */
  private final PartitionFiles files;
  /** The task's allocator. */
  private final OperatorContext context;
  /** Rows buffered per partition before it is written. */
  private final int rowsPerPartition;
  /** Each partition's buffered pieces. */
  private final List<List<Rows>> buffered;
  /** Rows buffered per partition. */
  private final int[] bufferedRows;

  ColumnarShuffleWriter(ColumnarPartitioner partitioner, int partitions, PartitionFiles files, OperatorContext context,
      int rowsPerPartition) {
    this.partitioner = partitioner;
    this.partitions = partitions;
    this.files = files;
    this.context = context;
    this.rowsPerPartition = rowsPerPartition;
    this.buffered = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      buffered.add(new ArrayList<>());
    }
    this.bufferedRows = new int[partitions];
  }

  /** Writes every row of the input to its partition's file; returns the row count. */
  long write(Operator input) throws IOException {
    long rows = 0;
    while (true) {
      Batch batch = input.next();
      if (batch == null) {
        break;
      }
      int count = batch.rowCount();
      rows += count;
      if (count > 0 && partitions == 1) {
        files.append(0, batch, context);
        context.checkCancelled();
        continue;
      }
      Rows columns = null;
      int[] rowPartitions = null;
      try (batch) {
        context.checkCancelled();
        if (count > 0) {
          columns = Rows.read(batch);
          rowPartitions = partitioner.partitionsOf(batch, columns.view());
        }
      }
      if (columns != null) {
        distribute(columns, rowPartitions);
      }
    }
    for (int p = 0; p < partitions; p++) {
      flush(p);
    }
    return rows;
  }

  private void distribute(Rows columns, int[] rowPartitions) throws IOException {
    int rows = columns.rows;
    int[] starts = new int[partitions + 1];
    for (int i = 0; i < rows; i++) {
      starts[rowPartitions[i] + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      starts[p + 1] += starts[p];
    }
    int[] selection = new int[rows];
    int[] next = starts.clone();
    for (int i = 0; i < rows; i++) {
      selection[next[rowPartitions[i]]++] = i;
    }
    for (int p = 0; p < partitions; p++) {
      int count = starts[p + 1] - starts[p];
      if (count == 0) {
        continue;
      }
      buffered.get(p).add(count == rows ? columns : columns.gather(Arrays.copyOfRange(selection, starts[p],
          starts[p + 1]), count));
      bufferedRows[p] += count;
      if (bufferedRows[p] >= rowsPerPartition) {
        flush(p);
      }
    }
  }

  private void flush(int partition) throws IOException {
    List<Rows> pieces = buffered.get(partition);
    if (pieces.isEmpty()) {
      return;
    }
    Rows all = Rows.concat(pieces);
    pieces.clear();
    bufferedRows[partition] = 0;
    files.append(partition, all.write(context.allocator()), context);
  }

  /** Columns of some rows; a decimal column is its low words plus, beside it, its high words. */
  private static final class Rows {
    private final Schema schema;
    private final ColumnData[] columns;
    /** The high words of each decimal column; null for other columns. */
    private final LongData[] highs;
    private final int rows;

    Rows(Schema schema, ColumnData[] columns, LongData[] highs, int rows) {
      this.schema = schema;
      this.columns = columns;
      this.highs = highs;
      this.rows = rows;
    }

    static Rows read(Batch batch) {
      VectorSchemaRoot root = batch.root();
      int rows = root.getRowCount();
      List<FieldVector> vectors = root.getFieldVectors();
      List<Field> fields = new ArrayList<>(vectors.size());
      ColumnData[] columns = new ColumnData[vectors.size()];
      LongData[] highs = new LongData[vectors.size()];
      for (int c = 0; c < columns.length; c++) {
        FieldVector vector = vectors.get(c);
        if (vector instanceof DecimalVector decimal) {
          DataType type = new DataType.Decimal(decimal.getPrecision(), decimal.getScale());
          long[] low = new long[rows];
          long[] high = new long[rows];
          long address = decimal.getDataBufferAddress();
          for (int i = 0; i < rows; i++) {
            low[i] = MemoryUtil.getLong(address + 16L * i);
            high[i] = MemoryUtil.getLong(address + 16L * i + 8);
          }
          columns[c] = new LongData(type, low, readNulls(decimal, rows), rows);
          highs[c] = new LongData(DataType.INT64, high, null, rows);
        } else {
          columns[c] = ArrowColumns.read(vector, rows);
        }
        fields.add(new Field(vector.getName(), columns[c].type()));
      }
      return new Rows(new Schema(fields), columns, highs, rows);
    }

    private static boolean[] readNulls(FieldVector vector, int rows) {
      if (vector.getNullCount() == 0) {
        return null;
      }
      boolean[] nulls = new boolean[rows];
      ArrowBuf validity = vector.getValidityBuffer();
      for (int i = 0; i < rows; i++) {
        nulls[i] = BitVectorHelper.get(validity, i) == 0;
      }
      return nulls;
    }

    /** The rows as partitioners see them. */
    VectorBatch view() {
      return new VectorBatch(schema, Arrays.asList(columns), rows);
    }

    Rows gather(int[] selection, int count) {
      ColumnData[] gathered = new ColumnData[columns.length];
      LongData[] gatheredHighs = new LongData[columns.length];
      for (int c = 0; c < columns.length; c++) {
        gathered[c] = columns[c].gather(selection, count);
        gatheredHighs[c] = highs[c] == null ? null : highs[c].gather(selection, count);
      }
      return new Rows(schema, gathered, gatheredHighs, count);
    }

    static Rows concat(List<Rows> pieces) {
      if (pieces.size() == 1) {
        return pieces.get(0);
      }
      Rows first = pieces.get(0);
      int rows = 0;
      for (Rows piece : pieces) {
        rows += piece.rows;
      }
      ColumnData[] columns = new ColumnData[first.columns.length];
      LongData[] highs = new LongData[first.columns.length];
      for (int c = 0; c < columns.length; c++) {
        List<ColumnData> parts = new ArrayList<>(pieces.size());
        List<ColumnData> highParts = new ArrayList<>(pieces.size());
        for (Rows piece : pieces) {
          parts.add(piece.columns[c]);
          highParts.add(piece.highs[c]);
        }
        columns[c] = ColumnConcat.concat(parts, rows);
        highs[c] = first.highs[c] == null ? null : (LongData) ColumnConcat.concat(highParts, rows);
      }
      return new Rows(first.schema, columns, highs, rows);
    }

    Batch write(BufferAllocator allocator) {
      List<FieldVector> vectors = new ArrayList<>(columns.length);
      try {
        for (int c = 0; c < columns.length; c++) {
          Field field = schema.fields().get(c);
          vectors.add(highs[c] == null ? ArrowColumns.write(columns[c], field, rows, allocator)
              : writeDecimal((LongData) columns[c], highs[c], field, rows, allocator));
        }
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      return new Batch(new VectorSchemaRoot(schema.toArrow().getFields(), vectors, rows));
    }

    private static FieldVector writeDecimal(LongData low, LongData high, Field field, int rows,
        BufferAllocator allocator) {
      DecimalVector vector = (DecimalVector) field.toArrow().createVector(allocator);
      try {
        vector.allocateNew(rows);
        long[] lows = low.values();
        long[] highs = high.values();
        boolean[] nulls = low.nulls();
        long address = vector.getDataBufferAddress();
        ArrowBuf validity = vector.getValidityBuffer();
        for (int i = 0; i < rows; i++) {
          MemoryUtil.putLong(address + 16L * i, lows[i]);
          MemoryUtil.putLong(address + 16L * i + 8, highs[i]);
          if (nulls == null || !nulls[i]) {
            BitVectorHelper.setBit(validity, i);
          }
        }
        vector.setValueCount(rows);
      } catch (RuntimeException e) {
        vector.close();
        throw e;
      }
      return vector;
    }
  }
}
