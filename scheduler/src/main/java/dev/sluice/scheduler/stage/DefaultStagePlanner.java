package dev.sluice.scheduler.stage;

import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The stage planner: walks the physical plan bottom-up and cuts at every {@link ExchangeExec}. The
 * exchange's input becomes a shuffle-map stage whose tasks write the shuffle; the exchange itself
 * becomes a {@link ShuffleReadExec} leaf in the stage above. Equal exchanges (the same dataset
 * shuffled the same way twice in one job, e.g. a self-join) become one stage read twice.
 */
public final class DefaultStagePlanner implements StagePlanner {
  @Override
  public List<StagePlan> plan(PhysicalPlan root, TaskSink sink, String name, IntSupplier stageIds,
      IntSupplier shuffleIds, Function<ExchangeExec, String> exchangeNames) {
    Cutter cutter = new Cutter(stageIds, shuffleIds, exchangeNames);
    PhysicalPlan result = cutter.cut(root);
    cutter.stages.add(new StagePlan(stageIds.getAsInt(), name, result, sink, cutter.parentsOf(result), -1));
    return List.copyOf(cutter.stages);
  }

  /** The state of one planning pass. */
  private static final class Cutter {
    private final IntSupplier stageIds;
    private final IntSupplier shuffleIds;
    private final List<StagePlan> stages = new ArrayList<>();
    private final Map<ExchangeExec, ShuffleReadExec> reads = new HashMap<>();
    private final Map<Integer, Integer> stageOfShuffle = new HashMap<>();
    private final Function<ExchangeExec, String> exchangeNames;

    Cutter(IntSupplier stageIds, IntSupplier shuffleIds, Function<ExchangeExec, String> exchangeNames) {
      this.stageIds = stageIds;
      this.shuffleIds = shuffleIds;
      this.exchangeNames = exchangeNames;
    }

    PhysicalPlan cut(PhysicalPlan node) {
      if (node instanceof ExchangeExec exchange) {
        ShuffleReadExec known = reads.get(exchange);
        if (known != null) {
          return known;
        }
        PhysicalPlan mapSide = cut(exchange.child());
        int shuffleId = shuffleIds.getAsInt();
        int stageId = stageIds.getAsInt();
        String named = exchangeNames.apply(exchange);
        String stageName = named != null ? named : "shuffle " + shuffleId + " " + exchange.partitioning().describe();
        TaskSink write = new TaskSink.ShuffleWrite(shuffleId, exchange.partitioning(), exchange.placement());
        stages.add(new StagePlan(stageId, stageName, mapSide, write, parentsOf(mapSide), shuffleId));
        stageOfShuffle.put(shuffleId, stageId);
        ShuffleReadExec read = new ShuffleReadExec(exchange.id(), shuffleId, mapSide.partitionCount(),
            exchange.partitioning().partitions(), exchange.rowClass(), List.of(),
            exchange.partitioning() instanceof Partitioning.Broadcast);
        reads.put(exchange, read);
        return read;
      }
      List<PhysicalPlan> children = node.children();
      if (children.isEmpty()) {
        return node;
      }
      List<PhysicalPlan> cut = new ArrayList<>(children.size());
      for (PhysicalPlan child : children) {
        cut.add(cut(child));
      }
      return node.withChildren(cut);
    }

    List<Integer> parentsOf(PhysicalPlan plan) {
      Set<Integer> parents = new LinkedHashSet<>();
      collect(plan, parents);
      return List.copyOf(parents);
    }

    private void collect(PhysicalPlan plan, Set<Integer> parents) {
      if (plan instanceof ShuffleReadExec read) {
        parents.add(stageOfShuffle.get(read.shuffleId()));
      }
      for (PhysicalPlan child : plan.children()) {
        collect(child, parents);
      }
    }
  }
}
