package dev.sluice.scheduler.stage;

import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Cuts a physical plan into stages at its exchanges. Pure: no actors, no I/O, unit-testable on
 * plan shapes.
 */
public interface StagePlanner {
  /**
   * The stages of a job, parents before children; the last one is the result stage, whose tasks
   * end in {@code sink}. Every other stage is a shuffle-map stage writing one shuffle.
   *
   * @param root the job's physical plan
   * @param sink what the result stage's tasks do with their batches
   * @param name the name of the result stage (the action and its call site)
   * @param stageIds hands out session-unique stage ids
   * @param shuffleIds hands out session-unique shuffle ids
   */
  default List<StagePlan> plan(PhysicalPlan root, TaskSink sink, String name, IntSupplier stageIds,
      IntSupplier shuffleIds) {
    return plan(root, sink, name, stageIds, shuffleIds, exchange -> null);
  }

  /**
   * As {@link #plan(PhysicalPlan, TaskSink, String, IntSupplier, IntSupplier)}, naming each
   * shuffle-map stage {@code exchangeNames.apply(exchange)} (e.g. {@code reduceByKey at App.java:12},
   * the operation that asked for the shuffle), or by its shuffle and partitioning where that is null.
   */
  List<StagePlan> plan(PhysicalPlan root, TaskSink sink, String name, IntSupplier stageIds, IntSupplier shuffleIds,
      Function<ExchangeExec, String> exchangeNames);
}
