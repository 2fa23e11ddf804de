package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An Arrow layout some of whose decimal columns hold full 128-bit values (decimal sums), beyond
 * the 64 bits {@link ArrowColumns} reads decimals in. Inside the aggregation such a column is two
 * int64 {@link LongData} columns, its low words (with the null flags) then its high words; every
 * other column is what {@link ArrowColumns} reads. {@link #write} checks each wide value against
 * its column's precision.
 */
final class WideLayout {
  /** The Arrow columns. */
  private final Schema schema;
  /** Which of them are 128-bit decimals. */
  private final boolean[] wide;

  WideLayout(Schema schema, boolean[] wide) {
    if (wide.length != schema.fields().size()) {
      throw new IllegalArgumentException(wide.length + " wide flags for " + schema.fields().size() + " columns");
    }
    for (int c = 0; c < wide.length; c++) {
      if (wide[c] && !(schema.fields().get(c).type() instanceof DataType.Decimal)) {
        throw new IllegalArgumentException("wide column " + schema.fields().get(c) + " is not a decimal");
      }
    }
    this.schema = schema;
    this.wide = wide.clone();
  }

  /** The columns of a batch in this layout (the batch stays the caller's). */
  List<ColumnData> read(Batch batch) {
    VectorSchemaRoot root = batch.root();
    int rows = root.getRowCount();
    if (root.getFieldVectors().size() != wide.length) {
      throw new EngineException(ErrorCode.INTERNAL, "Aggregate state batch has " + root.getFieldVectors().size()
          + " columns, expected " + schema + " (this is a bug)");
    }
    List<ColumnData> columns = new ArrayList<>(wide.length + 2);
    for (int c = 0; c < wide.length; c++) {
      FieldVector vector = root.getVector(c);
      if (!wide[c]) {
        columns.add(ArrowColumns.read(vector, rows));
        continue;
      }
      long[] low = new long[rows];
      long[] high = new long[rows];
      long address = vector.getDataBufferAddress();
      for (int i = 0; i < rows; i++) {
        low[i] = MemoryUtil.getLong(address + 16L * i);
        high[i] = MemoryUtil.getLong(address + 16L * i + 8);
      }
      columns.add(new LongData(DataType.INT64, low, readNulls(vector, rows), rows));
      columns.add(new LongData(DataType.INT64, high, null, rows));
    }
    return columns;
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

  /** A new batch (the caller's) of {@code rows} rows from columns in the internal form. */
  Batch write(List<ColumnData> columns, int rows, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(wide.length);
    try {
      int next = 0;
      for (int c = 0; c < wide.length; c++) {
        Field field = schema.fields().get(c);
        if (wide[c]) {
          vectors.add(writeWide((LongData) columns.get(next), (LongData) columns.get(next + 1), field, rows,
              allocator));
          next += 2;
        } else {
          vectors.add(ArrowColumns.write(columns.get(next++), field, rows, allocator));
        }
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(new VectorSchemaRoot(schema.toArrow().getFields(), vectors, rows));
  }

  private static FieldVector writeWide(LongData low, LongData high, Field field, int rows, BufferAllocator allocator) {
    int precision = ((DataType.Decimal) field.type()).precision();
    DecimalVector vector = (DecimalVector) field.toArrow().createVector(allocator);
    try {
      vector.allocateNew(rows);
      long[] lows = low.values();
      long[] highs = high.values();
      boolean[] nulls = low.nulls();
      long address = vector.getDataBufferAddress();
      ArrowBuf validity = vector.getValidityBuffer();
      validity.setZero(0, validity.capacity());
      for (int i = 0; i < rows; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        if (!Int128.fitsPrecision(lows[i], highs[i], precision)) {
          throw new EngineException(ErrorCode.NUMERIC_OVERFLOW, "Aggregate column '" + field.name() + "' ("
              + field.type().displayName() + ") overflows: the value " + Int128.toBigInteger(lows[i], highs[i])
              + " (unscaled) has more than " + precision + " digits");
        }
        MemoryUtil.putLong(address + 16L * i, lows[i]);
        MemoryUtil.putLong(address + 16L * i + 8, highs[i]);
        BitVectorHelper.setBit(validity, i);
      }
      vector.setValueCount(rows);
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    return vector;
  }
}
