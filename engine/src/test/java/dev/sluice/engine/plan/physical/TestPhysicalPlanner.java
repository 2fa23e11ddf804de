package dev.sluice.engine.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.plan.FilterNode;
import dev.sluice.engine.plan.LimitNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.LongFilterNode;
import dev.sluice.engine.plan.LongMapNode;
import dev.sluice.engine.plan.MapNode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.RangeNode;
import dev.sluice.engine.plan.UnionNode;
import dev.sluice.engine.plan.split.RangeSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TestPhysicalPlanner {
  private static final Origin ORIGIN = new Origin("test", "TestPhysicalPlanner.java:1");
  private int ids;

  private PlanNodeId id() {
    return new PlanNodeId(++ids);
  }

  private RangeNode range(long start, long end, long step, int partitions) {
    return new RangeNode(id(), ORIGIN, start, end, step, partitions);
  }

  @Test
  void testConsecutiveRowFunctionsFuseIntoOnePipeline() {
    MapFunction<Long, String> toText = x -> "v" + x;
    FilterFunction<String> notEmpty = s -> !s.isEmpty();
    MapFunction<String, Integer> length = String::length;
    LogicalPlan plan = new MapNode(id(), ORIGIN,
        new FilterNode(id(), ORIGIN, new MapNode(id(), ORIGIN, range(0, 10, 1, 2), toText, String.class), notEmpty),
        length, Integer.class);
    PhysicalPlan physical = PhysicalPlanner.plan(plan);
    assertThat(physical).isInstanceOf(RowPipelineExec.class);
    RowPipelineExec pipeline = (RowPipelineExec) physical;
    assertThat(pipeline.steps()).hasSize(3);
    assertThat(pipeline.steps().get(1)).isInstanceOf(RowStep.Filter.class);
    assertThat(pipeline.rowClass()).isEqualTo(Integer.class);
    assertThat(pipeline.child()).isInstanceOf(RangeScanExec.class);
  }

  @Test
  void testLongMapsAndFiltersFuse() {
    LogicalPlan plan = new LongFilterNode(id(), ORIGIN, new LongMapNode(id(), ORIGIN, range(0, 10, 1, 2), x -> x * 2),
        x -> x > 3);
    PhysicalPlan physical = PhysicalPlanner.plan(plan);
    assertThat(physical).isInstanceOf(LongPipelineExec.class);
    assertThat(((LongPipelineExec) physical).steps()).hasSize(2);
  }

  @Test
  void testLimitOverManyPartitionsGathersIntoOneAndUnionsFlatten() {
    LogicalPlan union = new UnionNode(id(), ORIGIN, List.of(
        new UnionNode(id(), ORIGIN, List.of(range(0, 5, 1, 2), range(0, 5, 1, 3))), range(0, 5, 1, 1)));
    PhysicalPlan physicalUnion = PhysicalPlanner.plan(union);
    assertThat(physicalUnion).isInstanceOf(UnionExec.class);
    assertThat(((UnionExec) physicalUnion).inputs()).hasSize(3);
    assertThat(physicalUnion.partitionCount()).isEqualTo(6);

    PhysicalPlan limit = PhysicalPlanner.plan(new LimitNode(id(), ORIGIN, union, 4));
    assertThat(limit.partitionCount()).isEqualTo(1);
    assertThat(limit).isInstanceOf(LocalLimitExec.class);
    assertThat(limit.children().get(0)).isInstanceOf(CoalesceExec.class);
    assertThat(limit.children().get(0).children().get(0)).isInstanceOf(LocalLimitExec.class);
  }

  @Test
  void testRangeSplitsCoverEveryNumberOnceInOrder() {
    long[][] cases = {{0, 100, 1, 7}, {5, -7, -3, 4}, {0, 0, 1, 3}, {0, 10, 4, 5}, {-50, 50, 7, 1},
        {Long.MAX_VALUE - 10, Long.MAX_VALUE, 3, 4}, {Long.MIN_VALUE, Long.MIN_VALUE + 20, 6, 3}};
    for (long[] c : cases) {
      RangeScanExec scan = (RangeScanExec) PhysicalPlanner.plan(range(c[0], c[1], c[2], (int) c[3]));
      List<Long> produced = new ArrayList<>();
      for (RangeSplit split : scan.splits()) {
        for (long i = 0; i < split.count(); i++) {
          produced.add(split.first() + i * split.step());
        }
      }
      List<Long> expected = new ArrayList<>();
      if (c[2] > 0) {
        for (long v = c[0]; v < c[1] && v >= c[0]; v += c[2]) {
          expected.add(v);
          if (v > Long.MAX_VALUE - c[2]) {
            break;
          }
        }
      } else {
        LongStream.iterate(c[0], v -> v > c[1], v -> v + c[2]).forEach(expected::add);
      }
      assertThat(produced).as("range %s", java.util.Arrays.toString(c)).containsExactlyElementsOf(expected);
      assertThat(scan.splits()).hasSize((int) c[3]);
    }
  }

  @Test
  void testResolverCutsOnePartitionOutOfUnionAndCoalesce() {
    LogicalPlan union = new UnionNode(id(), ORIGIN, List.of(range(0, 4, 1, 2), range(10, 16, 1, 3)));
    PhysicalPlan physical = PhysicalPlanner.plan(union);
    PhysicalPlan third = PartitionResolver.resolve(physical, 2);
    assertThat(third).isInstanceOf(RangeScanExec.class);
    assertThat(((RangeScanExec) third).splits()).containsExactly(new RangeSplit(10, 2, 1));

    PhysicalPlan coalesced = new CoalesceExec(id(), physical, 2);
    PhysicalPlan second = PartitionResolver.resolve(coalesced, 1);
    assertThat(second).isInstanceOf(UnionExec.class);
    assertThat(second.children()).hasSize(3);
    PhysicalPlan first = PartitionResolver.resolve(coalesced, 0);
    assertThat(first.children()).hasSize(2);
  }

  @Test
  void testWideNodesBecomeExchanges() {
    RangeNode input = range(0, 10, 1, 3);
    PhysicalPlan toOne = PhysicalPlanner.plan(new dev.sluice.engine.plan.RepartitionNode(id(), ORIGIN, input, 1));
    assertThat(((ExchangeExec) toOne).partitioning()).isInstanceOf(Partitioning.Single.class);
    PhysicalPlan toFive = PhysicalPlanner.plan(new dev.sluice.engine.plan.RepartitionNode(id(), ORIGIN, input, 5));
    assertThat(((ExchangeExec) toFive).partitioning()).isEqualTo(new Partitioning.RoundRobin(5));
    PhysicalPlan narrowed = PhysicalPlanner.plan(new dev.sluice.engine.plan.CoalesceNode(id(), ORIGIN, input, 2));
    assertThat(narrowed).isInstanceOf(CoalesceExec.class);
    assertThat(narrowed.partitionCount()).isEqualTo(2);
    assertThat(PhysicalPlanner.plan(new dev.sluice.engine.plan.CoalesceNode(id(), ORIGIN, input, 9)))
        .as("coalesce to more partitions than the input has keeps the input").isInstanceOf(RangeScanExec.class);
  }
}
