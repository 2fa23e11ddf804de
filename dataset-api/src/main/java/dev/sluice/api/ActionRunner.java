package dev.sluice.api;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanPrinter;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.PhysicalPlanner;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.stage.DefaultStagePlanner;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import dev.sluice.scheduler.stage.StagePlan;
import dev.sluice.scheduler.stage.StagePlanner;
import dev.sluice.scheduler.stage.TaskBinaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The path of one action, on the calling thread: physical planning, stage cutting, task
 * serialization, submission to the scheduler, and waiting for the result (the only blocking wait,
 * outside any actor). Also decodes collected batches back into objects.
 */
final class ActionRunner {
  private final Sluice session;
  private final SchedulerSystem scheduler;
  private final StagePlanner stagePlanner = new DefaultStagePlanner();
  private final AtomicInteger jobIds = new AtomicInteger();
  private final AtomicInteger stageIds = new AtomicInteger();

  ActionRunner(Sluice session, SchedulerSystem scheduler) {
    this.session = session;
    this.scheduler = scheduler;
  }

  /** Runs the plan with {@code sink} in every result task; returns each partition's answer. */
  List<byte[]> run(LogicalPlan plan, TaskSink sink, Origin action) {
    PhysicalPlan physical = PhysicalPlanner.plan(plan);
    List<StagePlan> stages = stagePlanner.plan(physical, sink, action.toString(), stageIds::getAndIncrement);
    List<dev.sluice.scheduler.stage.StageSpec> specs = new ArrayList<>(stages.size());
    for (StagePlan stage : stages) {
      specs.add(TaskBinaries.serialize(stage));
    }
    JobSpec job = new JobSpec(jobIds.getAndIncrement(), action.toString(), specs);
    try {
      JobResult result = scheduler.submit(job).get();
      return result.partitionResults();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.JOB_CANCELLED, "Interrupted while waiting for " + action, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EngineException engine) {
        throw new EngineException(engine.code(), engine.getMessage(), engine.getCause());
      }
      throw new EngineException(ErrorCode.INTERNAL, "Job for " + action + " failed: " + cause, cause);
    }
  }

  /** Decodes the Arrow IPC answers of collect tasks into objects, in partition order. */
  List<Object> decodeRows(List<byte[]> results) {
    List<Object> rows = new ArrayList<>();
    BufferAllocator allocator = session.allocator();
    try (BufferAllocator decoding = allocator.newChildAllocator("collect", 0, Long.MAX_VALUE)) {
      for (byte[] result : results) {
        List<Batch> batches = BatchCodec.decode(result, decoding);
        try {
          for (Batch batch : batches) {
            rows.addAll(Arrays.asList(Encoders.decoderFor(batch.arrowSchema()).decode(batch)));
          }
        } finally {
          batches.forEach(Batch::close);
        }
      }
    }
    return rows;
  }

  /** The logical plan, the physical plan and the stages, as {@code explain()} prints them. */
  String explain(LogicalPlan plan) {
    PhysicalPlan physical = PhysicalPlanner.plan(plan);
    AtomicInteger previewIds = new AtomicInteger();
    List<StagePlan> stages = stagePlanner.plan(physical, new TaskSink.Collect(), "collect",
        previewIds::getAndIncrement);
    StringBuilder out = new StringBuilder();
    out.append("== Logical Plan ==\n").append(PlanPrinter.print(plan));
    out.append("== Physical Plan ==\n").append(PlanPrinter.print(physical));
    out.append("== Stages ==\n");
    for (StagePlan stage : stages) {
      out.append("Stage ").append(stage.stageId())
          .append(stage == stages.get(stages.size() - 1) ? " (result stage)" : " (shuffle map stage)")
          .append(": ").append(stage.partitions()).append(stage.partitions() == 1 ? " task" : " tasks")
          .append(stage.parents().isEmpty() ? "" : ", after stages " + stage.parents())
          .append(", operators: ").append(operatorChain(stage.plan())).append('\n');
    }
    return out.toString();
  }

  private static String operatorChain(PhysicalPlan plan) {
    List<String> names = new ArrayList<>();
    for (PhysicalPlan node = plan; ; node = node.children().get(0)) {
      String description = node.describe();
      names.add(0, description.substring(0, description.indexOf('[') < 0 ? description.length()
          : description.indexOf('[')));
      if (node.children().size() != 1) {
        if (node.children().size() > 1) {
          names.set(0, names.get(0) + "(" + node.children().size() + " inputs)");
        }
        return String.join(" -> ", names);
      }
    }
  }
}
