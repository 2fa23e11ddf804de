package dev.sluice.engine.relational.planner;

import static dev.sluice.engine.relational.optimizer.ExpressionRewrites.stripAlias;
import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.BuildSide;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ColumnarSortExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.PhysicalPlanner;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DatasetRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.relational.optimizer.Predicates;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Turns an optimized relation tree into a physical plan of columnar nodes. What it decides:
 *
 * <ul>
 *   <li>a scan reads one {@link FileSplit} per task (a whole Parquet file, or a byte range of at
 *       most {@code maxSplitBytes} of CSV/JSON/text, see {@link FileSplits}); local rows become a
 *       {@link ValuesScanExec}; a typed dataset is planned by the typed {@link PhysicalPlanner};
 *   <li>a chain of filters and projections becomes one {@link FilterProjectExec};
 *   <li>an aggregate is two-phase: a partial {@link ColumnarAggregateExec}, an exchange hashing the
 *       grouping columns ({@code shufflePartitions} partitions; a single partition without
 *       grouping), a final one, and a projection computing the output expressions over the grouping
 *       columns and aggregate results (left out when the outputs are exactly those columns); over a
 *       single input partition one complete aggregate does it all. Distinct aggregates are first
 *       rewritten into two aggregations ({@link DistinctAggregates});
 *   <li>a join is a {@link HashJoinExec} on its equi-keys ({@link JoinKeys}): broadcast when a side
 *       the join type allows is estimated ({@link Statistics}) at most
 *       {@code broadcastThresholdBytes} (inner: the smaller side; left outer, semi, anti: the right;
 *       right outer: the left), the stream side then not shuffled; otherwise both sides hash-exchanged
 *       on their keys and the smaller estimate built. A join without an equality (a cross join) has a
 *       constant key and a residual: broadcast as above, else both sides gathered into one partition;
 *   <li>a sort is a range exchange (bounds sampled by the driver before the job) and a sort per
 *       partition; a top-N keeps the first rows per partition, gathers them into one partition and
 *       keeps the first rows again; a limit is a per-partition limit, a coalesce to one partition and
 *       a last limit; a union concatenates partitions.
 * </ul>
 *
 * Every relation node gets one {@link PlanNodeId}, shared by the physical nodes planned from it
 * (equal subtrees get equal ids, so the stage planner runs a repeated exchange once).
 */
public final class RelationalPlanner {
  private final PlannerSettings settings;
  private final Supplier<PlanNodeId> ids;
  private final Map<Relation, PlanNodeId> assigned = new HashMap<>();

