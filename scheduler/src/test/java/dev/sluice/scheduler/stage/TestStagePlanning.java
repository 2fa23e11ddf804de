package dev.sluice.scheduler.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.LongPipelineExec;
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
        ids::getAndIncrement);
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
}
