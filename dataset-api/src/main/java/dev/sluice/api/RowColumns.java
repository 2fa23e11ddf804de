package dev.sluice.api;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
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
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Converts between driver-side {@link Row}s and Arrow columns: the rows of
 * {@code createDataFrame} become a {@link LocalRelation} (checked against the schema now, so a
 * wrong value fails at the call), and the Arrow IPC answers of a collect become rows again.
 */
final class RowColumns {
  private RowColumns() {}

  /**
   * The rows as a local relation of {@code partitions} consecutive slices (partition {@code i}
   * holds rows {@code [i*n/p, (i+1)*n/p)}, as {@code parallelize}), in batches of at most
   * {@code batchRows} rows.
   */
  static LocalRelation encode(List<Row> rows, Schema schema, int partitions, int batchRows, BufferAllocator root) {
    List<byte[]> encoded = new ArrayList<>(partitions);
    int n = rows.size();
    try (BufferAllocator allocator = root.newChildAllocator("createDataFrame", 0, Long.MAX_VALUE)) {
      for (int p = 0; p < partitions; p++) {
        int from = (int) ((long) n * p / partitions);
        int to = (int) ((long) n * (p + 1) / partitions);
        List<Batch> batches = new ArrayList<>();
        try {
          for (int start = from; start < to; start += batchRows) {
            int end = Math.min(to, start + batchRows);
            batches.add(ArrowColumns.write(columns(rows, start, end, schema), allocator));
          }
          encoded.add(BatchCodec.encode(batches, allocator));
        } finally {
          batches.forEach(Batch::close);
        }
      }
    }
    return new LocalRelation(schema, encoded);
  }

