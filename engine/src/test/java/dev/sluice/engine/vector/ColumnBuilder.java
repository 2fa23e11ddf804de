package dev.sluice.engine.vector;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds columns and batches from Java values (as Literal holds them), for tests. */
final class ColumnBuilder {
  private ColumnBuilder() {}

  /** A column of a type holding {@code values} (nulls where null). */
  static ColumnData column(DataType type, Object... values) {
    int rows = values.length;
    boolean[] nulls = new boolean[rows];
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      nulls[i] = values[i] == null;
      any |= nulls[i];
    }
    boolean[] flags = any ? nulls : null;
    if (type instanceof DataType.Float64) {
      double[] out = new double[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = values[i] == null ? 0 : (Double) values[i];
      }
      return new DoubleData(out, flags, rows);
    }
    if (type instanceof DataType.Bool) {
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = values[i] != null && (Boolean) values[i];
      }
      return new BoolData(out, flags, rows);
    }
    if (type instanceof DataType.Utf8) {
      List<byte[]> encoded = new ArrayList<>();
      int total = 0;
      for (Object value : values) {
        byte[] bytes = value == null ? new byte[0] : ((String) value).getBytes(StandardCharsets.UTF_8);
        encoded.add(bytes);
        total += bytes.length;
      }
      byte[] all = new byte[total];
      int[] offsets = new int[rows + 1];
      for (int i = 0; i < rows; i++) {
        byte[] bytes = encoded.get(i);
        System.arraycopy(bytes, 0, all, offsets[i], bytes.length);
        offsets[i + 1] = offsets[i] + bytes.length;
      }
      return new StringData(all, offsets, flags, rows);
    }
    long[] out = new long[rows];
    for (int i = 0; i < rows; i++) {
      Object value = values[i];
      if (value == null) {
        // Garbage in null slots: kernels must not depend on them.
        out[i] = 0x7777_7777_7777_7777L;
      } else if (value instanceof Integer v) {
        out[i] = v;
      } else if (value instanceof Long v) {
        out[i] = v;
      } else if (value instanceof LocalDate v) {
        out[i] = v.toEpochDay();
      } else {
        out[i] = ((BigDecimal) value).setScale(((DataType.Decimal) type).scale()).unscaledValue().longValueExact();
      }
    }
    return new LongData(type, out, flags, rows);
  }

  /** A batch of the given columns. */
  static VectorBatch batch(List<Field> fields, List<ColumnData> columns) {
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    return new VectorBatch(new Schema(fields), columns, rows);
  }

  /** Row {@code i} of a batch as Java values. */
  static Object[] row(VectorBatch batch, int i) {
    Object[] row = new Object[batch.columns().size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = batch.column(c).getObject(i);
    }
    return row;
  }
}
