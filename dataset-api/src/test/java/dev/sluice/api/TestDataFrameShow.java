package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** show, printSchema and explain text of real DataFrames. */
class TestDataFrameShow {
  private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.INT32),
      new Field("name", DataType.UTF8), new Field("price", DataType.decimal(15, 2)),
      new Field("day", DataType.DATE32)));
  private static Sluice sluice;
  private static DataFrame items;

  @BeforeAll
  static void start() {
    sluice = KeyedRows.sessionBuilder("dataframe-show").getOrCreate();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      rows.add(RowFactory.create(i, i == 3 ? null : "item number " + i + (i == 7 ? " with a long description" : ""),
          BigDecimal.valueOf(i * 125L, 2), i == 5 ? null : LocalDate.of(2024, 1, i)));
    }
    items = sluice.createDataFrame(rows, SCHEMA);
  }

  @AfterAll
  static void stop() {
    sluice.close();
  }

  @Test
  void testShowPrintsSparksTable() {
    assertThat(items.orderBy("id").showString(8, 20)).isEqualTo("""
        +---+--------------------+-----+----------+
        | id|                name|price|       day|
        +---+--------------------+-----+----------+
        |  1|       item number 1| 1.25|2024-01-01|
        |  2|       item number 2| 2.50|2024-01-02|
        |  3|                NULL| 3.75|2024-01-03|
        |  4|       item number 4| 5.00|2024-01-04|
        |  5|       item number 5| 6.25|      NULL|
        |  6|       item number 6| 7.50|2024-01-06|
        |  7|item number 7 wit...| 8.75|2024-01-07|
        |  8|       item number 8|10.00|2024-01-08|
        +---+--------------------+-----+----------+
        only showing top 8 rows
        """);
    assertThat(items.filter(col("id").equalTo(7)).select("id", "name").showString(20, 0)).isEqualTo("""
        +---+-------------------------------------+
        |id |name                                 |
        +---+-------------------------------------+
        |7  |item number 7 with a long description|
        +---+-------------------------------------+
        """);
    assertThat(items.agg(sum("price")).showString(20, 20)).isEqualTo("""
        +----------+
        |sum(price)|
        +----------+
        |    406.25|
        +----------+
        """);
  }

  @Test
  void testShowWritesToStandardOutput() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      items.orderBy("id").select("id").show(2);
      items.printSchema();
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("""
        +---+
        | id|
        +---+
        |  1|
        |  2|
        +---+
        only showing top 2 rows
        root
         |-- id: integer (nullable = true)
         |-- name: string (nullable = true)
         |-- price: decimal(15,2) (nullable = true)
         |-- day: date (nullable = true)
        """);
  }

  @Test
  void testExplainShowsEverySection() {
    DataFrame query = items.filter(col("price").gt(5)).groupBy("day").agg(sum("price").alias("total"))
        .orderBy(col("total").desc());
    String extended = query.explainString(true);
    assertThat(extended).contains("== Parsed Logical Plan ==", "== Analyzed Logical Plan ==",
        "== Optimized Logical Plan ==", "== Physical Plan ==", "== Stages ==", "day: date, total: decimal(25,2)");
    assertThat(extended.indexOf("== Parsed")).isLessThan(extended.indexOf("== Analyzed"));
    assertThat(extended.indexOf("== Analyzed")).isLessThan(extended.indexOf("== Optimized"));
    assertThat(extended.indexOf("== Optimized")).isLessThan(extended.indexOf("== Physical"));
    assertThat(extended).contains("Filter").contains("Aggregate").contains("Sort").contains("Stage 0");
    String plain = query.explainString(false);
    assertThat(plain).startsWith("== Physical Plan ==").doesNotContain("== Parsed");
  }
}
