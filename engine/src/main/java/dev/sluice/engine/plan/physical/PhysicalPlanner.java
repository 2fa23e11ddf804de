package dev.sluice.engine.plan.physical;

import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.encoding.RowEncoder;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.FlatMapFunction;
import dev.sluice.engine.function.LongMapToObjFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.function.MapPartitionsFunction;
import dev.sluice.engine.function.MapToLongFunction;
import dev.sluice.engine.keyed.PairKey;
import dev.sluice.engine.plan.CoGroupNode;
import dev.sluice.engine.plan.CoalesceNode;
import dev.sluice.engine.plan.CombineByKeyNode;
import dev.sluice.engine.plan.FilterNode;
import dev.sluice.engine.plan.FlatMapNode;
import dev.sluice.engine.plan.LimitNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.LongFilterNode;
import dev.sluice.engine.plan.LongMapNode;
import dev.sluice.engine.plan.LongMapToObjNode;
import dev.sluice.engine.plan.MapNode;
import dev.sluice.engine.plan.MapPartitionsNode;
import dev.sluice.engine.plan.MapToLongNode;
import dev.sluice.engine.plan.PartitionByNode;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.PlanVisitor;
import dev.sluice.engine.plan.RangeNode;
import dev.sluice.engine.plan.RelationNode;
import dev.sluice.engine.plan.RepartitionNode;
import dev.sluice.engine.plan.SortNode;
import dev.sluice.engine.plan.TextFileNode;
import dev.sluice.engine.plan.UnionNode;
import dev.sluice.engine.plan.ValuesNode;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a logical plan into a physical one. What it decides:
 *
 * <ul>
 *   <li>consecutive per-row functions (map, flatMap, filter) fuse into one {@link RowPipelineExec},
 *       and consecutive long maps and filters into one {@link LongPipelineExec}, so rows are
 *       decoded and encoded once per chain instead of once per function;
 *   <li>nested unions flatten into one {@link UnionExec};
 *   <li>a limit becomes a {@link LocalLimitExec} in every partition, a {@link CoalesceExec} to one
 *       partition, and a final {@link LocalLimitExec}: the single last task reads partitions in
 *       order and stops as soon as it has enough rows;
 *   <li>a range is cut into equal splits;
 *   <li>keyed combines become a partial {@link HashAggregateExec}, a hash {@link ExchangeExec} and a
 *       final one (or a complete one after the exchange without map-side combine); cogroups
 *       exchange every input by key; sorts are a range exchange (bounds sampled before the job)
 *       followed by a {@link SortExec}; repartition is a round-robin exchange (a single-partition
 *       one for {@code repartition(1)});
 *   <li>a DataFrame seen as typed rows ({@link RelationNode}) is optimized and planned by the
 *       relational planner, topped by a {@link FilterProjectExec} whose output schema labels the
 *       batches as encoded rows of the node's class.
 * </ul>
 */
public final class PhysicalPlanner implements PlanVisitor<PhysicalPlan, Void> {
  private static final PhysicalPlanner INSTANCE = new PhysicalPlanner();

  private PhysicalPlanner() {}

  public static PhysicalPlan plan(LogicalPlan logical) {
    return logical.accept(INSTANCE, null);
  }

  private PhysicalPlan child(LogicalPlan node) {
    return node.children().get(0).accept(this, null);
  }

  @Override
  public PhysicalPlan visitRange(RangeNode node, Void context) {
    return new RangeScanExec(node.id(), rangeSplits(node));
  }

