package dev.sluice.scheduler.stage;

import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.plan.physical.PartitionResolver;
import dev.sluice.engine.serde.KryoSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes the tasks of a stage, on the driver's calling thread before the job is submitted, so
 * that actors never do it: one {@link TaskFragment} per partition, resolved to that partition's
 * splits, Kryo-encoded with its closures.
 */
public final class TaskBinaries {
  private TaskBinaries() {}

  public static StageSpec serialize(StagePlan stage) {
    List<byte[]> tasks = new ArrayList<>(stage.partitions());
    for (int p = 0; p < stage.partitions(); p++) {
      TaskFragment fragment = new TaskFragment(PartitionResolver.resolve(stage.plan(), p), stage.sink());
      tasks.add(KryoSerde.serialize(fragment));
    }
    return new StageSpec(stage.stageId(), stage.name(), stage.parents(), tasks, stage.shuffleId());
  }
}
