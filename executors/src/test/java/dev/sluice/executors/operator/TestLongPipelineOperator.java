package dev.sluice.executors.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.LongPipelineExec;
import dev.sluice.engine.plan.physical.LongStep;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Range scan → fused long map/filter → limit, against plain Java streams. */
class TestLongPipelineOperator {
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static List<Long> drain(dev.sluice.engine.exec.Operator operator) {
    List<Long> values = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        BigIntVector vector = (BigIntVector) owned.root().getVector(0);
        for (int i = 0; i < owned.rowCount(); i++) {
          assertThat(vector.isNull(i)).isFalse();
          values.add(vector.get(i));
        }
      }
    }
    return values;
  }

  @Test
  void testMapThenFilterCompactsInPlaceAcrossOddBatchSizes() {
    for (int batchRows : new int[] {1, 7, 8, 9, 64, 1000}) {
      OperatorContext context = OperatorContext.of("t", allocator, 16, batchRows);
      RangeScanExec scan = new RangeScanExec(new PlanNodeId(1), List.of(new RangeSplit(-50, 333, 3)));
      LongPipelineExec pipeline = new LongPipelineExec(new PlanNodeId(2), scan,
          List.of(new LongStep.Map(x -> x * x - 7), new LongStep.Filter(x -> x % 3 != 0), new LongStep.Map(x -> x + 1)));
      List<Long> expected = LongStream.range(0, 333).map(i -> -50 + 3 * i).map(x -> x * x - 7)
          .filter(x -> x % 3 != 0).map(x -> x + 1).boxed().toList();
      try (LongPipelineOperator operator = new LongPipelineOperator(pipeline,
          new RangeScanOperator(scan, context), context)) {
        assertThat(drain(operator)).as("batch rows %d", batchRows).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void testRangeScanAsJavaArraysMatchesItsArrowBatches() {
    OperatorContext context = OperatorContext.of("t", allocator, 16, 7);
    RangeScanExec scan = new RangeScanExec(new PlanNodeId(1),
        List.of(new RangeSplit(5, 20, 3), new RangeSplit(0, 0, 1), new RangeSplit(-4, 1, -2)));
    List<Long> arrow = new ArrayList<>();
    try (RangeScanOperator source = new RangeScanOperator(scan, context)) {
      for (Batch next = source.next(); next != null; next = source.next()) {
        try (Batch batch = next) {
          BigIntVector vector = (BigIntVector) batch.root().getVector(0);
          for (int i = 0; i < batch.rowCount(); i++) {
            arrow.add(vector.get(i));
          }
        }
      }
    }
    List<Long> vectors = new ArrayList<>();
    try (RangeScanOperator source = new RangeScanOperator(scan, context)) {
      for (VectorBatch batch = source.nextVectors(); batch != null; batch = source.nextVectors()) {
        assertThat(batch.rowCount()).isBetween(1, 7);
        for (int i = 0; i < batch.rowCount(); i++) {
          vectors.add(((LongData) batch.column(0)).values()[i]);
        }
      }
    }
    assertThat(arrow).hasSize(21).startsWith(5L, 8L).endsWith(-4L);
    assertThat(vectors).isEqualTo(arrow);
  }

  @Test
  void testLimitStopsPullingOnceItHasEnough() {
    OperatorContext context = OperatorContext.of("t", allocator, 16, 10);
    RangeScanExec scan = new RangeScanExec(new PlanNodeId(1), List.of(new RangeSplit(0, 1_000_000, 1)));
    RangeScanOperator source = new RangeScanOperator(scan, context);
    try (LocalLimitOperator limit = new LocalLimitOperator(
        new LocalLimitExec(new PlanNodeId(2), scan, 25), source)) {
      assertThat(drain(limit)).containsExactlyElementsOf(LongStream.range(0, 25).boxed().toList());
    }
    assertThat(source.metrics().rowsOut()).isEqualTo(30);
  }
}
