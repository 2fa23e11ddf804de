package dev.sluice.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arrow → VectorBatch → Arrow for every type, with and without nulls, including sliced strings. */
class TestArrowColumns {
  private static final DataType[] TYPES = {DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.BOOLEAN,
      DataType.UTF8, DataType.DATE32, DataType.decimal(15, 2), DataType.decimal(38, 4)};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static Object randomValue(DataType type, Random random) {
    if (type instanceof DataType.Int32) {
      return random.nextInt();
    }
    if (type instanceof DataType.Int64) {
      return random.nextLong();
    }
    if (type instanceof DataType.Float64) {
      return random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 1e6;
    }
    if (type instanceof DataType.Bool) {
      return random.nextBoolean();
    }
    if (type instanceof DataType.Utf8) {
      String[] pieces = {"", "a", "日本", "😀", "xyz", "é"};
      return pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
    }
    if (type instanceof DataType.Date32) {
      return LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000);
    }
    int scale = ((DataType.Decimal) type).scale();
    return BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L, scale);
  }

  /** An Arrow vector filled with Arrow's own setters (independent of ArrowColumns.write). */
  private FieldVector arrowVector(DataType type, Object[] values) {
    return arrowVector("c", type, values);
  }

  private FieldVector arrowVector(String name, DataType type, Object[] values) {
    FieldVector vector = new Field(name, type).toArrow().createVector(allocator);
    vector.setInitialCapacity(values.length);
    vector.allocateNew();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        vector.setNull(i);
      } else if (vector instanceof IntVector out) {
        out.setSafe(i, (Integer) v);
      } else if (vector instanceof BigIntVector out) {
        out.setSafe(i, (Long) v);
      } else if (vector instanceof Float8Vector out) {
        out.setSafe(i, (Double) v);
      } else if (vector instanceof BitVector out) {
        out.setSafe(i, (Boolean) v ? 1 : 0);
      } else if (vector instanceof VarCharVector out) {
        out.setSafe(i, ((String) v).getBytes(StandardCharsets.UTF_8));
      } else if (vector instanceof DateDayVector out) {
        out.setSafe(i, (int) ((LocalDate) v).toEpochDay());
      } else {
        ((DecimalVector) vector).setSafe(i, (BigDecimal) v);
      }
    }
    vector.setValueCount(values.length);
    return vector;
  }

  private static Object arrowValue(FieldVector vector, int i) {
    Object value = vector.getObject(i);
    if (vector instanceof DateDayVector && value != null) {
      return LocalDate.ofEpochDay((Integer) value);
    }
    if (value instanceof org.apache.arrow.vector.util.Text text) {
      return text.toString();
    }
    return value;
  }

  @Test
  void testEveryTypeRoundTripsWithAndWithoutNulls() {
    Random random = new Random(11);
    for (int rows : new int[] {0, 1, 7, 8, 9, 1000}) {
      for (boolean withNulls : new boolean[] {false, true}) {
        List<FieldVector> vectors = new ArrayList<>();
        List<Object[]> expected = new ArrayList<>();
        for (DataType type : TYPES) {
          Object[] values = new Object[rows];
          for (int i = 0; i < rows; i++) {
            values[i] = withNulls && random.nextInt(4) == 0 ? null : randomValue(type, random);
          }
          expected.add(values);
          vectors.add(arrowVector("c" + vectors.size(), type, values));
        }
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (int c = 0; c < TYPES.length; c++) {
          fields.add(new Field("c" + c, TYPES[c]).toArrow());
        }
        VectorBatch read;
        try (Batch batch = new Batch(new VectorSchemaRoot(fields, vectors, rows))) {
          read = ArrowColumns.read(batch);
        }
        assertThat(read.rowCount()).isEqualTo(rows);
        for (int c = 0; c < TYPES.length; c++) {
          ColumnData column = read.column(c);
          assertThat(column.type()).isEqualTo(TYPES[c]);
          assertThat(read.schema().fields().get(c)).isEqualTo(new Field("c" + c, TYPES[c]));
          if (!withNulls || rows == 0) {
            assertThat(column.nulls()).isNull();
          }
          for (int i = 0; i < rows; i++) {
            assertThat(column.getObject(i)).as("%s row %d", TYPES[c], i).isEqualTo(expected.get(c)[i]);
          }
        }
        try (Batch written = ArrowColumns.write(read, allocator)) {
          assertThat(written.rowCount()).isEqualTo(rows);
          assertThat(written.arrowSchema()).isEqualTo(read.schema().toArrow());
          for (int c = 0; c < TYPES.length; c++) {
            FieldVector vector = written.root().getVector(c);
            assertThat(vector.getValueCount()).isEqualTo(rows);
            for (int i = 0; i < rows; i++) {
              assertThat(arrowValue(vector, i)).as("%s row %d", TYPES[c], i).isEqualTo(expected.get(c)[i]);
            }
          }
        }
      }
    }
  }

  @Test
  void testSlicedStringsAreReadFromTheirOffset() {
    String[] values = {"alpha", null, "", "日本語", "z", "😀😀", "tail"};
    try (FieldVector full = arrowVector(DataType.UTF8, values)) {
      TransferPair pair = full.getTransferPair(allocator);
      pair.splitAndTransfer(2, 4);
      try (FieldVector slice = (FieldVector) pair.getTo()) {
        ColumnData column = ArrowColumns.read(slice, 4);
        assertThat(column.getObject(0)).isEqualTo("");
        assertThat(column.getObject(1)).isEqualTo("日本語");
        assertThat(column.getObject(2)).isEqualTo("z");
        assertThat(column.getObject(3)).isEqualTo("😀😀");
      }
    }
  }

  @Test
  void testStringColumnWithAnOffsetBaseIsWrittenFromIt() {
    byte[] bytes = "xxxhello日本".getBytes(StandardCharsets.UTF_8);
    StringData column = new StringData(bytes, new int[] {3, 8, 8, bytes.length}, new boolean[] {false, true, false}, 3);
    try (FieldVector vector = ArrowColumns.write(column, new Field("s", DataType.UTF8), 3, allocator)) {
      assertThat(arrowValue(vector, 0)).isEqualTo("hello");
      assertThat(arrowValue(vector, 1)).isNull();
      assertThat(arrowValue(vector, 2)).isEqualTo("日本");
      ColumnData back = ArrowColumns.read(vector, 3);
      assertThat(back.getObject(2)).isEqualTo("日本");
    }
  }

  @Test
  void testEmptyUnallocatedVectorsReadAsEmptyColumns() {
    for (DataType type : TYPES) {
      try (FieldVector vector = new Field("c", type).toArrow().createVector(allocator)) {
        vector.setValueCount(0);
        ColumnData column = ArrowColumns.read(vector, 0);
        assertThat(column.size()).isZero();
        assertThat(column.type()).isEqualTo(type);
      }
    }
  }

  @Test
  void testDecimalBeyondSixtyFourBitsIsAnError() {
    DataType type = DataType.decimal(38, 0);
    try (FieldVector vector = arrowVector(type, new Object[] {new BigDecimal("1"),
        new BigDecimal("123456789012345678901234567890")})) {
      assertThatThrownBy(() -> ArrowColumns.read(vector, 2))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("'c'")
          .hasMessageContaining("123456789012345678901234567890");
    }
  }
}
