package dev.sluice.engine.plan.physical;

import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.plan.split.ValuesSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Cuts the plan of one task out of a stage's plan: for partition {@code p} it keeps, in every
 * source, only the split that partition reads; it replaces a {@link UnionExec} by the one input
 * that owns the partition, and a {@link CoalesceExec} by a {@link UnionExec} (concatenation) of
 * the input partitions it groups. The result has one partition everywhere and carries only the
 * data that task needs.
 */
public final class PartitionResolver implements PhysicalPlanVisitor<PhysicalPlan, Integer> {
  private static final PartitionResolver INSTANCE = new PartitionResolver((resolved, node) -> { });

  /** Told, for every node of the result, the node of the stage's plan it was resolved from. */
  private final BiConsumer<PhysicalPlan, PhysicalPlan> resolvedFrom;

  private PartitionResolver(BiConsumer<PhysicalPlan, PhysicalPlan> resolvedFrom) {
    this.resolvedFrom = resolvedFrom;
  }

  /** The plan that the task for {@code partition} of {@code plan} runs. */
  public static PhysicalPlan resolve(PhysicalPlan plan, int partition) {
    return resolve(plan, partition, INSTANCE);
  }

  /**
   * The plan that the task for {@code partition} of {@code plan} runs; {@code resolvedFrom} is told
   * (resolved node, node of {@code plan}) once for every node of the result, so that figures about
   * the task's operators can be attributed to the stage's nodes. A union's place is taken by its
   * owning input's node, a coalesce's by a new {@link UnionExec} (told as the coalesce's) or by its
   * only input's node.
   */
  public static PhysicalPlan resolve(PhysicalPlan plan, int partition,
      BiConsumer<PhysicalPlan, PhysicalPlan> resolvedFrom) {
    return resolve(plan, partition, new PartitionResolver(resolvedFrom));
  }

  private static PhysicalPlan resolve(PhysicalPlan plan, int partition, PartitionResolver resolver) {
    if (partition < 0 || partition >= plan.partitionCount()) {
      throw new IllegalArgumentException("partition must be between 0 and " + (plan.partitionCount() - 1)
          + ", got " + partition);
    }
    return resolver.node(plan, partition);
  }

  /**
   * Resolves one node and reports the result as resolved from it; a union or coalesce answers a
   * node resolved (and reported) below it, or reports its own new union itself.
   */
  private PhysicalPlan node(PhysicalPlan node, int partition) {
    PhysicalPlan resolved = node.accept(this, partition);
    if (!(node instanceof UnionExec) && !(node instanceof CoalesceExec)) {
      resolvedFrom.accept(resolved, node);
    }
    return resolved;
  }

  private PhysicalPlan unary(PhysicalPlan node, int partition) {
    return node.withChildren(List.of(node(node.children().get(0), partition)));
  }

  @Override
  public PhysicalPlan visitRangeScan(RangeScanExec node, Integer partition) {
    List<RangeSplit> one = List.of(node.splits().get(partition));
    return new RangeScanExec(node.id(), one);
  }

  @Override
  public PhysicalPlan visitValuesScan(ValuesScanExec node, Integer partition) {
    List<ValuesSplit> one = List.of(node.splits().get(partition));
    return new ValuesScanExec(node.id(), one, node.rowClass());
  }

  @Override
  public PhysicalPlan visitTextScan(TextScanExec node, Integer partition) {
    List<FileSplit> one = List.of(node.splits().get(partition));
    return new TextScanExec(node.id(), one);
  }

  @Override
  public PhysicalPlan visitRowPipeline(RowPipelineExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitMapPartitions(MapPartitionsExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitLongPipeline(LongPipelineExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitMapToLong(MapToLongExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitLongMapToObj(LongMapToObjExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitLocalLimit(LocalLimitExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitUnion(UnionExec node, Integer partition) {
    int offset = 0;
    for (PhysicalPlan input : node.inputs()) {
      if (partition < offset + input.partitionCount()) {
        return node(input, partition - offset);
      }
      offset += input.partitionCount();
    }
    throw new IllegalStateException("partition " + partition + " is beyond " + node.describe());
  }

  @Override
  public PhysicalPlan visitCoalesce(CoalesceExec node, Integer partition) {
    int inputs = node.child().partitionCount();
    int from = (int) ((long) inputs * partition / node.partitions());
    int to = (int) ((long) inputs * (partition + 1) / node.partitions());
    List<PhysicalPlan> parts = new ArrayList<>(to - from);
    for (int q = from; q < to; q++) {
      parts.add(node(node.child(), q));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    UnionExec concatenation = new UnionExec(node.id(), parts);
    resolvedFrom.accept(concatenation, node);
    return concatenation;
  }

  @Override
  public PhysicalPlan visitExchange(ExchangeExec node, Integer partition) {
    throw new IllegalStateException("Exchange " + node.id() + " inside a stage: the stage planner cuts at exchanges");
  }

  @Override
  public PhysicalPlan visitShuffleRead(ShuffleReadExec node, Integer partition) {
    return node.forPartition(partition);
  }

  @Override
  public PhysicalPlan visitHashAggregate(HashAggregateExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitCoGroup(CoGroupExec node, Integer partition) {
    List<PhysicalPlan> inputs = new ArrayList<>(node.inputs().size());
    for (PhysicalPlan input : node.inputs()) {
      inputs.add(node(input, partition));
    }
    return node.withChildren(inputs);
  }

  @Override
  public PhysicalPlan visitSort(SortExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitFileScan(FileScanExec node, Integer partition) {
    return node.withSplits(List.of(node.splits().get(partition)));
  }

  @Override
  public PhysicalPlan visitFilterProject(FilterProjectExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitColumnarAggregate(ColumnarAggregateExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitCoalesceBatches(CoalesceBatchesExec node, Integer partition) {
    return unary(node, partition);
  }

  @Override
  public PhysicalPlan visitHashJoin(HashJoinExec node, Integer partition) {
    return node.withChildren(List.of(node(node.left(), partition), node(node.right(), partition)));
  }

  @Override
  public PhysicalPlan visitColumnarSort(ColumnarSortExec node, Integer partition) {
    return unary(node, partition);
  }
}
