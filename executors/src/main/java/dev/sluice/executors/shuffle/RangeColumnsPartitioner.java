package dev.sluice.executors.shuffle;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.SortKeyColumns;
import dev.sluice.executors.columnar.SortKeyEvaluator;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Partitions columnar rows by ranges of their sort-key tuple ({@link Partitioning.RangeColumns}):
 * a row goes to the first partition whose upper bound is not below its key, found by binary search
 * among the bounds, with the order of {@link SortKeyColumns} (the columnar sort's order, so
 * partition {@code i}'s rows all sort before partition {@code i+1}'s). Rows above every bound go to
 * the last range. The bounds (values as {@code Literal} holds them) are converted to the key
 * columns' form once, when the first batch shows the key types.
 */
public final class RangeColumnsPartitioner implements ColumnarPartitioner {
  /** The partitioning. */
  private final Partitioning.RangeColumns range;
  /** Evaluates the key columns of a batch. */
  private final SortKeyEvaluator evaluator;
  /** The bounds in key-column form, built from the first batch's key types. */
  private SortKeyColumns bounds;

  public RangeColumnsPartitioner(Partitioning.RangeColumns range) {
    this.range = requireNonNull(range, "range is null");
    if (range.bounds() == null) {
      throw new IllegalArgumentException("range partitioning " + range.describe()
          + " has no bounds yet; they are sampled before the job that shuffles runs");
    }
    this.evaluator = new SortKeyEvaluator(range.keys());
  }

  @Override
  public int[] partitionsOf(VectorBatch batch) {
    int rows = batch.rowCount();
    int[] partitions = new int[rows];
    int boundCount = range.bounds().size();
    if (boundCount == 0 || rows == 0) {
      return partitions;
    }
    List<ColumnData> columns = evaluator.evaluate(batch);
    if (bounds == null) {
      bounds = boundColumns(columns);
    }
    SortKeyColumns keys = SortKeyColumns.wrap(range.keys(), columns, rows);
    for (int row = 0; row < rows; row++) {
      int low = 0;
      int high = boundCount;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (bounds.compare(middle, keys, row) < 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      partitions[row] = low;
    }
    return partitions;
  }

  /** The bounds as key columns of the same types as the batch's keys. */
  private SortKeyColumns boundColumns(List<ColumnData> like) {
    List<List<Object>> tuples = range.bounds();
    int count = tuples.size();
    List<ColumnData> columns = new ArrayList<>(like.size());
    for (int k = 0; k < like.size(); k++) {
      DataType type = like.get(k).type();
      boolean[] nulls = new boolean[count];
      List<Object> values = new ArrayList<>(count);
      for (List<Object> tuple : tuples) {
        if (tuple.size() != like.size()) {
          throw new EngineException(ErrorCode.INTERNAL, "range bound " + tuple + " has " + tuple.size()
              + " values for " + like.size() + " sort keys; this is a bug");
        }
        values.add(tuple.get(k));
      }
      for (int i = 0; i < count; i++) {
        nulls[i] = values.get(i) == null;
      }
      columns.add(column(k, type, values, nulls));
    }
    return SortKeyColumns.wrap(range.keys(), columns, count);
  }

  private ColumnData column(int k, DataType type, List<Object> values, boolean[] nulls) {
    int count = values.size();
    try {
      if (type instanceof DataType.Utf8) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] offsets = new int[count + 1];
        for (int i = 0; i < count; i++) {
          if (!nulls[i]) {
            bytes.writeBytes(((String) values.get(i)).getBytes(StandardCharsets.UTF_8));
          }
          offsets[i + 1] = bytes.size();
        }
        return new StringData(bytes.toByteArray(), offsets, nulls, count);
      }
      if (type instanceof DataType.Float64) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
          out[i] = nulls[i] ? 0 : ((Number) values.get(i)).doubleValue();
        }
        return new DoubleData(out, nulls, count);
      }
      if (type instanceof DataType.Bool) {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
          out[i] = !nulls[i] && (Boolean) values.get(i);
        }
        return new BoolData(out, nulls, count);
      }
      long[] out = new long[count];
      for (int i = 0; i < count; i++) {
        out[i] = nulls[i] ? 0 : toLong(type, values.get(i));
      }
      return new LongData(type, out, nulls, count);
    } catch (ClassCastException | ArithmeticException e) {
      throw new EngineException(ErrorCode.INTERNAL, "range bounds of sort key " + range.keys().get(k).sql()
          + " do not fit its type " + type.displayName() + ": " + values + "; this is a bug", e);
    }
  }

  private static long toLong(DataType type, Object value) {
    if (type instanceof DataType.Date32) {
      return ((LocalDate) value).toEpochDay();
    }
    if (type instanceof DataType.Decimal decimal) {
      return ((BigDecimal) value).setScale(decimal.scale(), RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }
    return ((Number) value).longValue();
  }
}
