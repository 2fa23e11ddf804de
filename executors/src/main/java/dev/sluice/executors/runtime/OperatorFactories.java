package dev.sluice.executors.runtime;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.LongMapToObjExec;
import dev.sluice.engine.plan.physical.LongPipelineExec;
import dev.sluice.engine.plan.physical.MapPartitionsExec;
import dev.sluice.engine.plan.physical.MapToLongExec;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.PhysicalPlanVisitor;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.physical.RowPipelineExec;
import dev.sluice.engine.plan.physical.TextScanExec;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.executors.operator.ConcatOperator;
import dev.sluice.executors.operator.LocalLimitOperator;
import dev.sluice.executors.operator.LongMapToObjOperator;
import dev.sluice.executors.operator.LongPipelineOperator;
import dev.sluice.executors.operator.MapPartitionsOperator;
import dev.sluice.executors.operator.MapToLongOperator;
import dev.sluice.executors.operator.RangeScanOperator;
import dev.sluice.executors.operator.RowPipelineOperator;
import dev.sluice.executors.operator.TextScanOperator;
import dev.sluice.executors.operator.ValuesScanOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the operator tree of a task from its resolved physical plan: one line per node kind, the
 * logic lives in each operator's own file. If building fails halfway, the operators already built
 * are closed.
 */
public final class OperatorFactories implements PhysicalPlanVisitor<Operator, OperatorContext> {
  private static final OperatorFactories INSTANCE = new OperatorFactories();

  private OperatorFactories() {}

  /** The operator tree for a plan resolved to one partition. */
  public static Operator build(PhysicalPlan plan, OperatorContext context) {
    return plan.accept(INSTANCE, context);
  }

  private Operator child(PhysicalPlan node, OperatorContext context) {
    return node.children().get(0).accept(this, context);
  }

  @Override
  public Operator visitRangeScan(RangeScanExec node, OperatorContext context) {
    return new RangeScanOperator(node, context);
  }

  @Override
  public Operator visitValuesScan(ValuesScanExec node, OperatorContext context) {
    return new ValuesScanOperator(node, context);
  }

  @Override
  public Operator visitTextScan(TextScanExec node, OperatorContext context) {
    return new TextScanOperator(node, context);
  }

  @Override
  public Operator visitRowPipeline(RowPipelineExec node, OperatorContext context) {
    return new RowPipelineOperator(node, child(node, context), context);
  }

  @Override
  public Operator visitMapPartitions(MapPartitionsExec node, OperatorContext context) {
    return new MapPartitionsOperator(node, child(node, context), context);
  }

  @Override
  public Operator visitLongPipeline(LongPipelineExec node, OperatorContext context) {
    return new LongPipelineOperator(node, child(node, context), context);
  }

  @Override
  public Operator visitMapToLong(MapToLongExec node, OperatorContext context) {
    return new MapToLongOperator(node, child(node, context), context);
  }

  @Override
  public Operator visitLongMapToObj(LongMapToObjExec node, OperatorContext context) {
    return new LongMapToObjOperator(node, child(node, context), context);
  }

  @Override
  public Operator visitUnion(UnionExec node, OperatorContext context) {
    List<Operator> inputs = new ArrayList<>(node.inputs().size());
    try {
      for (PhysicalPlan input : node.inputs()) {
        inputs.add(input.accept(this, context));
      }
    } catch (RuntimeException e) {
      inputs.forEach(Operator::close);
      throw e;
    }
    return new ConcatOperator(inputs);
  }

  @Override
  public Operator visitCoalesce(CoalesceExec node, OperatorContext context) {
    throw new EngineException(ErrorCode.INTERNAL,
        "Coalesce " + node.id() + " reached an executor unresolved; PartitionResolver replaces it");
  }

  @Override
  public Operator visitLocalLimit(LocalLimitExec node, OperatorContext context) {
    return new LocalLimitOperator(node, child(node, context));
  }
}
