package dev.sluice.api;

import static dev.sluice.api.FrameRows.B;
import static dev.sluice.api.FrameRows.D;
import static dev.sluice.api.FrameRows.FACTS;
import static dev.sluice.api.FrameRows.G;
import static dev.sluice.api.FrameRows.ID;
import static dev.sluice.api.FrameRows.K;
import static dev.sluice.api.FrameRows.M;
import static dev.sluice.api.FrameRows.T;
import static dev.sluice.api.FrameRows.X;
import static dev.sluice.api.FrameRows.assertSameRows;
import static dev.sluice.api.FrameRows.row;
import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.concat;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.countDistinct;
import static dev.sluice.api.functions.date_add;
import static dev.sluice.api.functions.datediff;
import static dev.sluice.api.functions.dayofmonth;
import static dev.sluice.api.functions.length;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.min;
import static dev.sluice.api.functions.month;
import static dev.sluice.api.functions.not;
import static dev.sluice.api.functions.substring;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.upper;
import static dev.sluice.api.functions.when;
import static dev.sluice.api.functions.year;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every DataFrame operation on seeded rows with nulls against a plain-Java reference; the rows come
 * from {@link #source} (driver-side rows here, files in the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestDataFrameOperations {
  static final List<Row> ROWS = FrameRows.facts(42, 3000);
  private Sluice sluice;
  private DataFrame facts;

  /** The facts as a DataFrame of the kind under test. */
  DataFrame source(Sluice session, List<Row> rows) throws Exception {
    return session.createDataFrame(rows, FACTS);
  }

  @BeforeAll
  void start() throws Exception {
    sluice = KeyedRows.sessionBuilder(getClass().getSimpleName()).config("sluice.sql.shuffle.partitions", "3")
        .config("sluice.batch.rows", "512").getOrCreate();
    facts = source(sluice, ROWS);
  }

  @AfterAll
  void stop() {
    sluice.close();
  }

  private static Object v(Row row, int column) {
    return row.get(column);
  }

  @Test
  void testCollectReturnsTheRowsInOrderWithTheirSchema() {
    List<Row> rows = facts.collectAsList();
    assertThat(rows).containsExactlyElementsOf(ROWS);
    assertThat(rows.get(0).schema().fields()).isEqualTo(FACTS.fields());
    assertThat(facts.count()).isEqualTo(ROWS.size());
    assertThat(facts.columns()).containsExactly("id", "k", "g", "x", "d", "m", "t", "b");
    assertThat(facts.dtypes().get(5)).isEqualTo(Map.entry("m", "DecimalType(15,2)"));
    assertThat(facts.toString()).isEqualTo("[id: bigint, k: int, g: string, x: bigint, d: double, m: decimal(15,2), "
        + "t: date, b: boolean]");
  }

  @Test
  void testSelectComputesExpressionsWithNulls() {
    DataFrame selected = facts.select(col("id"), col("x").plus(col("k")).alias("xk"), col("d").multiply(2),
        upper(col("g")), col("m").multiply(col("m")).alias("mm"), year(col("t")).alias("y"), not(col("b")));
    assertThat(selected.schema().fields()).extracting(Field::type).containsExactly(DataType.INT64, DataType.INT64,
        DataType.FLOAT64, DataType.UTF8, DataType.decimal(31, 4), DataType.INT32, DataType.BOOLEAN);
    assertThat(selected.columns()).contains("xk", "mm", "y");
    List<Row> expected = FrameRows.map(ROWS, r -> row(v(r, ID),
        v(r, X) == null || v(r, K) == null ? null : (Long) v(r, X) + (Integer) v(r, K),
        v(r, D) == null ? null : (Double) v(r, D) * 2,
        v(r, G) == null ? null : ((String) v(r, G)).toUpperCase(),
        v(r, M) == null ? null : ((BigDecimal) v(r, M)).multiply((BigDecimal) v(r, M)),
        v(r, T) == null ? null : ((LocalDate) v(r, T)).getYear(),
        v(r, B) == null ? null : !(Boolean) v(r, B)));
    assertThat(selected.collectAsList()).containsExactlyElementsOf(expected);
    assertThat(facts.select("g", "id").collectAsList()).containsExactlyElementsOf(
        FrameRows.map(ROWS, r -> row(v(r, G), v(r, ID))));
    assertThat(facts.select(col("*")).collectAsList()).containsExactlyElementsOf(ROWS);
  }

  @Test
  void testFilterKeepsOnlyRowsWhereTheConditionIsTrue() {
    DataFrame filtered = facts.where(col("k").gt(3).and(col("g").isNotNull()).or(col("b")));
    List<Row> expected = new ArrayList<>();
    for (Row r : ROWS) {
      // (k > 3 AND g IS NOT NULL) OR b is true only where one side is true (null k makes the left null)
      if (v(r, K) != null && (Integer) v(r, K) > 3 && v(r, G) != null || Boolean.TRUE.equals(v(r, B))) {
        expected.add(r);
      }
    }
    assertThat(filtered.collectAsList()).containsExactlyElementsOf(expected);
    assertThat(facts.filter(col("k").isin(1, 2).and(col("d").between(-100, 100))).collectAsList())
        .containsExactlyElementsOf(ROWS.stream().filter(r -> v(r, K) != null && ((Integer) v(r, K) == 1
            || (Integer) v(r, K) == 2) && v(r, D) != null && Math.abs((Double) v(r, D)) <= 100).toList());
    LocalDate june = LocalDate.of(1994, 6, 1);
    assertThat(facts.filter(col("t").geq(lit(june)).and(col("g").like("g_")).and(col("m").lt(new BigDecimal("0.5"))))
        .count()).isEqualTo(ROWS.stream().filter(r -> v(r, T) != null && !((LocalDate) v(r, T)).isBefore(june)
            && v(r, G) != null && v(r, M) != null && ((BigDecimal) v(r, M)).compareTo(new BigDecimal("0.5")) < 0)
            .count());
    assertThat(facts.filter(lit(false)).collectAsList()).isEmpty();
    assertThat(facts.filter(col("x").isNull()).count()).isEqualTo(ROWS.stream().filter(r -> v(r, X) == null).count());
  }

  @Test
  void testWithColumnRenameAndDrop() {
    DataFrame changed = facts.withColumn("x", col("x").multiply(10)).withColumn("half", col("d").divide(2))
        .withColumnRenamed("g", "group").drop("b", "t", "nope");
    assertThat(changed.columns()).containsExactly("id", "k", "group", "x", "d", "m", "half");
    List<Row> expected = FrameRows.map(ROWS, r -> row(v(r, ID), v(r, K), v(r, G),
        v(r, X) == null ? null : (Long) v(r, X) * 10, v(r, D), v(r, M), v(r, D) == null ? null : (Double) v(r, D) / 2));
    assertThat(changed.collectAsList()).containsExactlyElementsOf(expected);
    assertThat(facts.withColumnRenamed("missing", "x")).isSameAs(facts);
    assertThat(facts.drop("missing")).isSameAs(facts);
    assertThat(facts.toDF("a", "b", "c", "d2", "e", "f", "g2", "h").columns())
        .containsExactly("a", "b", "c", "d2", "e", "f", "g2", "h");
  }

  @Test
  void testGroupByAggregatesMatchReference() {
    DataFrame grouped = facts.groupBy("k").agg(sum("x"), count("*"), count("x"), countDistinct("g"), avg("d"),
        min("m"), max("t"), avg("m"), sum("m"));
    assertThat(grouped.columns()).containsExactly("k", "sum(x)", "count(1)", "count(x)", "count(DISTINCT g)",
        "avg(d)", "min(m)", "max(t)", "avg(m)", "sum(m)");
    assertThat(grouped.schema().fields().get(8).type()).isEqualTo(DataType.decimal(19, 6));
    assertThat(grouped.schema().fields().get(9).type()).isEqualTo(DataType.decimal(25, 2));
    Map<Object, List<Row>> groups = new LinkedHashMap<>();
    ROWS.forEach(r -> groups.computeIfAbsent(v(r, K), key -> new ArrayList<>()).add(r));
    List<Row> expected = new ArrayList<>();
    for (Map.Entry<Object, List<Row>> group : groups.entrySet()) {
      List<Row> rows = group.getValue();
      Long sumX = null;
      long countX = 0;
      Set<Object> distinctG = new HashSet<>();
      Double sumD = null;
      long countD = 0;
      BigDecimal minM = null;
      BigDecimal sumM = null;
      long countM = 0;
      LocalDate maxT = null;
      for (Row r : rows) {
        if (v(r, X) != null) {
          sumX = (sumX == null ? 0 : sumX) + (Long) v(r, X);
          countX++;
        }
        if (v(r, G) != null) {
          distinctG.add(v(r, G));
        }
        if (v(r, D) != null) {
          sumD = (sumD == null ? 0 : sumD) + (Double) v(r, D);
          countD++;
        }
        if (v(r, M) != null) {
          BigDecimal m = (BigDecimal) v(r, M);
          minM = minM == null || m.compareTo(minM) < 0 ? m : minM;
          sumM = sumM == null ? m : sumM.add(m);
          countM++;
        }
        if (v(r, T) != null && (maxT == null || ((LocalDate) v(r, T)).isAfter(maxT))) {
          maxT = (LocalDate) v(r, T);
        }
      }
      expected.add(row(group.getKey(), sumX, (long) rows.size(), countX, (long) distinctG.size(),
          sumD == null ? null : sumD / countD, minM, maxT,
          sumM == null ? null : sumM.setScale(6).divide(BigDecimal.valueOf(countM), 6, RoundingMode.HALF_UP), sumM));
    }
    assertSameRows(grouped.collectAsList(), expected);
  }

  @Test
  void testGroupedShortcutsAndGlobalAggregates() {
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    ROWS.forEach(r -> counts.merge(java.util.Arrays.asList(v(r, G), v(r, K)), 1L, Long::sum));
    List<Row> expected = new ArrayList<>();
    counts.forEach((key, n) -> expected.add(row(key.get(0), key.get(1), n)));
    DataFrame counted = facts.groupBy(col("g"), col("k")).count();
    assertThat(counted.columns()).containsExactly("g", "k", "count");
    assertSameRows(counted.collectAsList(), expected);

    assertThat(facts.groupBy("g").max("x", "d").columns()).containsExactly("g", "max(x)", "max(d)");
    assertThat(facts.groupBy("g").sum().columns()).containsExactly("g", "sum(id)", "sum(k)", "sum(x)", "sum(d)",
        "sum(m)");

    long sumX = ROWS.stream().filter(r -> v(r, X) != null).mapToLong(r -> (Long) v(r, X)).sum();
    double maxD = ROWS.stream().filter(r -> v(r, D) != null).mapToDouble(r -> (Double) v(r, D)).max().orElseThrow();
    assertThat(facts.agg(sum("x"), count("*"), max("d")).collectAsList())
        .containsExactly(row(sumX, (long) ROWS.size(), maxD));
    assertThat(facts.select(sum("x").alias("s")).first().getLong(0)).isEqualTo(sumX);
    DataFrame none = facts.filter(col("id").lt(0));
    assertThat(none.agg(sum("x"), count("*"), avg("d"), min("g")).collectAsList())
        .containsExactly(row(null, 0L, null, null));
    assertThat(none.groupBy("k").count().collectAsList()).isEmpty();
  }

  @Test
  void testOrderByWithNullsAndSeveralKeys() {
    List<Row> expected = new ArrayList<>(ROWS);
    Comparator<Row> byK = (a, b) -> -FrameRows.compareNullsFirst(v(a, K), v(b, K));
    expected.sort(byK.thenComparing(r -> (Long) v(r, ID)));
    assertThat(facts.orderBy(col("k").desc(), col("id")).collectAsList()).containsExactlyElementsOf(expected);

    List<Row> byG = new ArrayList<>(ROWS);
    byG.sort(((Comparator<Row>) (a, b) -> FrameRows.compareNullsFirst(v(a, G), v(b, G)))
        .thenComparing(r -> -(Long) v(r, ID)));
    assertThat(facts.sort(col("g"), col("id").desc()).collectAsList()).containsExactlyElementsOf(byG);

    List<Row> nullsLast = new ArrayList<>(ROWS);
    nullsLast.sort(Comparator.comparing((Row r) -> (BigDecimal) v(r, M), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(r -> (Long) v(r, ID)));
    assertThat(facts.orderBy(col("m").asc_nulls_last(), col("id")).collectAsList())
        .containsExactlyElementsOf(nullsLast);
    assertThat(facts.orderBy("id").limit(7).collectAsList()).containsExactlyElementsOf(ROWS.subList(0, 7));
    assertThat(facts.orderBy(col("k").desc(), col("id")).limit(25).collectAsList())
        .containsExactlyElementsOf(expected.subList(0, 25));
    assertThat(facts.orderBy(col("k").desc(), col("id")).first()).isEqualTo(expected.get(0));
  }

  @Test
  void testLimitDistinctAndUnion() {
    assertThat(facts.limit(10).count()).isEqualTo(10);
    assertThat(facts.limit(0).collectAsList()).isEmpty();
    assertThat(facts.limit(100_000).count()).isEqualTo(ROWS.size());

    Set<List<Object>> distinct = new HashSet<>();
    ROWS.forEach(r -> distinct.add(java.util.Arrays.asList(v(r, K), v(r, G))));
    List<Row> expected = distinct.stream().map(key -> row(key.get(0), key.get(1))).toList();
    assertSameRows(facts.select("k", "g").distinct().collectAsList(), expected);
    assertSameRows(facts.select("k", "g").dropDuplicates().collectAsList(), expected);

    DataFrame low = facts.filter(col("id").lt(100));
    DataFrame odd = facts.filter(col("id").mod(2).equalTo(1));
    List<Row> both = new ArrayList<>(ROWS.subList(0, 100));
    ROWS.stream().filter(r -> (Long) v(r, ID) % 2 == 1).forEach(both::add);
    assertSameRows(low.union(odd).collectAsList(), both);
    assertSameRows(low.unionAll(odd).collectAsList(), both);
    assertThat(low.union(odd).count()).isEqualTo(both.size());
    DataFrame reordered = low.select("b", "t", "m", "d", "x", "g", "k", "id");
    assertSameRows(low.unionByName(reordered).collectAsList(), FrameRows.map(both.subList(0, 100), r -> r).stream()
        .flatMap(r -> java.util.stream.Stream.of(r, r)).toList());
  }

  @Test
  void testTakeHeadFirstAndIsEmpty() {
    DataFrame ordered = facts.orderBy("id");
    assertThat(ordered.take(3)).containsExactlyElementsOf(ROWS.subList(0, 3));
    assertThat(ordered.head(2)).containsExactlyElementsOf(ROWS.subList(0, 2));
    assertThat(ordered.head()).isEqualTo(ROWS.get(0));
    assertThat(ordered.take(0)).isEmpty();
    assertThat(facts.isEmpty()).isFalse();
    assertThat(facts.filter(col("id").lt(0)).isEmpty()).isTrue();
    assertThat(facts.filter(col("id").lt(0)).count()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> facts.filter(col("id").lt(0)).first())
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void testCaseWhenCastsAndStringAndDateFunctions() {
    DataFrame computed = facts.select(col("id"),
        when(col("k").lt(3), "low").when(col("k").lt(7), "mid").otherwise("high").alias("band"),
        when(col("b"), col("x")).alias("xb"),
        col("d").cast("int").alias("di"), col("x").cast("decimal(15,2)").alias("xm"),
        col("k").cast("string").alias("ks"),
        length(col("g")).alias("len"), substring(col("g"), 2, 1).alias("sub"),
        concat(col("g"), lit("-"), col("k").cast("string")).alias("cat"),
        col("g").startsWith("g1").alias("sw"), col("g").contains("3").alias("has3"),
        month(col("t")).alias("mon"), dayofmonth(col("t")).alias("dom"), date_add(col("t"), 30).alias("later"),
        datediff(col("t"), lit(LocalDate.of(1994, 1, 1))).alias("days"));
    List<Row> expected = FrameRows.map(ROWS, r -> {
      Integer k = (Integer) v(r, K);
      String g = (String) v(r, G);
      LocalDate t = (LocalDate) v(r, T);
      return row(v(r, ID),
          k == null ? "high" : k < 3 ? "low" : k < 7 ? "mid" : "high",
          Boolean.TRUE.equals(v(r, B)) ? v(r, X) : null,
          v(r, D) == null ? null : (int) (double) (Double) v(r, D),
          v(r, X) == null ? null : BigDecimal.valueOf((Long) v(r, X)).setScale(2),
          k == null ? null : k.toString(),
          g == null ? null : g.length(), g == null ? null : g.substring(1, 2),
          g == null || k == null ? null : g + "-" + k,
          g == null ? null : g.startsWith("g1"), g == null ? null : g.contains("3"),
          t == null ? null : t.getMonthValue(), t == null ? null : t.getDayOfMonth(),
          t == null ? null : t.plusDays(30), t == null ? null : (int) ChronoUnit.DAYS.between(LocalDate.of(1994, 1, 1), t));
    });
    assertThat(computed.collectAsList()).containsExactlyElementsOf(expected);
  }

  @Test
  void testOneRowAndNoRows() throws Exception {
    List<Row> one = FrameRows.facts(5, 1);
    DataFrame single = source(sluice, one);
    assertThat(single.collectAsList()).containsExactlyElementsOf(one);
    assertThat(single.groupBy("k").count().collectAsList()).containsExactly(row(v(one.get(0), K), 1L));
    DataFrame empty = source(sluice, List.of());
    assertThat(empty.collectAsList()).isEmpty();
    assertThat(empty.orderBy("id").collectAsList()).isEmpty();
    assertThat(empty.count()).isZero();
  }
}
