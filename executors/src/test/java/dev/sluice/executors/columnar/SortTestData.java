package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.SortKey;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Test rows for the columnar sort: random rows of every key type (with nulls, duplicates, NaN,
 * -0.0, non-ASCII strings), their Arrow batches, an operator handing those out, and an
 * independent reference order written with plain Java comparisons.
 */
final class SortTestData {
  /** Columns: id, i64, i32, str, dec, day, dbl, flag. */
  static final Schema SCHEMA = new Schema(List.of(
      new Field("id", DataType.INT64),
      new Field("i64", DataType.INT64),
      new Field("i32", DataType.INT32),
      new Field("str", DataType.UTF8),
      new Field("dec", DataType.decimal(12, 2)),
      new Field("day", DataType.DATE32),
      new Field("dbl", DataType.FLOAT64),
      new Field("flag", DataType.BOOLEAN)));

  private static final String[] WORDS = {"", "a", "ab", "abc", "abcdefgh", "abcdefghi", "abcdefgh\u0000", "zz",
      "\u00e9t\u00e9", "\uffff", "\ud83d\ude00", "b", "B", "abcdefgg~"};
  private static final double[] DOUBLES = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY, -1.5, 1.5, Double.MIN_VALUE, -Double.MAX_VALUE};

  private SortTestData() {}

  /** Random rows; {@code distinct} bounds the number of distinct values per column (duplicates). */
  static List<Object[]> rows(int count, long seed, int distinct, double nullRate) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[8];
      row[0] = (long) i;
      row[1] = nullable(random, nullRate, () -> random.nextInt(3) == 0
          ? random.nextLong() : (long) random.nextInt(distinct) - distinct / 2);
      row[2] = nullable(random, nullRate, () -> random.nextInt(distinct) - distinct / 2);
      row[3] = nullable(random, nullRate, () -> random.nextInt(4) == 0
          ? WORDS[random.nextInt(WORDS.length)] : "w" + random.nextInt(distinct));
      row[4] = nullable(random, nullRate, () -> BigDecimal.valueOf(random.nextInt(distinct * 100) - distinct * 20, 2));
      row[5] = nullable(random, nullRate, () -> LocalDate.ofEpochDay(random.nextInt(distinct) - 100));
      row[6] = nullable(random, nullRate, () -> random.nextInt(5) == 0
          ? DOUBLES[random.nextInt(DOUBLES.length)] : (random.nextInt(distinct) - distinct / 2) / 4.0);
      row[7] = nullable(random, nullRate, random::nextBoolean);
      rows.add(row);
    }
    return rows;
  }

  private static Object nullable(Random random, double nullRate, java.util.function.Supplier<Object> value) {
    return random.nextDouble() < nullRate ? null : value.get();
  }

  /** The rows as Arrow batches of the given sizes, cycling through them. */
  static List<Batch> batches(List<Object[]> rows, BufferAllocator allocator, int... sizes) {
    List<Batch> out = new ArrayList<>();
    int at = 0;
    int s = 0;
    while (at < rows.size()) {
      int size = Math.min(sizes[s++ % sizes.length], rows.size() - at);
      out.add(ArrowColumns.write(vectorBatch(rows.subList(at, at + size)), allocator));
      at += size;
    }
    return out;
  }

  static VectorBatch vectorBatch(List<Object[]> rows) {
    List<ColumnData> columns = new ArrayList<>();
    for (int c = 0; c < SCHEMA.fields().size(); c++) {
      columns.add(column(SCHEMA.fields().get(c).type(), rows, c));
    }
    return new VectorBatch(SCHEMA, columns, rows.size());
  }

  static ColumnData column(DataType type, List<Object[]> rows, int c) {
    int n = rows.size();
    boolean[] nulls = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      nulls[i] = rows.get(i)[c] == null;
      any |= nulls[i];
    }
    boolean[] flags = any ? nulls : null;
    if (type instanceof DataType.Utf8) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int[] offsets = new int[n + 1];
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          bytes.writeBytes(((String) rows.get(i)[c]).getBytes(StandardCharsets.UTF_8));
        }
        offsets[i + 1] = bytes.size();
      }
      return new StringData(bytes.toByteArray(), offsets, flags, n);
    }
    if (type instanceof DataType.Float64) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = nulls[i] ? 0 : (Double) rows.get(i)[c];
      }
      return new DoubleData(values, flags, n);
    }
    if (type instanceof DataType.Bool) {
      boolean[] values = new boolean[n];
      for (int i = 0; i < n; i++) {
        values[i] = !nulls[i] && (Boolean) rows.get(i)[c];
      }
      return new BoolData(values, flags, n);
    }
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      Object value = rows.get(i)[c];
      values[i] = nulls[i] ? 0 : value instanceof LocalDate day ? day.toEpochDay()
          : value instanceof BigDecimal decimal ? decimal.unscaledValue().longValueExact() : ((Number) value).longValue();
    }
    return new LongData(type, values, flags, n);
  }

  /** The rows of batches, as {@code ColumnData.getObject} gives them; closes the batches. */
  static List<Object[]> drain(Operator operator) {
    List<Object[]> out = new ArrayList<>();
    for (Batch next = operator.next(); next != null; next = operator.next()) {
      try (Batch batch = next) {
        VectorBatch columns = ArrowColumns.read(batch);
        for (int r = 0; r < columns.rowCount(); r++) {
          Object[] row = new Object[columns.columns().size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = columns.column(c).getObject(r);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  /** A key on column {@code index} of {@link #SCHEMA}. */
  static SortKey key(int index, boolean ascending, boolean nullsFirst) {
    return new SortKey(new BoundRef(index, SCHEMA.fields().get(index).name(), SCHEMA.fields().get(index).type()),
        ascending, nullsFirst);
  }

  /** The reference order of rows under BoundRef keys, written independently of the operator. */
  static Comparator<Object[]> reference(List<SortKey> keys) {
    Comparator<Object[]> order = (a, b) -> 0;
    for (SortKey key : keys) {
      int column = ((BoundRef) key.expression()).index();
      Comparator<Object> values = SortTestData::compareValues;
      if (!key.ascending()) {
        values = values.reversed();
      }
      Comparator<Object> withNulls = key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      order = order.thenComparing(row -> row[column], withNulls);
    }
    return order;
  }

  private static int compareValues(Object a, Object b) {
    if (a instanceof String x) {
      return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    if (a instanceof Integer x) {
      return Integer.compare(x, (Integer) b);
    }
    if (a instanceof Long x) {
      return Long.compare(x, (Long) b);
    }
    if (a instanceof BigDecimal x) {
      return x.compareTo((BigDecimal) b);
    }
    if (a instanceof LocalDate x) {
      return x.compareTo((LocalDate) b);
    }
    return Boolean.compare((Boolean) a, (Boolean) b);
  }

  /** Rows as lists, for readable assertion failures. */
  static List<List<Object>> asLists(List<Object[]> rows) {
    return rows.stream().map(Arrays::asList).toList();
  }

  /** An operator handing out prepared batches; closes those it did not hand out. */
  static final class GivenBatches implements Operator {
    private final Deque<Batch> batches;
    private final OperatorMetrics metrics = new OperatorMetrics("GivenBatches");
    private boolean closed;

    GivenBatches(List<Batch> batches) {
      this.batches = new ArrayDeque<>(batches);
    }

    boolean closed() {
      return closed;
    }

    @Override
    public Batch next() {
      return batches.poll();
    }

    @Override
    public OperatorMetrics metrics() {
      return metrics;
    }

    @Override
    public void close() {
      closed = true;
      batches.forEach(Batch::close);
      batches.clear();
    }
  }
}
