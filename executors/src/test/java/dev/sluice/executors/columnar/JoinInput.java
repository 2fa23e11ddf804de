package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A test input of a join: rows of Java values (Long, Integer, Double, Boolean, String, LocalDate,
 * BigDecimal or null) handed out as Arrow batches of {@code batchRows} rows, built when pulled.
 * Records whether it was closed and refuses to be read after.
 */
final class JoinInput implements Operator {
  private final Schema schema;
  private final List<Object[]> rows;
  private final int batchRows;
  private final BufferAllocator allocator;
  private final OperatorMetrics metrics = new OperatorMetrics("JoinInput");
  private int position;
  private boolean closed;

  JoinInput(Schema schema, List<Object[]> rows, int batchRows, BufferAllocator allocator) {
    this.schema = schema;
    this.rows = rows;
    this.batchRows = batchRows;
    this.allocator = allocator;
  }

  @Override
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("JoinInput read after close");
    }
    if (position == rows.size()) {
      return null;
    }
    int count = Math.min(batchRows, rows.size() - position);
    List<ColumnData> columns = new ArrayList<>();
    for (int c = 0; c < schema.fields().size(); c++) {
      List<Object> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(rows.get(position + i)[c]);
      }
      columns.add(column(schema.fields().get(c).type(), values));
    }
    position += count;
    metrics.recordOutput(count);
    return ArrowColumns.write(new VectorBatch(schema, columns, count), allocator);
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

  /** A column of Java values. */
  static ColumnData column(DataType type, List<Object> values) {
    int count = values.size();
    boolean[] nulls = new boolean[count];
    boolean anyNull = false;
    for (int i = 0; i < count; i++) {
      nulls[i] = values.get(i) == null;
      anyNull |= nulls[i];
    }
    boolean[] nullFlags = anyNull ? nulls : null;
    if (type instanceof DataType.Float64) {
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = values.get(i) == null ? 0 : (Double) values.get(i);
      }
      return new DoubleData(out, nullFlags, count);
    }
    if (type instanceof DataType.Bool) {
      boolean[] out = new boolean[count];
      for (int i = 0; i < count; i++) {
        out[i] = values.get(i) != null && (Boolean) values.get(i);
      }
      return new BoolData(out, nullFlags, count);
    }
    if (type instanceof DataType.Utf8) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int[] offsets = new int[count + 1];
      for (int i = 0; i < count; i++) {
        if (values.get(i) != null) {
          bytes.writeBytes(((String) values.get(i)).getBytes(StandardCharsets.UTF_8));
        }
        offsets[i + 1] = bytes.size();
      }
      return new StringData(bytes.toByteArray(), offsets, nullFlags, count);
    }
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      Object value = values.get(i);
      if (value instanceof LocalDate date) {
        out[i] = date.toEpochDay();
      } else if (value instanceof BigDecimal decimal) {
        out[i] = decimal.setScale(((DataType.Decimal) type).scale()).unscaledValue().longValueExact();
      } else if (value != null) {
        out[i] = ((Number) value).longValue();
      }
    }
    return new LongData(type, out, nullFlags, count);
  }
}
