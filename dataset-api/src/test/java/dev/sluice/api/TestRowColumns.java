package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Driver-side rows to Arrow partitions (createDataFrame) and collect answers back to rows. */
class TestRowColumns {
  static final Schema SCHEMA = new Schema(List.of(new Field("i", DataType.INT32), new Field("l", DataType.INT64),
      new Field("d", DataType.FLOAT64), new Field("s", DataType.UTF8), new Field("b", DataType.BOOLEAN),
      new Field("m", DataType.decimal(15, 2)), new Field("t", DataType.DATE32)));

  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(Long.MAX_VALUE);
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  /** Seeded rows of every type, about a fifth of the values null. */
  static List<Row> randomRows(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      Object[] values = {
          random.nextInt(5) == 0 ? null : random.nextInt(-1000, 1000),
          random.nextInt(5) == 0 ? null : random.nextLong(-1_000_000, 1_000_000),
          random.nextInt(5) == 0 ? null : random.nextInt(-10_000, 10_000) / 8.0,
          random.nextInt(5) == 0 ? null : "s" + random.nextInt(50) + (random.nextBoolean() ? "é" : ""),
          random.nextInt(5) == 0 ? null : random.nextBoolean(),
          random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), 2),
          random.nextInt(5) == 0 ? null : LocalDate.of(1992, 1, 1).plusDays(random.nextInt(2500))};
      rows.add(new Row(values, SCHEMA));
    }
    return rows;
  }

  @Test
  void testRowsRoundTripThroughPartitionsAndBatches() {
    List<Row> rows = randomRows(1000, 7);
    LocalRelation local = RowColumns.encode(rows, SCHEMA, 3, 128, allocator);
    assertThat(local.partitions()).hasSize(3);
    assertThat(local.schema()).isEqualTo(SCHEMA);
    List<Row> back = RowColumns.decode(local.partitions(), SCHEMA, allocator);
    assertThat(back).containsExactlyElementsOf(rows);
    assertThat(back.get(0).schema()).isEqualTo(SCHEMA);
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  /**
   * The iterator's rows read their values lazily: they equal the source rows by every accessor,
   * whichever values are read first, also after the iterator has moved on to later partitions.
   */
  @Test
  void testIteratedRowsReadLazilyEqualTheSourceRows() {
    List<Row> rows = randomRows(1000, 11);
    LocalRelation local = RowColumns.encode(rows, SCHEMA, 3, 100, allocator);
    List<Row> back = new ArrayList<>();
    java.util.Iterator<Row> it = RowColumns.iterate(new ArrayList<>(local.partitions()), SCHEMA, allocator);
    for (int r = 0; it.hasNext(); r++) {
      Row row = it.next();
      Row expected = rows.get(r);
      if (r % 3 == 0) {
        // one value first, then the rest
        int column = r % SCHEMA.fields().size();
        assertThat(row.get(column)).isEqualTo(expected.get(column));
        assertThat(row.isNullAt(column)).isEqualTo(expected.isNullAt(column));
      } else if (r % 3 == 1) {
        assertThat(row.toString()).isEqualTo(expected.toString());
        assertThat(row.hashCode()).isEqualTo(expected.hashCode());
      }
      assertThat(row.schema()).isEqualTo(SCHEMA);
      assertThat(row.size()).isEqualTo(SCHEMA.fields().size());
      back.add(row);
    }
    assertThat(back).containsExactlyElementsOf(rows);
    for (int r = 0; r < rows.size(); r++) {
      assertThat(back.get(r).toList()).isEqualTo(rows.get(r).toList());
      assertThat(rows.get(r)).isEqualTo(back.get(r));
      if (!rows.get(r).isNullAt(3)) {
        assertThat(back.get(r).getString(3)).isEqualTo(rows.get(r).getString(3));
      }
      if (!rows.get(r).isNullAt(1)) {
        assertThat(back.get(r).getLong(1)).isEqualTo(rows.get(r).getLong(1));
      }
    }
    assertThatThrownBy(() -> back.get(0).get(SCHEMA.fields().size())).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void testEmptyAndTinyInputs() {
    LocalRelation empty = RowColumns.encode(List.of(), SCHEMA, 2, 128, allocator);
    assertThat(RowColumns.decode(empty.partitions(), SCHEMA, allocator)).isEmpty();
    List<Row> one = randomRows(1, 3);
    LocalRelation single = RowColumns.encode(one, SCHEMA, 4, 128, allocator);
    assertThat(single.partitions()).hasSize(4);
    assertThat(RowColumns.decode(single.partitions(), SCHEMA, allocator)).containsExactlyElementsOf(one);
  }

  @Test
  void testValuesWidenOrRescaleToTheirColumn() {
    Schema schema = new Schema(List.of(new Field("l", DataType.INT64), new Field("d", DataType.FLOAT64),
        new Field("m", DataType.decimal(10, 2)), new Field("t", DataType.DATE32)));
    List<Row> rows = List.of(RowFactory.create(3, 2, new BigDecimal("1.005"), java.sql.Date.valueOf("2020-02-29")),
        RowFactory.create(4L, 2.5f, 7L, LocalDate.of(1970, 1, 1)));
    List<Row> back = RowColumns.decode(RowColumns.encode(rows, schema, 1, 10, allocator).partitions(), schema,
        allocator);
    assertThat(back).containsExactly(
        RowFactory.create(3L, 2.0, new BigDecimal("1.01"), LocalDate.of(2020, 2, 29)),
        RowFactory.create(4L, 2.5, new BigDecimal("7.00"), LocalDate.of(1970, 1, 1)));
  }

  @Test
  void testWrongValuesFailNamingRowAndColumn() {
    assertThatThrownBy(() -> RowColumns.encode(List.of(RowFactory.create(1, 2L, 1.0, 5, true, null, null)), SCHEMA,
        1, 10, allocator)).isInstanceOf(EngineException.class)
        .hasMessageContaining("Row 0, column 's' (utf8): expected a String, got Integer 5");
    assertThatThrownBy(() -> RowColumns.encode(List.of(RowFactory.create(1, 2L)), SCHEMA, 1, 10, allocator))
        .isInstanceOf(EngineException.class).hasMessageContaining("has 2 values but the schema");
    Schema decimal = new Schema(List.of(new Field("m", DataType.decimal(4, 2))));
    assertThatThrownBy(() -> RowColumns.encode(List.of(RowFactory.create(new BigDecimal("123.4"))), decimal, 1, 10,
        allocator)).isInstanceOf(EngineException.class).hasMessageContaining("at most 2 digits before the point");
    Schema wide = new Schema(List.of(new Field("m", DataType.decimal(38, 2))));
    assertThatThrownBy(() -> RowColumns.encode(List.of(RowFactory.create(new BigDecimal("1e30"))), wide, 1, 10,
        allocator)).isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    assertThat(allocator.getAllocatedMemory()).isZero();
  }
}
