package dev.sluice.api;

import static dev.sluice.api.FrameRows.G;
import static dev.sluice.api.FrameRows.ID;
import static dev.sluice.api.FrameRows.K;
import static dev.sluice.api.FrameRows.M;
import static dev.sluice.api.FrameRows.T;
import static dev.sluice.api.FrameRows.X;
import static dev.sluice.api.FrameRows.assertSameRows;
import static dev.sluice.api.FrameRows.row;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DataFrames as typed Datasets ({@code as}) and back ({@code toDF}), lazily, both ways. */
class TestTypedBridge {
  private static final List<Row> ROWS = FrameRows.facts(9, 2000);
  private static Sluice sluice;
  private static DataFrame facts;

  /** Components in another order than the columns, a widened int (k into long), a decimal and a date. */
  record Fact(String g, long id, Long k, BigDecimal m, LocalDate t) {}

  /** Component names that differ from the columns in case only. */
  record Shouting(long ID, String G) {}

  /** Rows of a typed pipeline, for toDF. */
  record Point(String label, long x, Integer y, double weight, boolean flag, LocalDate day) {}

  /** A record with a decimal component, for createDataFrame. */
  record Price(String item, BigDecimal amount) {}

  /** A bean: properties become columns sorted by name. */
  public static final class Bean {
    private String name;
    private int size;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getSize() {
      return size;
    }

    public void setSize(int size) {
      this.size = size;
    }
  }

  @BeforeAll
  static void start() {
    sluice = KeyedRows.sessionBuilder("typed-bridge").getOrCreate();
    facts = sluice.createDataFrame(ROWS, FrameRows.FACTS);
  }

  @AfterAll
  static void stop() {
    sluice.close();
  }

  @Test
  void testAsMapsColumnsToComponentsByName() {
    List<Fact> typed = facts.as(Fact.class).collect();
    List<Fact> expected = new ArrayList<>();
    for (Row r : ROWS) {
      expected.add(new Fact((String) r.get(G), (Long) r.get(ID), r.get(K) == null ? null : (long) (Integer) r.get(K),
          (BigDecimal) r.get(M), (LocalDate) r.get(T)));
    }
    assertThat(typed).containsExactlyElementsOf(expected);
    List<String> labels = facts.filter(col("k").isNotNull()).as(Fact.class)
        .map(f -> f.g() + ":" + (f.k() * 10)).collect();
    assertThat(labels).containsExactlyElementsOf(expected.stream().filter(f -> f.k() != null)
        .map(f -> f.g() + ":" + (f.k() * 10)).toList());
    assertThat(facts.select("id", "g").as(Shouting.class).take(2))
        .containsExactly(new Shouting(0, (String) ROWS.get(0).get(G)), new Shouting(1, (String) ROWS.get(1).get(G)));
  }

  @Test
  void testAsSingleValuesAndTypedKeyedOperations() {
    List<Long> ids = facts.select("id").as(Long.class).collect();
    assertThat(ids).hasSize(ROWS.size()).startsWith(0L, 1L, 2L);
    assertThat(facts.select(col("k")).as(Long.class).filter(k -> k != null).count())
        .isEqualTo(ROWS.stream().filter(r -> r.get(K) != null).count());
    Map<String, Long> perGroup = new TreeMap<>();
    facts.filter(col("g").isNotNull()).as(Fact.class).mapToPair(f -> dev.sluice.engine.keyed.Pair.of(f.g(), 1L))
        .reduceByKey(Long::sum).collect().forEach(p -> perGroup.put(p.key(), p.value()));
    Map<String, Long> expected = new TreeMap<>();
    ROWS.stream().filter(r -> r.get(G) != null).forEach(r -> expected.merge((String) r.get(G), 1L, Long::sum));
    assertThat(perGroup).isEqualTo(expected);
  }

