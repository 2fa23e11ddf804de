package dev.sluice.engine.plan.physical;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * A node of the physical plan: what runs, partition by partition. Narrow operators keep their
 * input's partitioning; sources know their splits; {@link UnionExec} and {@link CoalesceExec}
 * combine partitions without moving data between tasks; an {@link ExchangeExec} moves rows between
 * tasks and is where the stage planner cuts.
 *
 * <p>The plan a task receives is <em>resolved</em> for its partition by {@link PartitionResolver}:
 * every source holds exactly the splits that task reads.
 */
public sealed interface PhysicalPlan
    permits RangeScanExec,
        ValuesScanExec,
        TextScanExec,
        RowPipelineExec,
        MapPartitionsExec,
        LongPipelineExec,
        MapToLongExec,
        LongMapToObjExec,
        UnionExec,
        CoalesceExec,
        LocalLimitExec,
        ExchangeExec,
        ShuffleReadExec,
        HashAggregateExec,
        CoGroupExec,
        SortExec,
        FileScanExec,
        FilterProjectExec,
        ColumnarAggregateExec,
        HashJoinExec,
        ColumnarSortExec,
        CoalesceBatchesExec {

  PlanNodeId id();

  List<PhysicalPlan> children();

  /** This node with other children, as a new node. */
  PhysicalPlan withChildren(List<PhysicalPlan> children);

  /** How many partitions this node produces. */
  int partitionCount();

  /** The Java class of the rows, or {@code Object.class} when it is not known before run time. */
  Class<?> rowClass();

  /** One line describing this node (without its children), for explain. */
  String describe();

  <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context);

  /** The only child of a unary node, for implementations. */
  static PhysicalPlan onlyChild(List<PhysicalPlan> children, PhysicalPlan node) {
    if (children.size() != 1) {
      throw new IllegalArgumentException(
          node.getClass().getSimpleName() + " takes exactly one child, got " + children.size());
    }
    return children.get(0);
  }
}
