package dev.sluice.api;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.keyed.ColumnarRangeBounds;
import dev.sluice.engine.keyed.KeySample;
import dev.sluice.engine.keyed.RangeBounds;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.PlanPrinter;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.PhysicalPlanner;
import dev.sluice.engine.plan.physical.SampleScans;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.RelationPrinter;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.executors.shuffle.ShuffleFiles;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.event.PlanText;
import dev.sluice.scheduler.shuffle.MapStatus;
import dev.sluice.scheduler.stage.DefaultStagePlanner;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import dev.sluice.scheduler.stage.StagePlan;
import dev.sluice.scheduler.stage.StagePlanner;
import dev.sluice.scheduler.stage.StageSpec;
import dev.sluice.scheduler.stage.TaskBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The path of one action, on the calling thread: physical planning, stage cutting, task
 * serialization, submission to the scheduler, and waiting for the result (the only blocking wait,
 * outside any actor). Also decodes collected batches back into objects. Each job carries its plans
 * as text and each stage its operator listing ({@code TaskBinaries}), which the scheduler publishes
 * in {@code JobSubmitted} for the UI.
 */
final class ActionRunner {
  private final Sluice session;
  private final SchedulerSystem scheduler;
  private final StagePlanner stagePlanner = new DefaultStagePlanner();
  private final AtomicInteger jobIds = new AtomicInteger();
  private final AtomicInteger stageIds = new AtomicInteger();
  private final AtomicInteger shuffleIds = new AtomicInteger();

  ActionRunner(Sluice session, SchedulerSystem scheduler) {
    this.session = session;
    this.scheduler = scheduler;
  }

  /**
   * Runs the plan with {@code sink} in every result task; returns each partition's answer. The job
   * carries its logical and physical plans as text, for the UI.
   */
  List<byte[]> run(LogicalPlan plan, TaskSink sink, Origin action) {
    PhysicalPlan physical = resolveRangeBounds(PhysicalPlanner.plan(plan), action);
    Map<PlanNodeId, Origin> origins = new HashMap<>();
    collectOrigins(plan, origins);
    return run(physical, sink, action.toString(),
        List.of(new PlanText("Logical", PlanPrinter.print(plan)), physicalText(physical)),
        exchange -> origins.containsKey(exchange.id()) ? origins.get(exchange.id()).toString() : null);
  }

  /** Each node's origin by id: a shuffle-map stage is named after the operation that asked for its shuffle. */
  private static void collectOrigins(LogicalPlan plan, Map<PlanNodeId, Origin> origins) {
    origins.put(plan.id(), plan.origin());
    plan.children().forEach(child -> collectOrigins(child, origins));
  }

  /**
   * Runs an analyzed relation (the columnar path): optimizes it, plans it physically (range bounds
   * still unknown are sampled first) and runs it with {@code sink} in every result task. The job
   * carries the analyzed, optimized and physical plans as text, for the UI.
   */
  List<byte[]> run(Relation analyzed, TaskSink sink, Origin action) {
    Relation optimized = Optimizer.optimize(analyzed);
    PhysicalPlan physical = resolveRangeBounds(
        session.placement().apply(RelationalPlanner.plan(optimized, session.plannerSettings())), action);
    // as Spark SQL, a DataFrame job's stages are named after its action; the shuffle says which one
    return run(physical, sink, action.toString(), List.of(new PlanText("Logical", RelationPrinter.print(analyzed)),
        new PlanText("Optimized", RelationPrinter.print(optimized)), physicalText(physical)),
        exchange -> action + " (" + exchange.partitioning().describe() + ")");
  }

  private PlanText physicalText(PhysicalPlan physical) {
    return new PlanText("Physical", PlanPrinter.print(physical, session.placement()::placementOf));
  }

