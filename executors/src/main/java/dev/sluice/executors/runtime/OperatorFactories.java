package dev.sluice.executors.runtime;

import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.CoGroupExec;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.CoalesceBatchesExec;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ColumnarSortExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.HashAggregateExec;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.LongMapToObjExec;
import dev.sluice.engine.plan.physical.LongPipelineExec;
import dev.sluice.engine.plan.physical.MapPartitionsExec;
import dev.sluice.engine.plan.physical.MapToLongExec;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.PhysicalPlanVisitor;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.physical.RowPipelineExec;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.plan.physical.SortExec;
import dev.sluice.engine.plan.physical.TextScanExec;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.executors.columnar.CoalesceBatchesOperator;
import dev.sluice.executors.columnar.ColumnarAggregateOperator;
import dev.sluice.executors.columnar.ColumnarSortOperator;
import dev.sluice.executors.columnar.FilterProjectOperator;
import dev.sluice.executors.columnar.GpuAggregateOperator;
import dev.sluice.executors.columnar.GpuFilterProjectOperator;
import dev.sluice.executors.columnar.HashJoinOperator;
import dev.sluice.executors.operator.CoGroupOperator;
import dev.sluice.executors.operator.ConcatOperator;
import dev.sluice.executors.operator.HashAggregateOperator;
import dev.sluice.executors.operator.LocalLimitOperator;
import dev.sluice.executors.operator.LongMapToObjOperator;
import dev.sluice.executors.operator.LongPipelineOperator;
import dev.sluice.executors.operator.MapPartitionsOperator;
import dev.sluice.executors.operator.MapToLongOperator;
import dev.sluice.executors.operator.RangeScanOperator;
import dev.sluice.executors.operator.RowPipelineOperator;
import dev.sluice.executors.operator.SortOperator;
import dev.sluice.executors.operator.TextScanOperator;
import dev.sluice.executors.operator.ValuesScanOperator;
import dev.sluice.executors.shuffle.ShuffleReadOperator;
import dev.sluice.executors.source.FileScanOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the operator tree of a task from its resolved physical plan: one line per node kind, the
 * logic lives in each operator's own file. If building fails halfway, the operators already built
 * are closed.
 */
public final class OperatorFactories implements PhysicalPlanVisitor<Operator, TaskContext> {
  /** Told of every operator built. */
  @FunctionalInterface
  public interface BuildListener {
    /**
     * An operator was built.
     *
     * @param position its node's position in the plan's pre-order (the root 0, then each node
     *     before its children, children in {@link PhysicalPlan#children()} order)
     * @param node the node it runs
     * @param operator the operator
     */
    void built(int position, PhysicalPlan node, Operator operator);
  }

  private final BuildListener listener;
  /** The pre-order position of the next node entered. */
  private int nextPosition;

  private OperatorFactories(BuildListener listener) {
    this.listener = listener;
  }

  /** The operator tree for a plan resolved to one partition. */
  public static Operator build(PhysicalPlan plan, TaskContext context) {
    return build(plan, context, (position, node, operator) -> { });
  }

  /**
   * The operator tree for a plan resolved to one partition; {@code listener} is told of each
   * operator with its node and the node's pre-order position, so that the task can report every
   * operator's figures.
   */
  public static Operator build(PhysicalPlan plan, TaskContext context, BuildListener listener) {
    return new OperatorFactories(listener).operator(plan, context);
  }

  private Operator operator(PhysicalPlan node, TaskContext context) {
    int position = nextPosition++;
    Operator operator = node.accept(this, context);
    listener.built(position, node, operator);
    return operator;
  }

  private Operator child(PhysicalPlan node, TaskContext context) {
    return operator(node.children().get(0), context);
  }

  @Override
  public Operator visitRangeScan(RangeScanExec node, TaskContext context) {
    return new RangeScanOperator(node, context.operator());
  }

  @Override
  public Operator visitValuesScan(ValuesScanExec node, TaskContext context) {
    return new ValuesScanOperator(node, context.operator());
  }

  @Override
  public Operator visitTextScan(TextScanExec node, TaskContext context) {
    return new TextScanOperator(node, context.operator());
  }

