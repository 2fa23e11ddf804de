package dev.sluice.api;

import static dev.sluice.api.FrameRows.assertSameRows;
import static dev.sluice.api.FrameRows.row;
import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joins of every type, on conditions and on column names, against a nested-loop reference. */
class TestDataFrameJoins {
  private static final Schema LEFT = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("k", DataType.INT32), new Field("g", DataType.UTF8), new Field("x", DataType.INT64)));
  private static final Schema RIGHT = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("g", DataType.UTF8), new Field("name", DataType.UTF8), new Field("w", DataType.FLOAT64)));
  private static final List<String> TYPES = List.of("inner", "left", "right", "full", "left_semi", "left_anti");

  private static final List<Row> LEFT_ROWS = new ArrayList<>();
  private static final List<Row> RIGHT_ROWS = new ArrayList<>();
  private static Sluice sluice;
  private static DataFrame left;
  private static DataFrame right;

  @BeforeAll
  static void start() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 800; i++) {
      // skewed keys: about half the rows have key 0; keys 0..14, some null
      Integer k = random.nextInt(12) == 0 ? null : random.nextBoolean() ? 0 : random.nextInt(15);
      LEFT_ROWS.add(row((long) i, k, random.nextInt(8) == 0 ? null : "g" + random.nextInt(3),
          random.nextInt(10) == 0 ? null : random.nextLong(-50, 50)));
    }
    for (int i = 0; i < 60; i++) {
      // keys 5..24 (so some left keys have no match and some right keys none), duplicates, some null
      Long k = random.nextInt(10) == 0 ? null : (long) random.nextInt(5, 25);
      RIGHT_ROWS.add(row(k, random.nextInt(8) == 0 ? null : "g" + random.nextInt(3), "n" + i,
          random.nextInt(10) == 0 ? null : random.nextInt(-400, 400) / 8.0));
    }
    RIGHT_ROWS.add(row(0L, "g0", "zero", 1.0));
    sluice = KeyedRows.sessionBuilder("dataframe-joins").config("sluice.sql.shuffle.partitions", "3").getOrCreate();
    left = sluice.createDataFrame(LEFT_ROWS, LEFT);
    right = sluice.createDataFrame(RIGHT_ROWS, RIGHT);
  }

  @AfterAll
  static void stop() {
    sluice.close();
  }

  /** The rows of a join as a nested loop computes them: left values then right values, nulls for no match. */
  static List<Row> reference(List<Row> leftRows, List<Row> rightRows, BiPredicate<Row, Row> match, String type) {
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[rightRows.size()];
    int leftWidth = leftRows.isEmpty() ? LEFT.fields().size() : leftRows.get(0).size();
    int rightWidth = RIGHT.fields().size();
    for (Row l : leftRows) {
      boolean matched = false;
      for (int j = 0; j < rightRows.size(); j++) {
        Row r = rightRows.get(j);
        if (match.test(l, r)) {
          matched = true;
          rightMatched[j] = true;
          if (!type.equals("left_semi") && !type.equals("left_anti")) {
            out.add(concat(l.toList(), r.toList()));
          }
        }
      }
      if (type.equals("left_semi") && matched || type.equals("left_anti") && !matched) {
        out.add(l);
      }
      if (!matched && (type.equals("left") || type.equals("full"))) {
        out.add(concat(l.toList(), nulls(rightWidth)));
      }
    }
    if (type.equals("right") || type.equals("full")) {
      for (int j = 0; j < rightRows.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(nulls(leftWidth), rightRows.get(j).toList()));
        }
      }
    }
    return out;
  }

  private static Row concat(List<Object> a, List<Object> b) {
    List<Object> all = new ArrayList<>(a);
    all.addAll(b);
    return RowFactory.create(all.toArray());
  }

  private static List<Object> nulls(int count) {
    return java.util.Arrays.asList(new Object[count]);
  }

  private static boolean sameKey(Row l, Row r) {
    return l.get(1) != null && r.get(0) != null && ((Integer) l.get(1)).longValue() == (Long) r.get(0);
  }

  @Test
  void testJoinsOnAConditionOfEveryType() {
    for (String type : TYPES) {
      DataFrame joined = left.join(right, left.col("k").equalTo(right.col("k")), type);
      if (type.startsWith("left_")) {
        assertThat(joined.columns()).as(type).containsExactly("id", "k", "g", "x");
      } else {
        assertThat(joined.columns()).as(type).containsExactly("id", "k", "g", "x", "k_right", "g_right", "name", "w");
      }
      assertSameRows(joined.collectAsList(), reference(LEFT_ROWS, RIGHT_ROWS, TestDataFrameJoins::sameKey, type));
    }
  }

  @Test
  void testJoinWithAnExtraConditionAndAliases() {
    DataFrame a = left.alias("a");
    DataFrame b = right.alias("b");
    DataFrame joined = a.join(b, col("a.k").equalTo(col("b.k")).and(col("b.w").gt(col("a.x"))), "left")
        .select(col("a.id"), col("b.name"), col("b.k"), col("a.k"));
    List<Row> expected = new ArrayList<>();
    for (Row row : reference(LEFT_ROWS, RIGHT_ROWS, (l, r) -> sameKey(l, r) && r.get(3) != null && l.get(3) != null
        && (Double) r.get(3) > (Long) l.get(3), "left")) {
      expected.add(row(row.get(0), row.get(6), row.get(4), row.get(1)));
    }
    assertThat(joined.columns()).containsExactly("id", "name", "k_right", "k");
    assertSameRows(joined.collectAsList(), expected);
  }

  @Test
  void testUsingJoinsKeepOneKeyColumn() {
    for (String type : TYPES) {
      DataFrame joined = left.join(right, List.of("k"), type);
      List<Row> expected = new ArrayList<>();
      for (Row row : reference(LEFT_ROWS, RIGHT_ROWS, TestDataFrameJoins::sameKey, type)) {
        if (type.startsWith("left_")) {
          expected.add(row(row.get(1) == null ? null : ((Integer) row.get(1)).longValue(), row.get(0), row.get(2),
              row.get(3)));
          continue;
        }
        Object leftKey = row.get(1) == null ? null : ((Integer) row.get(1)).longValue();
        Object key = switch (type) {
          case "right" -> row.get(4);
          case "full" -> leftKey != null ? leftKey : row.get(4);
          default -> leftKey;
        };
        expected.add(row(key, row.get(0), row.get(2), row.get(3), row.get(5), row.get(6), row.get(7)));
      }
      if (type.startsWith("left_")) {
        assertThat(joined.columns()).as(type).containsExactly("k", "id", "g", "x");
      } else {
        assertThat(joined.columns()).as(type).containsExactly("k", "id", "g", "x", "g_right", "name", "w");
      }
      // keys compared as int64 (the left's int32 keys are widened here)
      List<Row> actual = new ArrayList<>();
      for (Row row : joined.collectAsList()) {
        List<Object> values = new ArrayList<>(row.toList());
        values.set(0, values.get(0) instanceof Integer i ? Long.valueOf(i) : values.get(0));
        actual.add(RowFactory.create(values.toArray()));
      }
      assertSameRows(actual, expected);
    }
  }

  @Test
  void testUsingJoinOnTwoColumnsAndOnOneName() {
    DataFrame rightKeys = right.withColumn("k", col("k").cast("int"));
    DataFrame joined = left.join(rightKeys, List.of("k", "g"), "inner");
    List<Row> expected = new ArrayList<>();
    for (Row row : reference(LEFT_ROWS, RIGHT_ROWS, (l, r) -> sameKey(l, r) && l.get(2) != null
        && l.get(2).equals(r.get(1)), "inner")) {
      expected.add(row(row.get(1), row.get(2), row.get(0), row.get(3), row.get(6), row.get(7)));
    }
    assertThat(joined.columns()).containsExactly("k", "g", "id", "x", "name", "w");
    assertSameRows(joined.collectAsList(), expected);
    assertThat(left.join(rightKeys, "k").count())
        .isEqualTo(reference(LEFT_ROWS, RIGHT_ROWS, TestDataFrameJoins::sameKey, "inner").size());
  }

  @Test
  void testJoinThenAggregate() {
    DataFrame perName = left.join(right, left.col("k").equalTo(right.col("k")))
        .groupBy("name").agg(functions.count("*").alias("n"), functions.sum("x").alias("sx"));
    java.util.Map<String, long[]> expected = new java.util.TreeMap<>();
    java.util.Map<String, Boolean> anyX = new java.util.HashMap<>();
    for (Row row : reference(LEFT_ROWS, RIGHT_ROWS, TestDataFrameJoins::sameKey, "inner")) {
      long[] acc = expected.computeIfAbsent((String) row.get(6), n -> new long[2]);
      acc[0]++;
      if (row.get(3) != null) {
        acc[1] += (Long) row.get(3);
        anyX.put((String) row.get(6), true);
      }
    }
    List<Row> rows = new ArrayList<>();
    expected.forEach((name, acc) -> rows.add(row(name, acc[0], Objects.equals(anyX.get(name), true) ? acc[1] : null)));
    assertSameRows(perName.collectAsList(), rows);
  }
}