  /**
   * Samples the keys of every range exchange whose bounds are still unknown (bottom-up, so a sort
   * of a sort samples the already partitioned input) with a job of its own, as Spark's
   * RangePartitioner does, and puts the bounds into the plan: typed ({@code Range}, one key object
   * per row) and columnar ({@code RangeColumns}, key tuples sampled from the columns).
   */
  private PhysicalPlan resolveRangeBounds(PhysicalPlan plan, Origin action) {
    List<PhysicalPlan> children = plan.children();
    if (!children.isEmpty()) {
      List<PhysicalPlan> resolved = new ArrayList<>(children.size());
      for (PhysicalPlan child : children) {
        resolved.add(resolveRangeBounds(child, action));
      }
      plan = plan.withChildren(resolved);
    }
    if (plan instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Range range
        && range.bounds() == null) {
      int inputs = exchange.child().partitionCount();
      int perPartition = (int) Math.min(1000, Math.max(20, 60L * range.partitions() / inputs));
      List<KeySample> samples = new ArrayList<>();
      for (byte[] answer : run(exchange.child(), new TaskSink.SampleKeys(range.key(), perPartition),
          "sample keys for " + action, List.of(physicalText(exchange.child())))) {
        samples.add(KryoSerde.deserialize(answer));
      }
      return exchange.withPartitioning(range.withBounds(RangeBounds.choose(samples, range.partitions(),
          range.order())));
    }
    if (plan instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.RangeColumns range
        && range.bounds() == null) {
      int inputs = exchange.child().partitionCount();
      int perPartition = (int) Math.min(1000, Math.max(20, 60L * range.partitions() / inputs));
      List<KeySample> samples = new ArrayList<>();
      SampleScans.Sampled sampled = SampleScans.keysOnly(exchange.child(), range.keys());
      for (byte[] answer : run(sampled.plan(), new TaskSink.SampleColumns(sampled.keys(), perPartition),
          "sample sort keys for " + action, List.of(physicalText(sampled.plan())))) {
        samples.add(KryoSerde.deserialize(answer));
      }
      return exchange.withPartitioning(range.withBounds(ColumnarRangeBounds.choose(samples, range.partitions(),
          range.keys())));
    }
    return plan;
  }

  private List<byte[]> run(PhysicalPlan physical, TaskSink sink, String description, List<PlanText> plans) {
    return run(physical, sink, description, plans, exchange -> null);
  }

  private List<byte[]> run(PhysicalPlan physical, TaskSink sink, String description, List<PlanText> plans,
      Function<ExchangeExec, String> exchangeNames) {
    List<StagePlan> stages = stagePlanner.plan(physical, sink, description, stageIds::getAndIncrement,
        shuffleIds::getAndIncrement, exchangeNames);
    List<StageSpec> specs = new ArrayList<>(stages.size());
    for (StagePlan stage : stages) {
      specs.add(TaskBinaries.serialize(stage));
    }
    JobSpec job = new JobSpec(jobIds.getAndIncrement(), description, specs, plans);
    try {
      JobResult result = scheduler.submit(job).get();
      return result.partitionResults();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.JOB_CANCELLED, "Interrupted while waiting for " + description, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EngineException engine) {
        throw new EngineException(engine.code(), engine.getMessage(), engine.getCause());
      }
      throw new EngineException(ErrorCode.INTERNAL, "Job for " + description + " failed: " + cause, cause);
    } finally {
      removeShuffles(specs);
    }
  }

  /**
   * Shuffle files are only read within their job (every action plans anew): delete them now, here
   * where the driver can reach them (local mode) and by asking every executor to delete its own
   * (on a cluster they are on the workers' disks).
   */
  private void removeShuffles(List<StageSpec> stages) {
    List<Integer> shuffleIds = new ArrayList<>();
    for (StageSpec stage : stages) {
      if (!stage.isShuffleMap()) {
        continue;
      }
      shuffleIds.add(stage.shuffleId());
      for (MapStatus output : scheduler.mapOutputs().removeShuffle(stage.shuffleId())) {
        if (output.location() != null) {
          continue;
        }
        Path data = Path.of(output.dataFile());
        try {
          Files.deleteIfExists(data);
          Files.deleteIfExists(ShuffleFiles.indexFile(data));
        } catch (IOException e) {
          // the session's work directory is deleted on close
        }
      }
    }
    if (session.master().isCluster()) {
      scheduler.removeShuffles(shuffleIds);
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
    return "== Logical Plan ==\n" + PlanPrinter.print(plan) + explain(PhysicalPlanner.plan(plan));
  }

  /** The physical plan and the stages it is cut into, as {@code explain()} prints them. */
  String explain(PhysicalPlan physical) {
    AtomicInteger previewIds = new AtomicInteger();
    AtomicInteger previewShuffles = new AtomicInteger();
    List<StagePlan> stages = stagePlanner.plan(physical, new TaskSink.Collect(), "collect",
        previewIds::getAndIncrement, previewShuffles::getAndIncrement);
    StringBuilder out = new StringBuilder();
    out.append("== Physical Plan ==\n").append(PlanPrinter.print(physical, session.placement()::placementOf));
    out.append("== Stages ==\n");
    for (StagePlan stage : stages) {
      out.append("Stage ").append(stage.stageId())
          .append(stage.shuffleId() < 0 ? " (result stage)" : " (shuffle map stage, writes shuffle "
              + stage.shuffleId() + " by " + ((TaskSink.ShuffleWrite) stage.sink()).partitioning().describe() + ")")
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
          : description.indexOf('[')).trim());
      if (node.children().size() != 1) {
        if (node.children().size() > 1) {
          names.set(0, names.get(0) + "(" + node.children().size() + " inputs)");
        }
        return String.join(" -> ", names);
      }
    }
  }
}