  private static VectorBatch columns(List<Row> rows, int from, int to, Schema schema) {
    int count = to - from;
    List<ColumnData> columns = new ArrayList<>(schema.fields().size());
    for (int c = 0; c < schema.fields().size(); c++) {
      Field field = schema.fields().get(c);
      DataType type = field.type();
      boolean[] nulls = new boolean[count];
      boolean anyNull = false;
      Object[] values = new Object[count];
      for (int i = 0; i < count; i++) {
        Row row = rows.get(from + i);
        if (row == null) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Row " + (from + i) + " is null");
        }
        if (row.size() != schema.fields().size()) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Row " + (from + i) + " " + row + " has "
              + row.size() + " values but the schema " + schema + " has " + schema.fields().size() + " columns");
        }
        values[i] = convert(row.get(c), field, from + i);
        nulls[i] = values[i] == null;
        anyNull |= nulls[i];
      }
      columns.add(column(type, values, anyNull ? nulls : null, count));
    }
    return new VectorBatch(schema, columns, count);
  }

  private static ColumnData column(DataType type, Object[] values, boolean[] nulls, int count) {
    if (type instanceof DataType.Float64) {
      double[] doubles = new double[count];
      for (int i = 0; i < count; i++) {
        doubles[i] = values[i] == null ? 0 : (Double) values[i];
      }
      return new DoubleData(doubles, nulls, count);
    }
    if (type instanceof DataType.Bool) {
      boolean[] booleans = new boolean[count];
      for (int i = 0; i < count; i++) {
        booleans[i] = values[i] != null && (Boolean) values[i];
      }
      return new BoolData(booleans, nulls, count);
    }
    if (type instanceof DataType.Utf8) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int[] offsets = new int[count + 1];
      for (int i = 0; i < count; i++) {
        if (values[i] != null) {
          bytes.writeBytes(((String) values[i]).getBytes(StandardCharsets.UTF_8));
        }
        offsets[i + 1] = bytes.size();
      }
      return new StringData(bytes.toByteArray(), offsets, nulls, count);
    }
    long[] longs = new long[count];
    for (int i = 0; i < count; i++) {
      longs[i] = values[i] == null ? 0 : (Long) values[i];
    }
    return new LongData(type, longs, nulls, count);
  }

  /**
   * A row value in the form its column is built from: a Long for int32, int64, date32 (epoch days)
   * and decimal (unscaled), a Double, Boolean or String otherwise; null stays null.
   */
  private static Object convert(Object value, Field field, int row) {
    if (value == null) {
      return null;
    }
    DataType type = field.type();
    if (type instanceof DataType.Int32 && (value instanceof Integer || value instanceof Short
        || value instanceof Byte)) {
      return ((Number) value).longValue();
    }
    if (type instanceof DataType.Int64 && (value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte)) {
      return ((Number) value).longValue();
    }
    if (type instanceof DataType.Float64 && (value instanceof Double || value instanceof Float
        || value instanceof Integer || value instanceof Long)) {
      return ((Number) value).doubleValue();
    }
    if (type instanceof DataType.Bool && value instanceof Boolean) {
      return value;
    }
    if (type instanceof DataType.Utf8 && value instanceof String) {
      return value;
    }
    if (type instanceof DataType.Date32 && (value instanceof LocalDate || value instanceof java.sql.Date)) {
      LocalDate date = value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
      long day = date.toEpochDay();
      if (day != (int) day) {
        throw badValue(value, field, row, "a date within the int32 day range");
      }
      return day;
    }
    if (type instanceof DataType.Decimal d && (value instanceof BigDecimal || value instanceof Integer
        || value instanceof Long)) {
      BigDecimal decimal = value instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) value).longValue());
      BigDecimal scaled = decimal.setScale(d.scale(), RoundingMode.HALF_UP);
      if (scaled.precision() > d.precision()) {
        throw badValue(value, field, row, "at most " + (d.precision() - d.scale()) + " digits before the point");
      }
      if (scaled.unscaledValue().bitLength() > 63) {
        throw new EngineException(ErrorCode.NUMERIC_OVERFLOW, "Row " + row + ", column '" + field.name() + "' ("
            + type.displayName() + "): " + value + " has more than the 18 significant digits the columnar path "
            + "computes decimals in");
      }
      return scaled.unscaledValue().longValue();
    }
    if (type instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "Column '" + field.name()
          + "' is binary, which the DataFrame path does not support");
    }
    throw badValue(value, field, row, "a " + javaName(type));
  }

  private static EngineException badValue(Object value, Field field, int row, String expected) {
    return new EngineException(ErrorCode.INVALID_ARGUMENT, "Row " + row + ", column '" + field.name() + "' ("
        + field.type().displayName() + "): expected " + expected + ", got " + value.getClass().getSimpleName()
        + " " + value);
  }

  private static String javaName(DataType type) {
    if (type instanceof DataType.Int32) {
      return "Integer";
    }
    if (type instanceof DataType.Int64) {
      return "Long (or Integer)";
    }
    if (type instanceof DataType.Float64) {
      return "Double";
    }
    if (type instanceof DataType.Bool) {
      return "Boolean";
    }
    if (type instanceof DataType.Utf8) {
      return "String";
    }
    if (type instanceof DataType.Date32) {
      return "LocalDate";
    }
    return "BigDecimal";
  }

  /** The rows of collect answers (Arrow IPC, one per partition), in partition order. */
  static List<Row> decode(List<byte[]> answers, Schema schema, BufferAllocator root) {
    List<Row> rows = new ArrayList<>();
    try (BufferAllocator allocator = root.newChildAllocator("collect", 0, Long.MAX_VALUE)) {
      for (byte[] answer : answers) {
        List<Batch> batches = BatchCodec.decode(answer, allocator);
        try {
          for (Batch batch : batches) {
            VectorBatch columns = ArrowColumns.read(batch);
            int width = columns.columns().size();
            for (int r = 0; r < columns.rowCount(); r++) {
              Object[] values = new Object[width];
              for (int c = 0; c < width; c++) {
                values[c] = columns.column(c).getObject(r);
              }
              rows.add(new Row(values, schema));
            }
          }
        } finally {
          batches.forEach(Batch::close);
        }
      }
    }
    return rows;
  }

  /**
   * The rows of collect answers, decoded one answer at a time as the iterator advances: only one
   * partition's columns are on the heap at once, and no Arrow memory is held between calls (each
   * answer's batches are read into Java arrays and closed at once), so an abandoned iterator leaks
   * nothing. A row's values become objects only when it is asked for them (lazy {@link Row}).
   */
  static Iterator<Row> iterate(List<byte[]> answers, Schema schema, BufferAllocator root) {
    return new Iterator<>() {
      private int answer;
      private final java.util.ArrayDeque<VectorBatch> pending = new java.util.ArrayDeque<>();
      private int row;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() || row >= pending.peekFirst().rowCount()) {
          if (!pending.isEmpty()) {
            pending.pollFirst();
            row = 0;
            continue;
          }
          if (answer >= answers.size()) {
            return false;
          }
          byte[] bytes = answers.get(answer);
          answers.set(answer++, null);
          try (BufferAllocator allocator = root.newChildAllocator("collect", 0, Long.MAX_VALUE)) {
            List<Batch> batches = BatchCodec.decode(bytes, allocator);
            try {
              for (Batch batch : batches) {
                pending.add(ArrowColumns.read(batch));
              }
            } finally {
              batches.forEach(Batch::close);
            }
          }
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return new Row(pending.peekFirst(), row++, schema);
      }
    };
  }
}
