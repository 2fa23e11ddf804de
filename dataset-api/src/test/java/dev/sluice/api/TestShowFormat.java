package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The show table text, compared with what Spark 4 prints for the same rows. */
class TestShowFormat {
  private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("name", DataType.UTF8), new Field("price", DataType.decimal(15, 2)),
      new Field("day", DataType.DATE32)));

  @Test
  void testRightAlignedCellsWithMinimumWidthAndNulls() {
    List<Row> rows = List.of(RowFactory.create(1L, "apple", new BigDecimal("1.50"), LocalDate.of(2024, 1, 2)),
        RowFactory.create(22L, null, new BigDecimal("-10.00"), null));
    assertThat(ShowFormat.format(SCHEMA, rows, 20, 20, false)).isEqualTo("""
        +---+-----+------+----------+
        | id| name| price|       day|
        +---+-----+------+----------+
        |  1|apple|  1.50|2024-01-02|
        | 22| NULL|-10.00|      NULL|
        +---+-----+------+----------+
        """);
  }

  @Test
  void testTruncationAndMoreRowsFooter() {
    Schema schema = new Schema(List.of(new Field("s", DataType.UTF8)));
    List<Row> rows = List.of(RowFactory.create("abcdefghijklmnopqrstuvwxyz"), RowFactory.create("short"),
        RowFactory.create("extra"));
    assertThat(ShowFormat.format(schema, rows, 2, 20, true)).isEqualTo("""
        +--------------------+
        |                   s|
        +--------------------+
        |abcdefghijklmnopq...|
        |               short|
        +--------------------+
        only showing top 2 rows
        """);
    assertThat(ShowFormat.format(schema, rows, 1, 3, true)).isEqualTo("""
        +---+
        |  s|
        +---+
        |abc|
        +---+
        only showing top 1 row
        """);
  }

  @Test
  void testNoTruncationAlignsLeft() {
    Schema schema = new Schema(List.of(new Field("s", DataType.UTF8), new Field("n", DataType.INT32)));
    List<Row> rows = List.of(RowFactory.create("abcdefghijklmnopqrstuvwxyz", 5), RowFactory.create("a\tb", 123456));
    assertThat(ShowFormat.format(schema, rows, 20, 0, false)).isEqualTo("""
        +--------------------------+------+
        |s                         |n     |
        +--------------------------+------+
        |abcdefghijklmnopqrstuvwxyz|5     |
        |a\\tb                      |123456|
        +--------------------------+------+
        """);
  }

  @Test
  void testEmptyResultAndValueFormats() {
    assertThat(ShowFormat.format(SCHEMA, List.of(), 20, 20, false)).isEqualTo("""
        +---+----+-----+---+
        | id|name|price|day|
        +---+----+-----+---+
        +---+----+-----+---+
        """);
    assertThat(ShowFormat.cell(1.0E10)).isEqualTo("1.0E10");
    assertThat(ShowFormat.cell(0.1)).isEqualTo("0.1");
    assertThat(ShowFormat.cell(true)).isEqualTo("true");
    assertThat(ShowFormat.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(ShowFormat.cell(new byte[] {1, (byte) 0xAB})).isEqualTo("[01 AB]");
    assertThat(ShowFormat.halfWidth("日本")).isEqualTo(4);
  }

  @Test
  void testSchemaTreeAsPrintSchema() {
    assertThat(ShowFormat.schemaTree(SCHEMA)).isEqualTo("""
        root
         |-- id: long (nullable = true)
         |-- name: string (nullable = true)
         |-- price: decimal(15,2) (nullable = true)
         |-- day: date (nullable = true)
        """);
  }
}
