package dev.sluice.executors.columnar;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random columnar rows with nulls, skewed keys and every column type, the aggregate calls
 * over them, and a plain-Java reference aggregation (per group: the non-null values of each input,
 * then each function computed the obvious way).
 */
public final class AggregateData {
  static final Schema SCHEMA = new Schema(List.of(
      new Field("k_long", DataType.INT64),
      new Field("k_str", DataType.UTF8),
      new Field("k_date", DataType.DATE32),
      new Field("k_dec", DataType.decimal(10, 2)),
      new Field("k_dbl", DataType.FLOAT64),
      new Field("k_bool", DataType.BOOLEAN),
      new Field("v_int", DataType.INT32),
      new Field("v_long", DataType.INT64),
      new Field("v_dbl", DataType.FLOAT64),
      new Field("v_dec", DataType.decimal(12, 2)),
      new Field("v_str", DataType.UTF8),
      new Field("v_date", DataType.DATE32),
      new Field("v_bool", DataType.BOOLEAN),
      new Field("v_nan", DataType.FLOAT64)));
  static final int K_LONG = 0;
  static final int K_STR = 1;
  static final int K_DATE = 2;
  static final int K_DEC = 3;
  static final int K_DBL = 4;
  static final int K_BOOL = 5;

  private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, Double.NaN, 1.5, -2.25, 3.0, 1e300, -7.0};
  private static final String[] LETTERS = {"a", "b", "Z", "é", "ß", "\uD83D\uDE00", "0", " "};

  private AggregateData() {}

  public static BoundRef column(int index) {
    Field field = SCHEMA.fields().get(index);
    return new BoundRef(index, field.name(), field.type());
  }

  /** Every function over every value column it applies to. */
  static List<AggregateCall> allCalls() {
    List<AggregateCall> calls = new ArrayList<>();
    calls.add(AggregateCall.countStar());
    calls.add(new AggregateCall(AggregateFunction.COUNT, column(6), false));
    calls.add(new AggregateCall(AggregateFunction.COUNT, column(10), false));
    for (int c : new int[] {6, 7, 8, 9}) {
      calls.add(new AggregateCall(AggregateFunction.SUM, column(c), false));
      calls.add(new AggregateCall(AggregateFunction.AVG, column(c), false));
    }
    for (int c = 6; c <= 13; c++) {
      calls.add(new AggregateCall(AggregateFunction.MIN, column(c), false));
      calls.add(new AggregateCall(AggregateFunction.MAX, column(c), false));
    }
    return calls;
  }

  /**
   * Random rows in batches.
   *
   * @param distinct roughly how many distinct values each key column has
   * @param skew the share of rows whose keys are all the same hot value
   */
  public static List<VectorBatch> random(long seed, int rows, int batchRows, int distinct, double skew) {
    Random random = new Random(seed);
    List<VectorBatch> batches = new ArrayList<>();
    for (int from = 0; from < rows; from += batchRows) {
      int count = Math.min(batchRows, rows - from);
      batches.add(batch(random, count, distinct, skew));
    }
    return batches;
  }

  private static VectorBatch batch(Random random, int rows, int distinct, double skew) {
    long[] kLong = new long[rows];
    String[] kStr = new String[rows];
    long[] kDate = new long[rows];
    long[] kDec = new long[rows];
    double[] kDbl = new double[rows];
    boolean[] kBool = new boolean[rows];
    long[] vInt = new long[rows];
    long[] vLong = new long[rows];
    double[] vDbl = new double[rows];
    long[] vDec = new long[rows];
    String[] vStr = new String[rows];
    long[] vDate = new long[rows];
    boolean[] vBool = new boolean[rows];
    double[] vNan = new double[rows];
    boolean[][] nulls = new boolean[SCHEMA.fields().size()][rows];
    for (int i = 0; i < rows; i++) {
      boolean hot = random.nextDouble() < skew;
      int key = hot ? 0 : random.nextInt(distinct);
      kLong[i] = key * 1_000_003L - 17;
      kStr[i] = key % 97 == 5 ? "" : (key % 3 == 0 ? "é" : "k") + key;
      kDate[i] = 10_000 + key;
      kDec[i] = key * 7L - 100;
      kDbl[i] = hot ? 0.0 : key < 8 ? SPECIAL_DOUBLES[key] : key / 4.0;
      kBool[i] = hot || random.nextBoolean();
      vInt[i] = random.nextInt(2001) - 1000;
      vLong[i] = random.nextInt(10) == 0 ? Long.MAX_VALUE / 3 + random.nextInt(1000) : random.nextInt(2_000_000) - 1_000_000;
      vDbl[i] = random.nextInt(10) == 0 ? -0.0 : (random.nextInt(8001) - 4000) / 4.0;
      vDec[i] = random.nextLong() % 100_000_000_000L;
      vStr[i] = randomString(random);
      vDate[i] = random.nextInt(20_000) - 1000;
      vBool[i] = random.nextBoolean();
      vNan[i] = random.nextInt(4) == 0 ? SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)] : random.nextDouble();
      for (int c = 0; c < nulls.length; c++) {
        nulls[c][i] = !hot && random.nextInt(c < 6 ? 30 : 8) == 0;
      }
    }
    List<ColumnData> columns = new ArrayList<>();
    columns.add(new LongData(DataType.INT64, kLong, nulls[0], rows));
    columns.add(strings(kStr, nulls[1]));
    columns.add(new LongData(DataType.DATE32, kDate, nulls[2], rows));
    columns.add(new LongData(SCHEMA.fields().get(3).type(), kDec, nulls[3], rows));
    columns.add(new DoubleData(kDbl, nulls[4], rows));
    columns.add(new BoolData(kBool, nulls[5], rows));
    columns.add(new LongData(DataType.INT32, vInt, nulls[6], rows));
    columns.add(new LongData(DataType.INT64, vLong, nulls[7], rows));
    columns.add(new DoubleData(vDbl, nulls[8], rows));
    columns.add(new LongData(SCHEMA.fields().get(9).type(), vDec, nulls[9], rows));
    columns.add(strings(vStr, nulls[10]));
    columns.add(new LongData(DataType.DATE32, vDate, nulls[11], rows));
    columns.add(new BoolData(vBool, nulls[12], rows));
    columns.add(new DoubleData(vNan, nulls[13], rows));
    return new VectorBatch(SCHEMA, columns, rows);
  }

  private static String randomString(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      out.append(LETTERS[random.nextInt(LETTERS.length)]);
    }
    return out.toString();
  }

  static StringData strings(String[] values, boolean[] nulls) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] offsets = new int[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null && (nulls == null || !nulls[i])) {
        bytes.writeBytes(values[i].getBytes(StandardCharsets.UTF_8));
      }
      offsets[i + 1] = bytes.size();
    }
    return new StringData(bytes.toByteArray(), offsets, nulls, values.length);
  }

  /** The output schema of a final or complete aggregation: keys {@code _g<i>}, then {@code r<i>}. */
  static Schema finalSchema(List<? extends dev.sluice.engine.expr.Expression> keys, List<AggregateCall> calls) {
    List<Field> fields = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      fields.add(new Field("_g" + k, keys.get(k).dataType()));
    }
    for (int a = 0; a < calls.size(); a++) {
      fields.add(new Field("r" + a, calls.get(a).dataType()));
    }
    return new Schema(fields);
  }

  /** Group key → aggregate values, computed row by row in plain Java. */
  static Map<List<Object>, List<Object>> reference(List<VectorBatch> data, int[] keys, List<AggregateCall> calls) {
    Map<List<Object>, List<List<Object>>> values = new LinkedHashMap<>();
    Map<List<Object>, long[]> rowCounts = new LinkedHashMap<>();
    for (VectorBatch batch : data) {
      for (int row = 0; row < batch.rowCount(); row++) {
        Object[] key = new Object[keys.length];
        for (int k = 0; k < keys.length; k++) {
          key[k] = normalize(batch.column(keys[k]).getObject(row));
        }
        List<List<Object>> groupValues = values.computeIfAbsent(Arrays.asList(key), ignored -> {
          List<List<Object>> lists = new ArrayList<>();
          calls.forEach(call -> lists.add(new ArrayList<>()));
          return lists;
        });
        rowCounts.computeIfAbsent(Arrays.asList(key), ignored -> new long[1])[0]++;
        for (int a = 0; a < calls.size(); a++) {
          if (calls.get(a).input() instanceof BoundRef input) {
            Object value = batch.column(input.index()).getObject(row);
            if (value != null) {
              groupValues.get(a).add(value);
            }
          }
        }
      }
    }
    if (keys.length == 0 && values.isEmpty()) {
      List<List<Object>> empty = new ArrayList<>();
      calls.forEach(call -> empty.add(new ArrayList<>()));
      values.put(List.of(), empty);
      rowCounts.put(List.of(), new long[1]);
    }
    Map<List<Object>, List<Object>> out = new LinkedHashMap<>();
    values.forEach((key, lists) -> {
      List<Object> results = new ArrayList<>();
      for (int a = 0; a < calls.size(); a++) {
        results.add(finish(calls.get(a), lists.get(a), rowCounts.get(key)[0]));
      }
      out.put(key, results);
    });
    return out;
  }

  static Object normalize(Object value) {
    return value instanceof Double d && d == 0.0 ? (Object) 0.0 : value;
  }

  private static Object finish(AggregateCall call, List<Object> values, long rows) {
    DataType input = call.input() == null ? null : call.input().dataType();
    switch (call.function()) {
      case COUNT:
        return input == null ? rows : (long) values.size();
      case SUM:
      case AVG: {
        if (values.isEmpty()) {
          return null;
        }
        boolean average = call.function() == AggregateFunction.AVG;
        if (input instanceof DataType.Decimal) {
          BigDecimal sum = values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add);
          int scale = ((DataType.Decimal) call.dataType()).scale();
          return average ? sum.divide(BigDecimal.valueOf(values.size()), scale, RoundingMode.HALF_UP)
              : sum.setScale(scale, RoundingMode.HALF_UP);
        }
        if (input instanceof DataType.Float64) {
          double sum = 0.0;
          for (Object value : values) {
            sum += (Double) value;
          }
          return average ? sum / values.size() : sum;
        }
        long sum = 0;
        for (Object value : values) {
          sum += ((Number) value).longValue();
        }
        return average ? (double) sum / values.size() : (Object) sum;
      }
      default: {
        Comparator<Object> order = order(input);
        Object best = null;
        for (Object value : values) {
          if (best == null) {
            best = value;
          } else {
            int compared = order.compare(value, best);
            if (call.function() == AggregateFunction.MAX ? compared > 0 : compared < 0) {
              best = value;
            }
          }
        }
        return best;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Object> order(DataType type) {
    if (type instanceof DataType.Utf8) {
      return (a, b) -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8),
          ((String) b).getBytes(StandardCharsets.UTF_8));
    }
    if (type instanceof DataType.Float64) {
      return (a, b) -> (double) a == (double) b ? 0 : Double.compare((double) a, (double) b);
    }
    return (a, b) -> ((Comparable<Object>) a).compareTo(b);
  }
}
