package dev.sluice.scheduler.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.keyed.PairKey;
import dev.sluice.engine.plan.physical.CoGroupExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.LongPipelineExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.plan.physical.LongStep;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.serde.KryoSerde;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestStagePlanning {
  @Test
  void testNarrowPlanIsOneResultStageWithOneTaskPerPartition() {
    PhysicalPlan scan = new RangeScanExec(new PlanNodeId(1),
        List.of(new RangeSplit(0, 5, 1), new RangeSplit(5, 5, 1), new RangeSplit(10, 0, 1)));
    PhysicalPlan plan = new UnionExec(new PlanNodeId(3), List.of(
        new LongPipelineExec(new PlanNodeId(2), scan, List.of(new LongStep.Map(x -> x + 1))),
        new RangeScanExec(new PlanNodeId(4), List.of(new RangeSplit(100, 1, 1)))));
    AtomicInteger ids = new AtomicInteger(7);
    List<StagePlan> stages = new DefaultStagePlanner().plan(plan, new TaskSink.Count(), "count at X.java:1",
        ids::getAndIncrement, new AtomicInteger()::getAndIncrement);
    assertThat(stages).hasSize(1);
    StagePlan stage = stages.get(0);
    assertThat(stage.stageId()).isEqualTo(7);
    assertThat(stage.parents()).isEmpty();
    assertThat(stage.partitions()).isEqualTo(4);

    StageSpec spec = TaskBinaries.serialize(stage);
    assertThat(spec.tasks()).hasSize(4);
    TaskFragment second = KryoSerde.deserialize(spec.tasks().get(1));
    assertThat(second.sink()).isEqualTo(new TaskSink.Count());
    assertThat(second.plan()).isInstanceOf(LongPipelineExec.class);
    assertThat(((RangeScanExec) second.plan().children().get(0)).splits()).containsExactly(new RangeSplit(5, 5, 1));
    TaskFragment last = KryoSerde.deserialize(spec.tasks().get(3));
    assertThat(((RangeScanExec) last.plan()).splits()).containsExactly(new RangeSplit(100, 1, 1));
  }

  private static PhysicalPlan scan(int id, int partitions) {
    List<RangeSplit> splits = new java.util.ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      splits.add(new RangeSplit(p, 1, 1));
    }
    return new RangeScanExec(new PlanNodeId(id), splits);
  }

  private static List<StagePlan> cut(PhysicalPlan plan) {
    AtomicInteger stages = new AtomicInteger();
    AtomicInteger shuffles = new AtomicInteger();
    return new DefaultStagePlanner().plan(plan, new TaskSink.Collect(), "collect", stages::getAndIncrement,
        shuffles::getAndIncrement);
  }

  private static Partitioning hash(int partitions) {
    return new Partitioning.Hash(partitions, PairKey.INSTANCE);
  }

  @Test
  void testChainOfTwoExchangesIsThreeStagesInOrder() {
    PhysicalPlan plan = new ExchangeExec(new PlanNodeId(3), new ExchangeExec(new PlanNodeId(2), scan(1, 4), hash(3)),
        new Partitioning.RoundRobin(2));
    List<StagePlan> stages = cut(plan);
    assertThat(stages).extracting(StagePlan::stageId).containsExactly(0, 1, 2);
    assertThat(stages).extracting(StagePlan::shuffleId).containsExactly(0, 1, -1);
    assertThat(stages).extracting(StagePlan::partitions).containsExactly(4, 3, 2);
    assertThat(stages.get(1).parents()).containsExactly(0);
    assertThat(stages.get(2).parents()).containsExactly(1);
    ShuffleReadExec read = (ShuffleReadExec) stages.get(2).plan();
    assertThat(read.shuffleId()).isEqualTo(1);
    assertThat(read.mapPartitions()).isEqualTo(3);
    assertThat(read.partitions()).isEqualTo(2);
  }

  @Test
  void testJoinOfTwoShuffledInputsHasTwoMapStagesAsParentsOfTheResult() {
    PhysicalPlan plan = new CoGroupExec(new PlanNodeId(9), List.of(
        new ExchangeExec(new PlanNodeId(7), scan(1, 2), hash(5)), new ExchangeExec(new PlanNodeId(8), scan(2, 3), hash(5))));
    List<StagePlan> stages = cut(plan);
    assertThat(stages).hasSize(3);
    assertThat(stages.get(2).parents()).containsExactly(0, 1);
    assertThat(stages.get(2).partitions()).isEqualTo(5);
    assertThat(stages.get(0).sink()).isInstanceOf(TaskSink.ShuffleWrite.class);
  }

  @Test
  void testDatasetUsedTwiceIsShuffledOnceAndReadTwice() {
    ExchangeExec shared = new ExchangeExec(new PlanNodeId(2), scan(1, 2), hash(4));
    PhysicalPlan plan = new CoGroupExec(new PlanNodeId(3), List.of(shared, shared));
    List<StagePlan> stages = cut(plan);
    assertThat(stages).hasSize(2);
    assertThat(stages.get(1).parents()).containsExactly(0);
    assertThat(stages.get(1).plan().children()).allMatch(child -> child instanceof ShuffleReadExec read
        && read.shuffleId() == 0);
  }

  @Test
  void testDiamondReadsOneShuffleThroughTwoBranches() {
    ExchangeExec bottom = new ExchangeExec(new PlanNodeId(2), scan(1, 2), hash(2));
    PhysicalPlan left = new ExchangeExec(new PlanNodeId(3), bottom, hash(3));
    PhysicalPlan right = new ExchangeExec(new PlanNodeId(4), new LongPipelineExec(new PlanNodeId(5), bottom,
        List.of(new LongStep.Map(x -> x))), hash(3));
    List<StagePlan> stages = cut(new CoGroupExec(new PlanNodeId(6), List.of(left, right)));
    assertThat(stages).hasSize(4);
    assertThat(stages.get(1).parents()).containsExactly(0);
    assertThat(stages.get(2).parents()).containsExactly(0);
    assertThat(stages.get(3).parents()).containsExactly(1, 2);
  }
}