  /** Splits {@code [start, end)} by step into {@code partitions} runs whose sizes differ by at most one. */
  static List<RangeSplit> rangeSplits(RangeNode node) {
    BigInteger span = BigInteger.valueOf(node.end()).subtract(BigInteger.valueOf(node.start()));
    BigInteger step = BigInteger.valueOf(node.step());
    BigInteger count = BigInteger.ZERO;
    if (span.signum() != 0 && span.signum() == step.signum()) {
      BigInteger[] division = span.divideAndRemainder(step);
      count = division[1].signum() == 0 ? division[0] : division[0].add(BigInteger.ONE);
    }
    if (count.bitLength() > 62) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "range(" + node.start() + ", " + node.end() + ", " + node.step() + ") has " + count
              + " elements, more than the " + Long.MAX_VALUE / 2 + " Sluice supports");
    }
    long total = count.longValue();
    int partitions = node.partitions();
    List<RangeSplit> splits = new ArrayList<>(partitions);
    long first = node.start();
    for (int p = 0; p < partitions; p++) {
      long from = BigInteger.valueOf(total).multiply(BigInteger.valueOf(p))
          .divide(BigInteger.valueOf(partitions)).longValue();
      long to = BigInteger.valueOf(total).multiply(BigInteger.valueOf(p + 1L))
          .divide(BigInteger.valueOf(partitions)).longValue();
      splits.add(new RangeSplit(first + from * node.step(), to - from, node.step()));
    }
    return splits;
  }

  @Override
  public PhysicalPlan visitValues(ValuesNode node, Void context) {
    return new ValuesScanExec(node.id(), node.partitions(), node.rowClass());
  }

  @Override
  public PhysicalPlan visitTextFile(TextFileNode node, Void context) {
    return new TextScanExec(node.id(), node.splits());
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitMap(MapNode node, Void context) {
    return appendRowStep(node.id(), child(node),
        new RowStep.Map(node.origin(), (MapFunction<Object, Object>) node.function()), node.rowClass());
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitFlatMap(FlatMapNode node, Void context) {
    return appendRowStep(node.id(), child(node),
        new RowStep.FlatMap(node.origin(), (FlatMapFunction<Object, Object>) node.function()), node.rowClass());
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitFilter(FilterNode node, Void context) {
    PhysicalPlan child = child(node);
    return appendRowStep(node.id(), child,
        new RowStep.Filter(node.origin(), (FilterFunction<Object>) node.function()), child.rowClass());
  }

  private static PhysicalPlan appendRowStep(PlanNodeId id, PhysicalPlan child, RowStep step, Class<?> rowClass) {
    if (child instanceof RowPipelineExec pipeline) {
      List<RowStep> steps = new ArrayList<>(pipeline.steps());
      steps.add(step);
      return new RowPipelineExec(pipeline.id(), pipeline.child(), steps, rowClass);
    }
    return new RowPipelineExec(id, child, List.of(step), rowClass);
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitMapPartitions(MapPartitionsNode node, Void context) {
    return new MapPartitionsExec(node.id(), child(node),
        (MapPartitionsFunction<Object, Object>) node.function(), node.rowClass());
  }

  @Override
  public PhysicalPlan visitLongMap(LongMapNode node, Void context) {
    return appendLongStep(node.id(), child(node), new LongStep.Map(node.function()));
  }

  @Override
  public PhysicalPlan visitLongFilter(LongFilterNode node, Void context) {
    return appendLongStep(node.id(), child(node), new LongStep.Filter(node.function()));
  }

  private static PhysicalPlan appendLongStep(PlanNodeId id, PhysicalPlan child, LongStep step) {
    if (child instanceof LongPipelineExec pipeline) {
      List<LongStep> steps = new ArrayList<>(pipeline.steps());
      steps.add(step);
      return new LongPipelineExec(pipeline.id(), pipeline.child(), steps);
    }
    return new LongPipelineExec(id, child, List.of(step));
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitMapToLong(MapToLongNode node, Void context) {
    return new MapToLongExec(node.id(), child(node), (MapToLongFunction<Object>) node.function());
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitLongMapToObj(LongMapToObjNode node, Void context) {
    return new LongMapToObjExec(node.id(), child(node),
        (LongMapToObjFunction<Object>) node.function(), node.rowClass());
  }

  @Override
  public PhysicalPlan visitUnion(UnionNode node, Void context) {
    List<PhysicalPlan> inputs = new ArrayList<>();
    for (LogicalPlan input : node.inputs()) {
      PhysicalPlan planned = input.accept(this, null);
      if (planned instanceof UnionExec union) {
        inputs.addAll(union.inputs());
      } else {
        inputs.add(planned);
      }
    }
    return new UnionExec(node.id(), inputs);
  }

  @Override
  public PhysicalPlan visitLimit(LimitNode node, Void context) {
    PhysicalPlan child = child(node);
    if (child.partitionCount() == 1) {
      return new LocalLimitExec(node.id(), child, node.count());
    }
    PhysicalPlan perPartition = new LocalLimitExec(node.id(), child, node.count());
    return new LocalLimitExec(node.id(), new CoalesceExec(node.id(), perPartition, 1), node.count());
  }

  @Override
  public PhysicalPlan visitCombineByKey(CombineByKeyNode node, Void context) {
    PhysicalPlan child = child(node);
    Partitioning byKey = new Partitioning.Hash(node.partitions(), PairKey.INSTANCE);
    if (!node.mapSideCombine()) {
      return new HashAggregateExec(node.id(), new ExchangeExec(node.id(), child, byKey), node.aggregator(),
          HashAggregateExec.Mode.COMPLETE);
    }
    PhysicalPlan partial = new HashAggregateExec(node.id(), child, node.aggregator(), HashAggregateExec.Mode.PARTIAL);
    return new HashAggregateExec(node.id(), new ExchangeExec(node.id(), partial, byKey), node.aggregator(),
        HashAggregateExec.Mode.FINAL);
  }

  @Override
  public PhysicalPlan visitCoGroup(CoGroupNode node, Void context) {
    List<PhysicalPlan> inputs = new ArrayList<>(node.inputs().size());
    for (LogicalPlan input : node.inputs()) {
      inputs.add(new ExchangeExec(node.id(), input.accept(this, null),
          new Partitioning.Hash(node.partitions(), PairKey.INSTANCE)));
    }
    return new CoGroupExec(node.id(), inputs);
  }

  @Override
  @SuppressWarnings("unchecked")
  public PhysicalPlan visitSort(SortNode node, Void context) {
    MapFunction<Object, Object> key = (MapFunction<Object, Object>) node.keyFunction();
    PhysicalPlan exchange = new ExchangeExec(node.id(), child(node),
        new Partitioning.Range(node.partitions(), key, node.order(), null));
    return new SortExec(node.id(), exchange, key, node.order());
  }

  @Override
  public PhysicalPlan visitRepartition(RepartitionNode node, Void context) {
    Partitioning spread = node.partitions() == 1 ? new Partitioning.Single()
        : new Partitioning.RoundRobin(node.partitions());
    return new ExchangeExec(node.id(), child(node), spread);
  }

  @Override
  public PhysicalPlan visitPartitionBy(PartitionByNode node, Void context) {
    return new ExchangeExec(node.id(), child(node), new Partitioning.Hash(node.partitions(), PairKey.INSTANCE));
  }

  @Override
  public PhysicalPlan visitCoalesce(CoalesceNode node, Void context) {
    PhysicalPlan child = child(node);
    return node.partitions() >= child.partitionCount() ? child
        : new CoalesceExec(node.id(), child, node.partitions());
  }

  @Override
  public PhysicalPlan visitRelation(RelationNode node, Void context) {
    PhysicalPlan columnar = RelationalPlanner.plan(Optimizer.optimize(node.relation()), node.settings());
    Schema columns = node.relation().schema();
    List<Expression> references = new ArrayList<>(columns.fields().size());
    for (int i = 0; i < columns.fields().size(); i++) {
      Field field = columns.fields().get(i);
      references.add(new BoundRef(i, field.name(), field.type()));
    }
    RowEncoder encoder = Encoders.forClass(node.rowClass());
    Schema labelled = columns.withMetadata(RowEncoder.ENCODING_KEY, encoder.encoding())
        .withMetadata(RowEncoder.CLASS_KEY, encoder.javaClass().getName());
    return new FilterProjectExec(node.id(), columnar, null, references, labelled);
  }
}