  @Test
  void testToDfOfTypedRows() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      points.add(new Point(i % 7 == 0 ? null : "p" + (i % 5), i, i % 3 == 0 ? null : i % 11, i / 4.0, i % 2 == 0,
          LocalDate.of(2000, 1, 1).plusDays(i)));
    }
    DataFrame frame = sluice.parallelize(points, 3).toDF();
    assertThat(frame.schema().fields()).containsExactly(new Field("label", DataType.UTF8),
        new Field("x", DataType.INT64), new Field("y", DataType.INT32), new Field("weight", DataType.FLOAT64),
        new Field("flag", DataType.BOOLEAN), new Field("day", DataType.DATE32));
    List<Row> expected = new ArrayList<>();
    points.forEach(p -> expected.add(row(p.label(), p.x(), p.y(), p.weight(), p.flag(), p.day())));
    assertThat(frame.collectAsList()).containsExactlyElementsOf(expected);

    DataFrame grouped = frame.filter(col("flag")).groupBy("label").agg(count("*").alias("n"), sum("y").alias("sy"));
    Map<String, long[]> reference = new TreeMap<>(java.util.Comparator.nullsFirst(String::compareTo));
    Map<String, Boolean> anyY = new java.util.HashMap<>();
    for (Point p : points) {
      if (p.flag()) {
        long[] acc = reference.computeIfAbsent(p.label(), l -> new long[2]);
        acc[0]++;
        if (p.y() != null) {
          acc[1] += p.y();
          anyY.put(p.label(), true);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    reference.forEach((label, acc) -> rows.add(row(label, acc[0], anyY.containsKey(label) ? acc[1] : null)));
    assertSameRows(grouped.collectAsList(), rows);

    assertThat(sluice.parallelize(List.of(3L, 1L, 2L), 2).toDF().orderBy("value").collectAsList())
        .containsExactly(row(1L), row(2L), row(3L));
    assertThat(sluice.parallelize(List.of("b", "a"), 1).map(s -> s + s, String.class).toDF().columns())
        .containsExactly("value");
  }

  @Test
  void testRangeAsDataFrame() {
    DataFrame range = sluice.range(0, 10_000).toDF();
    assertThat(range.columns()).containsExactly("id");
    long sumOfSquares = 0;
    for (long i = 0; i < 10_000; i++) {
      sumOfSquares += i * i;
    }
    assertThat(range.select(sum(col("id").multiply(col("id")))).first().getLong(0)).isEqualTo(sumOfSquares);
    assertThat(sluice.range(0, 100).filter(i -> i % 3 == 0).toDF().filter(col("id").gt(50)).count()).isEqualTo(17);
  }

  @Test
  void testRoundTripThroughBothBridges() {
    DataFrame back = facts.filter(col("x").gt(0)).as(Fact.class).filter(f -> f.k() != null).map(f -> new Point(f.g(), f.id(), (int) (long) f.k(), 0, false, f.t()), Point.class).toDF()
        .select(col("label"), col("x"), col("y").cast("bigint"), col("day"));
    List<Row> expected = new ArrayList<>();
    for (Row r : ROWS) {
      if (r.get(X) != null && (Long) r.get(X) > 0 && r.get(K) != null) {
        expected.add(row(r.get(G), r.get(ID), (long) (Integer) r.get(K), r.get(T)));
      }
    }
    assertThat(back.collectAsList()).containsExactlyElementsOf(expected);
  }

  @Test
  void testCreateDataFrameFromObjects() {
    List<Price> prices = List.of(new Price("a", new BigDecimal("1.5")), new Price("b", new BigDecimal("-123.25")),
        new Price(null, null));
    DataFrame frame = sluice.createDataFrame(prices, Price.class);
    assertThat(frame.schema().fields()).containsExactly(new Field("item", DataType.UTF8),
        new Field("amount", DataType.decimal(5, 2)));
    assertThat(frame.collectAsList()).containsExactly(row("a", new BigDecimal("1.50")),
        row("b", new BigDecimal("-123.25")), row(null, null));
    Bean bean = new Bean();
    bean.setName("x");
    bean.setSize(3);
    DataFrame beans = sluice.createDataFrame(List.of(bean), Bean.class);
    assertThat(beans.columns()).containsExactly("name", "size");
    assertThat(beans.as(Bean.class).first().getSize()).isEqualTo(3);
    assertThat(sluice.createDataFrame(List.of(1L, 2L), Long.class).columns()).containsExactly("value");
  }

  @Test
  void testToDfRefusesDecimalComponentsAndUnknownClasses() {
    assertThatThrownBy(() -> sluice.parallelize(List.of(new Price("a", BigDecimal.ONE)), 1).toDF())
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE))
        .hasMessageContaining("Price.amount is a BigDecimal");
    assertThatThrownBy(() -> sluice.parallelize(List.of(new Object()), 1).toDF())
        .isInstanceOf(EngineException.class).hasMessageContaining("toDF()");
  }
}