  private RelationalPlanner(PlannerSettings settings, Supplier<PlanNodeId> ids) {
    this.settings = requireNonNull(settings, "settings is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /** The physical plan, with node ids numbered from 1. */
  public static PhysicalPlan plan(Relation optimized, PlannerSettings settings) {
    AtomicInteger next = new AtomicInteger();
    return plan(optimized, settings, () -> new PlanNodeId(next.incrementAndGet()));
  }

  /** The physical plan, with node ids drawn from {@code ids} (e.g. the session's counter). */
  public static PhysicalPlan plan(Relation optimized, PlannerSettings settings, Supplier<PlanNodeId> ids) {
    return new RelationalPlanner(settings, ids).planNode(optimized);
  }

  private PlanNodeId id(Relation relation) {
    return assigned.computeIfAbsent(relation, r -> ids.get());
  }

  private PhysicalPlan planNode(Relation relation) {
    if (relation instanceof ScanRelation scan) {
      return planScan(scan);
    }
    if (relation instanceof LocalRelation local) {
      return new ValuesScanExec(id(local), LocalSplits.of(local.partitions()), Object.class);
    }
    if (relation instanceof DatasetRelation dataset) {
      return PhysicalPlanner.plan(dataset.plan());
    }
    if (relation instanceof ProjectRelation || relation instanceof FilterRelation) {
      return planFilterProject(relation);
    }
    if (relation instanceof AggregateRelation aggregate) {
      return DistinctAggregates.hasDistinct(aggregate) ? planNode(DistinctAggregates.rewrite(aggregate))
          : planAggregate(aggregate);
    }
    if (relation instanceof JoinRelation join) {
      return planJoin(join);
    }
    if (relation instanceof SortRelation sort) {
      return planSort(sort);
    }
    if (relation instanceof TopNRelation topN) {
      return planTopN(topN);
    }
    if (relation instanceof LimitRelation limit) {
      return planLimit(limit);
    }
    if (relation instanceof UnionRelation union) {
      return planUnion(union);
    }
    if (relation instanceof DistinctRelation distinct) {
      List<Expression> columns = ExpressionRewrites.columns(distinct.child().schema());
      return planNode(new AggregateRelation(distinct.child(), columns, columns));
    }
    if (relation instanceof AliasRelation alias) {
      return planNode(alias.child());
    }
    throw new IllegalStateException("unexpected relation " + relation.describe());
  }

  private PhysicalPlan planScan(ScanRelation scan) {
    List<FileSplit> splits = FileSplits.of(scan.source(), settings.maxSplitBytes());
    if (splits.isEmpty()) {
      return new ValuesScanExec(id(scan), List.of(new ValuesSplit(new byte[0], 0)), Object.class);
    }
    return new FileScanExec(id(scan), scan.source(), splits, scan.schema(), scan.filter());
  }

  /** Filters and projections down to the first other node, as one filter-then-project pass. */
  private PhysicalPlan planFilterProject(Relation top) {
    PlanNodeId id = id(top);
    List<Relation> chain = new ArrayList<>();
    Relation node = top;
    while (node instanceof ProjectRelation || node instanceof FilterRelation) {
      chain.add(node);
      node = node.children().get(0);
    }
    PhysicalPlan input = planNode(node);
    Schema inputSchema = node.schema();
    Expression condition = null;
    List<Expression> projections = ExpressionRewrites.columns(inputSchema);
    for (int i = chain.size() - 1; i >= 0; i--) {
      Relation step = chain.get(i);
      if (step instanceof FilterRelation filter) {
        condition = Predicates.and(condition, ExpressionRewrites.substitute(filter.condition(), projections));
      } else {
        List<Expression> composed = new ArrayList<>();
        for (Expression projection : ((ProjectRelation) step).projections()) {
          composed.add(ExpressionRewrites.keepName(projection,
              ExpressionRewrites.substitute(projection, projections)));
        }
        projections = composed;
      }
    }
    if (condition == null && isIdentity(projections, inputSchema)) {
      return input;
    }
    return new FilterProjectExec(id, input, condition, projections, top.schema());
  }

  private static boolean isIdentity(List<Expression> projections, Schema input) {
    if (projections.size() != input.fields().size()) {
      return false;
    }
    for (int i = 0; i < projections.size(); i++) {
      if (!(projections.get(i) instanceof BoundRef ref) || ref.index() != i
          || !ref.name().equals(input.fields().get(i).name())) {
        return false;
      }
    }
    return true;
  }

  private PhysicalPlan planAggregate(AggregateRelation aggregate) {
    PlanNodeId id = id(aggregate);
    PhysicalPlan input = planNode(aggregate.child());
    List<Expression> groupings = new ArrayList<>();
    for (Expression grouping : aggregate.groupings()) {
      groupings.add(stripAlias(grouping));
    }
    List<AggregateCall> calls = DistinctAggregates.calls(aggregate);
    boolean direct = outputsAreResultColumns(aggregate.outputs(), groupings, calls);
    Schema resultSchema = direct ? aggregate.schema() : resultSchema(groupings, calls);
    PhysicalPlan result;
    if (input.partitionCount() == 1) {
      result = new ColumnarAggregateExec(id, input, AggregateMode.COMPLETE, groupings, calls, resultSchema);
    } else {
      Schema partialSchema = AggregateStates.partialSchema(groupings, calls);
      PhysicalPlan partial = new ColumnarAggregateExec(id, input, AggregateMode.PARTIAL, groupings, calls,
          partialSchema);
      List<Expression> keys = ExpressionRewrites.columns(partialSchema).subList(0, groupings.size());
      Partitioning partitioning = keys.isEmpty() ? new Partitioning.Single()
          : new Partitioning.HashColumns(settings.shufflePartitions(), keys);
      result = new ColumnarAggregateExec(id, new ExchangeExec(id, partial, partitioning), AggregateMode.FINAL, keys,
          calls, resultSchema);
    }
    if (direct) {
      return result;
    }
    List<Expression> projections = new ArrayList<>();
    for (Expression output : aggregate.outputs()) {
      projections.add(ExpressionRewrites.keepName(output, overResults(output, groupings, calls, resultSchema)));
    }
    return new FilterProjectExec(id, result, null, projections, aggregate.schema());
  }

  /** Grouping columns {@code _g<i>} then one column {@code _a<i>} per aggregate call. */
  private static Schema resultSchema(List<Expression> groupings, List<AggregateCall> calls) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < groupings.size(); i++) {
      fields.add(new Field("_g" + i, groupings.get(i).dataType()));
    }
    for (int i = 0; i < calls.size(); i++) {
      fields.add(new Field("_a" + i, calls.get(i).dataType()));
    }
    return new Schema(fields);
  }

  /** Whether output {@code i} is exactly result column {@code i} (the groupings, then the calls). */
  private static boolean outputsAreResultColumns(List<Expression> outputs, List<Expression> groupings,
      List<AggregateCall> calls) {
    if (outputs.size() != groupings.size() + calls.size()) {
      return false;
    }
    for (int i = 0; i < outputs.size(); i++) {
      Expression expected = i < groupings.size() ? groupings.get(i) : calls.get(i - groupings.size());
      if (!stripAlias(outputs.get(i)).equals(expected)) {
        return false;
      }
    }
    return true;
  }

