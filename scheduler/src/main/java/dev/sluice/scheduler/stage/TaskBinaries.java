package dev.sluice.scheduler.stage;

import dev.sluice.engine.device.Placement;
import dev.sluice.engine.exec.StageOperators;
import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.scheduler.event.OperatorDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Serializes the tasks of a stage, on the driver's calling thread before the job is submitted, so
 * that actors never do it: one {@link TaskFragment} per partition, resolved to that partition's
 * splits, Kryo-encoded with its closures. The stage's operator listing ({@link StageOperators})
 * becomes {@link StageSpec#operators()} (and where each runs, {@link StageSpec#devices()}), and
 * every fragment carries what its task needs to report its operators' figures in that listing's
 * order.
 */
public final class TaskBinaries {
  private TaskBinaries() {}

  public static StageSpec serialize(StagePlan stage) {
    StageOperators operators = new StageOperators(stage.plan());
    List<byte[]> tasks = new ArrayList<>(stage.partitions());
    for (int p = 0; p < stage.partitions(); p++) {
      tasks.add(KryoSerde.serialize(operators.fragment(stage.sink(), p)));
    }
    return new StageSpec(stage.stageId(), stage.name(), stage.parents(), tasks, stage.shuffleId(),
        operators.lines(stage.sink()), operators.placements(stage.sink()).stream().map(TaskBinaries::device).toList());
  }

  /** An operator's device: its placement's, or the CPU for one without a GPU implementation. */
  private static OperatorDevice device(Optional<Placement> placement) {
    return placement.map(where -> where.gpu() ? OperatorDevice.GPU : OperatorDevice.cpu(where.reason()))
        .orElse(OperatorDevice.CPU);
  }
}
