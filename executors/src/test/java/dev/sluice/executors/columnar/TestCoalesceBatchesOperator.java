package dev.sluice.executors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CoalesceBatchesOperator} over random batches of every size around the target (none, one
 * row, exactly the target, more) and every column type of the columnar path with nulls: the rows
 * come out in order and unchanged (read back through Arrow's own getters), in batches of the target
 * size but the last, and a big batch with nothing buffered passes through as the same object.
 */
@Timeout(60)
class TestCoalesceBatchesOperator {
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private OperatorContext context() {
    return OperatorContext.of("coalesce", allocator, 64, 64);
  }

  /** One Arrow batch of {@code rows} random rows of {@link AggregateData#SCHEMA} (every type, nulls). */
  private Batch batch(long seed, int rows) {
    if (rows == 0) {
      return ArrowColumns.write(empty(AggregateData.SCHEMA), allocator);
    }
    VectorBatch data = AggregateData.random(seed, rows, rows, 50, 0.1).get(0);
    return ArrowColumns.write(data, allocator);
  }

  private static VectorBatch empty(Schema schema) {
    List<ColumnData> columns = new ArrayList<>();
    for (Field field : schema.fields()) {
      DataType type = field.type();
      if (type instanceof DataType.Utf8) {
        columns.add(AggregateData.strings(new String[0], null));
      } else if (type instanceof DataType.Float64) {
        columns.add(new DoubleData(new double[0], null, 0));
      } else if (type instanceof DataType.Bool) {
        columns.add(new BoolData(new boolean[0], null, 0));
      } else {
        columns.add(new LongData(type, new long[0], null, 0));
      }
    }
    return new VectorBatch(schema, columns, 0);
  }

  private List<Batch> randomBatches(Random random, int target, int count) {
    int[] special = {0, 1, target, target + 1, Math.max(1, target - 1), 3 * target + 5};
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int rows = random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextInt(2 * target + 2);
      batches.add(batch(random.nextLong(), rows));
    }
    return batches;
  }

  private static List<List<Object>> rows(List<Batch> batches) {
    List<List<Object>> out = new ArrayList<>();
    for (Batch batch : batches) {
      out.addAll(ArrowValues.rows(batch));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 100, 1000})
  void rowsComeOutInOrderInBatchesOfTheTarget(int target) {
    Random random = new Random(target * 31L + 7);
    for (int round = 0; round < 20; round++) {
      List<Batch> input = randomBatches(random, target, random.nextInt(12));
      List<List<Object>> expected = rows(input);
      int largest = input.stream().mapToInt(Batch::rowCount).max().orElse(0);
      GivenBatches source = new GivenBatches(input);
      List<Batch> output;
      try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(target, source, context())) {
        output = ArrowValues.batches(operator);
        assertThat(operator.next()).isNull();
        assertThat(source.closed()).isTrue();
        assertThat(operator.metrics().rowsOut()).isEqualTo(expected.size());
        assertThat(operator.metrics().batchesOut()).isEqualTo(output.size());
      }
      try {
        assertThat(rows(output)).isEqualTo(expected);
        for (int i = 0; i < output.size(); i++) {
          int rows = output.get(i).rowCount();
          assertThat(rows).isBetween(1, Math.max(target, largest));
          if (i < output.size() - 1) {
            assertThat(rows).isGreaterThanOrEqualTo(target);
          }
          assertThat(output.get(i).arrowSchema()).isEqualTo(AggregateData.SCHEMA.toArrow());
        }
      } finally {
        output.forEach(Batch::close);
      }
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
  }

  @Test
  void noInputGivesNoOutput() {
    GivenBatches source = new GivenBatches(List.of());
    try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(10, source, context())) {
      assertThat(operator.next()).isNull();
      assertThat(operator.next()).isNull();
      assertThat(source.closed()).isTrue();
    }
    source = new GivenBatches(List.of(batch(1, 0), batch(2, 0)));
    try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(10, source, context())) {
      assertThat(operator.next()).isNull();
    }
  }

  @Test
  void bigBatchWithNothingBufferedPassesThroughUncopied() {
    Batch small = batch(1, 3);
    Batch big = batch(2, 25);
    Batch bigAfterSmall = batch(3, 25);
    List<List<Object>> expected = rows(List.of(big, small, bigAfterSmall));
    GivenBatches source = new GivenBatches(List.of(big, small, bigAfterSmall));
    List<Batch> output;
    try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(10, source, context())) {
      output = ArrowValues.batches(operator);
    }
    try {
      assertThat(output.get(0)).isSameAs(big);
      // 3 buffered rows + 25: copied as 10, 10, then the last 8
      assertThat(output.stream().map(Batch::rowCount).toList()).containsExactly(25, 10, 10, 8);
      assertThat(rows(output)).isEqualTo(expected);
    } finally {
      output.forEach(Batch::close);
    }
  }

  @Test
  void wideDecimalsSurvive() {
    Schema schema = new Schema(List.of(new Field("d", DataType.decimal(38, 2))));
    BigInteger huge = BigInteger.TEN.pow(36).add(BigInteger.valueOf(12345));
    List<Batch> input = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      DecimalVector vector = (DecimalVector) schema.fields().get(0).toArrow().createVector(allocator);
      vector.allocateNew(3);
      for (int i = 0; i < 3; i++) {
        if (i == 1) {
          vector.setNull(i);
          expected.add(java.util.Arrays.asList((Object) null));
        } else {
          BigDecimal value = new BigDecimal(huge.add(BigInteger.valueOf(b * 10L + i)).negate(), 2);
          vector.set(i, value);
          expected.add(List.of(value));
        }
      }
      vector.setValueCount(3);
      input.add(new Batch(new VectorSchemaRoot(List.of((FieldVector) vector))));
    }
    List<Batch> output;
    try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(5, new GivenBatches(input), context())) {
      output = ArrowValues.batches(operator);
    }
    try {
      assertThat(output.stream().map(Batch::rowCount).toList()).containsExactly(5, 5, 2);
      assertThat(rows(output)).isEqualTo(expected);
    } finally {
      output.forEach(Batch::close);
    }
  }

  @Test
  void closingEarlyFreesBufferedBatches() {
    List<Batch> input = List.of(batch(1, 4), batch(2, 4), batch(3, 4), batch(4, 4));
    GivenBatches source = new GivenBatches(input);
    try (CoalesceBatchesOperator operator = new CoalesceBatchesOperator(6, source, context())) {
      try (Batch first = operator.next()) {
        assertThat(first.rowCount()).isEqualTo(6);
      }
    }
    assertThat(source.closed()).isTrue();
    assertThat(allocator.getAllocatedMemory()).isZero();
  }
}