  @Override
  public Operator visitRowPipeline(RowPipelineExec node, TaskContext context) {
    return new RowPipelineOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitMapPartitions(MapPartitionsExec node, TaskContext context) {
    return new MapPartitionsOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitLongPipeline(LongPipelineExec node, TaskContext context) {
    return new LongPipelineOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitMapToLong(MapToLongExec node, TaskContext context) {
    return new MapToLongOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitLongMapToObj(LongMapToObjExec node, TaskContext context) {
    return new LongMapToObjOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitUnion(UnionExec node, TaskContext context) {
    return new ConcatOperator(inputs(node.inputs(), context));
  }

  private List<Operator> inputs(List<PhysicalPlan> plans, TaskContext context) {
    List<Operator> inputs = new ArrayList<>(plans.size());
    try {
      for (PhysicalPlan input : plans) {
        inputs.add(operator(input, context));
      }
    } catch (RuntimeException e) {
      inputs.forEach(Operator::close);
      throw e;
    }
    return inputs;
  }

  @Override
  public Operator visitCoalesce(CoalesceExec node, TaskContext context) {
    throw new EngineException(ErrorCode.INTERNAL,
        "Coalesce " + node.id() + " reached an executor unresolved; PartitionResolver replaces it");
  }

  @Override
  public Operator visitLocalLimit(LocalLimitExec node, TaskContext context) {
    return new LocalLimitOperator(node, child(node, context));
  }

  @Override
  public Operator visitExchange(ExchangeExec node, TaskContext context) {
    throw new EngineException(ErrorCode.INTERNAL,
        "Exchange " + node.id() + " reached an executor; the stage planner cuts stages there");
  }

  @Override
  public Operator visitShuffleRead(ShuffleReadExec node, TaskContext context) {
    return new ShuffleReadOperator(node, context.operator(), context.executor().mapOutputs(),
        context.executor().shuffleBlocks());
  }

  @Override
  public Operator visitHashAggregate(HashAggregateExec node, TaskContext context) {
    return new HashAggregateOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitCoGroup(CoGroupExec node, TaskContext context) {
    return new CoGroupOperator(node, inputs(node.inputs(), context), context.operator());
  }

  @Override
  public Operator visitSort(SortExec node, TaskContext context) {
    return new SortOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitFileScan(FileScanExec node, TaskContext context) {
    return new FileScanOperator(node, context.operator());
  }

  @Override
  public Operator visitFilterProject(FilterProjectExec node, TaskContext context) {
    if (node.placement().gpu()) {
      Optional<GpuOperators> gpu = GpuProvider.INSTANCE;
      if (gpu.isPresent()) {
        return new GpuFilterProjectOperator(node, child(node, context), context.operator(), gpu.get());
      }
    }
    return new FilterProjectOperator(node, child(node, context), context.operator());
  }

  /** The GPU operators on the class path, looked up once, when the first GPU-placed node is built. */
  private static final class GpuProvider {
    static final Optional<GpuOperators> INSTANCE = GpuOperators.discover();
  }

  /** The GPU operators on the class path, if any (for the sinks of GPU-placed exchanges too). */
  static Optional<GpuOperators> gpuOperators() {
    return GpuProvider.INSTANCE;
  }

  @Override
  public Operator visitColumnarAggregate(ColumnarAggregateExec node, TaskContext context) {
    if (node.placement().gpu() && node.mode() == AggregateMode.PARTIAL) {
      Optional<GpuOperators> gpu = GpuProvider.INSTANCE;
      if (gpu.isPresent()) {
        return new GpuAggregateOperator(node, child(node, context), context.operator(), gpu.get());
      }
    }
    return new ColumnarAggregateOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitCoalesceBatches(CoalesceBatchesExec node, TaskContext context) {
    return new CoalesceBatchesOperator(node, child(node, context), context.operator());
  }

  @Override
  public Operator visitHashJoin(HashJoinExec node, TaskContext context) {
    List<Operator> sides = inputs(node.children(), context);
    return new HashJoinOperator(node, sides.get(0), sides.get(1), context.operator());
  }

  @Override
  public Operator visitColumnarSort(ColumnarSortExec node, TaskContext context) {
    return new ColumnarSortOperator(node, child(node, context), context.operator());
  }
}