  /** An output expression rewritten over the result columns (groupings, then aggregate values). */
  private static Expression overResults(Expression output, List<Expression> groupings, List<AggregateCall> calls,
      Schema results) {
    Expression bare = stripAlias(output);
    int grouping = groupings.indexOf(bare);
    int column = grouping >= 0 ? grouping
        : bare instanceof AggregateCall call ? groupings.size() + calls.indexOf(call) : -1;
    if (column >= 0) {
      Field field = results.fields().get(column);
      return new BoundRef(column, field.name(), field.type());
    }
    List<Expression> children = bare.children();
    List<Expression> rewritten = new ArrayList<>(children.size());
    for (Expression child : children) {
      rewritten.add(overResults(child, groupings, calls, results));
    }
    return children.isEmpty() ? bare : bare.withChildren(rewritten);
  }

  private PhysicalPlan planJoin(JoinRelation join) {
    PlanNodeId id = id(join);
    JoinKeys keys = JoinKeys.of(join);
    PhysicalPlan left = planNode(join.left());
    PhysicalPlan right = planNode(join.right());
    long leftSize = Statistics.sizeInBytes(join.left());
    long rightSize = Statistics.sizeInBytes(join.right());
    long threshold = settings.broadcastThresholdBytes();
    JoinType type = join.type();
    boolean rightBroadcastable = threshold >= 0 && rightSize <= threshold
        && (type == JoinType.INNER || type == JoinType.LEFT_OUTER || type.leftOnly());
    boolean leftBroadcastable = threshold >= 0 && leftSize <= threshold
        && (type == JoinType.INNER || type == JoinType.RIGHT_OUTER);
    if (rightBroadcastable && (!leftBroadcastable || rightSize <= leftSize)) {
      PhysicalPlan build = new ExchangeExec(id, right, new Partitioning.Broadcast(left.partitionCount()));
      return new HashJoinExec(id, left, build, type, keys.left(), keys.right(), keys.residual(), BuildSide.RIGHT,
          true, join.schema());
    }
    if (leftBroadcastable) {
      PhysicalPlan build = new ExchangeExec(id, left, new Partitioning.Broadcast(right.partitionCount()));
      return new HashJoinExec(id, build, right, type, keys.left(), keys.right(), keys.residual(), BuildSide.LEFT,
          true, join.schema());
    }
    int partitions = settings.shufflePartitions();
    PhysicalPlan leftExchange = new ExchangeExec(id, left, keys.equi()
        ? new Partitioning.HashColumns(partitions, keys.left()) : new Partitioning.Single());
    PhysicalPlan rightExchange = new ExchangeExec(id, right, keys.equi()
        ? new Partitioning.HashColumns(partitions, keys.right()) : new Partitioning.Single());
    BuildSide build = rightSize <= leftSize ? BuildSide.RIGHT : BuildSide.LEFT;
    return new HashJoinExec(id, leftExchange, rightExchange, type, keys.left(), keys.right(), keys.residual(), build,
        false, join.schema());
  }

  private PhysicalPlan planSort(SortRelation sort) {
    PlanNodeId id = id(sort);
    PhysicalPlan input = planNode(sort.child());
    if (input.partitionCount() > 1) {
      input = new ExchangeExec(id, input,
          new Partitioning.RangeColumns(settings.shufflePartitions(), sort.keys(), null));
    }
    return new ColumnarSortExec(id, input, sort.keys(), -1, sort.schema());
  }

  private PhysicalPlan planTopN(TopNRelation topN) {
    PlanNodeId id = id(topN);
    PhysicalPlan input = planNode(topN.child());
    List<SortKey> keys = topN.keys();
    PhysicalPlan local = new ColumnarSortExec(id, input, keys, topN.limit(), topN.schema());
    if (input.partitionCount() == 1) {
      return local;
    }
    return new ColumnarSortExec(id, new ExchangeExec(id, local, new Partitioning.Single()), keys, topN.limit(),
        topN.schema());
  }

  private PhysicalPlan planLimit(LimitRelation limit) {
    PlanNodeId id = id(limit);
    PhysicalPlan input = planNode(limit.child());
    PhysicalPlan perPartition = new LocalLimitExec(id, input, limit.limit());
    if (input.partitionCount() == 1) {
      return perPartition;
    }
    return new LocalLimitExec(id, new CoalesceExec(id, perPartition, 1), limit.limit());
  }

  private PhysicalPlan planUnion(UnionRelation union) {
    PlanNodeId id = id(union);
    List<PhysicalPlan> inputs = new ArrayList<>();
    for (Relation input : union.inputs()) {
      PhysicalPlan planned = planNode(input);
      if (planned instanceof UnionExec nested) {
        inputs.addAll(nested.inputs());
      } else {
        inputs.add(planned);
      }
    }
    return new UnionExec(id, inputs);
  }
}
