package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Reads the output of a shuffle: the leaf that replaces an {@link ExchangeExec} in the stage after
 * it. In a task's resolved plan, {@code reducePartitions} names the shuffle partitions that task
 * reads (one, or several under a coalesce); unresolved, it is empty.
 *
 * @param id the id of the exchange it replaces
 * @param shuffleId the shuffle, unique within the session
 * @param mapPartitions how many map tasks wrote the shuffle
 * @param partitions how many partitions the shuffle has
 * @param rowClass the class of the rows, or Object.class
 * @param reducePartitions the partitions a resolved task reads, in order; empty when unresolved
 * @param broadcast whether the exchange was a {@link Partitioning.Broadcast}: every reader reads
 *     shuffle partition 0 (all rows), whatever its own partition
 */
public record ShuffleReadExec(
    PlanNodeId id, int shuffleId, int mapPartitions, int partitions, Class<?> rowClass,
    List<Integer> reducePartitions, boolean broadcast) implements PhysicalPlan {
  public ShuffleReadExec {
    requireNonNull(id, "id is null");
    requireNonNull(rowClass, "rowClass is null");
    reducePartitions = List.copyOf(requireNonNull(reducePartitions, "reducePartitions is null"));
    if (mapPartitions < 1 || partitions < 1) {
      throw new IllegalArgumentException("a shuffle needs at least one map and one reduce partition");
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("ShuffleReadExec has no children, got " + children.size());
    }
    return this;
  }

  /** This read resolved to one partition. */
  public ShuffleReadExec forPartition(int partition) {
    return new ShuffleReadExec(id, shuffleId, mapPartitions, partitions, rowClass,
        List.of(broadcast ? 0 : partition), broadcast);
  }

  @Override
  public int partitionCount() {
    return partitions;
  }

  @Override
  public String describe() {
    return "ShuffleRead[shuffle " + shuffleId + (broadcast ? ", broadcast" : "") + ", " + mapPartitions + " maps -> " + partitions + " partitions"
        + (reducePartitions.isEmpty() ? "" : ", reading " + reducePartitions) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitShuffleRead(this, context);
  }
}
