package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.optimizer.ExpressionRewrites.addReferences;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Reads and carries only the columns used above: a scan's {@code columns} narrow to those read by
 * its parents and its own filter, unused projections and aggregate outputs go away, and each input
 * of a join (which crosses a shuffle) gets a projection dropping columns only its own filters
 * needed. The output columns of the whole tree stay exactly as they were.
 *
 * <pre>
 * Aggregate [sum(l_extendedprice)]          Aggregate [sum(l_extendedprice)]
 *   Filter l_shipdate &lt; d          =&gt;         Filter l_shipdate &lt; d
 *     Scan lineitem (16 columns)                Scan lineitem [l_extendedprice, l_shipdate]
 * </pre>
 *
 * Planned bottom-up as a function of the columns each parent requires: a node is rebuilt with
 * at least those columns and reports where each of its old columns went.
 */
public final class PruneColumns implements Rule {
  /**
   * A node after pruning.
   *
   * @param relation the rebuilt node
   * @param mapping for each old output column, its new position, or -1 when it was dropped
   */
  private record Pruned(Relation relation, int[] mapping) {
    int map(int index) {
      return mapping[index];
    }
  }

  @Override
  public Relation apply(Relation relation) {
    int width = relation.schema().fields().size();
    BitSet all = new BitSet();
    all.set(0, width);
    Pruned pruned = prune(relation, all);
    return pruned.relation().schema().equals(relation.schema()) ? pruned.relation()
        : narrow(pruned, all).relation();
  }

  private static Pruned prune(Relation node, BitSet required) {
    if (node instanceof ScanRelation scan) {
      return pruneScan(scan, required);
    }
    if (node instanceof ProjectRelation project) {
      return pruneProject(project, required);
    }
    if (node instanceof FilterRelation filter) {
      BitSet needed = copy(required);
      addReferences(filter.condition(), needed);
      Pruned child = prune(filter.child(), needed);
      return new Pruned(rebuilt(filter, child.relation(),
          () -> new FilterRelation(child.relation(), remap(filter.condition(), child))), child.mapping());
    }
    if (node instanceof SortRelation sort) {
      Pruned child = prune(sort.child(), withKeys(required, sort.keys()));
      return new Pruned(rebuilt(sort, child.relation(),
          () -> new SortRelation(child.relation(), remapKeys(sort.keys(), child))), child.mapping());
    }
    if (node instanceof TopNRelation topN) {
      Pruned child = prune(topN.child(), withKeys(required, topN.keys()));
      return new Pruned(rebuilt(topN, child.relation(),
          () -> new TopNRelation(child.relation(), remapKeys(topN.keys(), child), topN.limit())), child.mapping());
    }
    if (node instanceof LimitRelation limit) {
      Pruned child = prune(limit.child(), required);
      return new Pruned(rebuilt(limit, child.relation(), () -> new LimitRelation(child.relation(), limit.limit())),
          child.mapping());
    }
    if (node instanceof AliasRelation alias) {
      Pruned child = prune(alias.child(), required);
      return new Pruned(rebuilt(alias, child.relation(), () -> new AliasRelation(child.relation(), alias.alias())),
          child.mapping());
    }
    if (node instanceof AggregateRelation aggregate) {
      return pruneAggregate(aggregate, required);
    }
    if (node instanceof JoinRelation join) {
      return pruneJoin(join, required);
    }
    if (node instanceof UnionRelation union) {
      return pruneUnion(union, required);
    }
    // local data, typed datasets and anything else: produced as they are
    return new Pruned(node, identity(node.schema().fields().size()));
  }

  private static Pruned pruneScan(ScanRelation scan, BitSet required) {
    BitSet keep = copy(required);
    if (scan.filter() != null) {
      addReferences(scan.filter(), keep);
    }
    List<Field> fields = scan.schema().fields();
    if (keep.isEmpty() && !fields.isEmpty()) {
      keep.set(narrowest(fields));
    }
    if (keep.cardinality() == fields.size()) {
      return new Pruned(scan, identity(fields.size()));
    }
    int[] mapping = mapping(fields.size(), keep);
    List<String> columns = new ArrayList<>();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      columns.add(scan.columns().get(i));
    }
    Pruned pruned = new Pruned(null, mapping);
    Expression filter = scan.filter() == null ? null : remap(scan.filter(), pruned);
    return new Pruned(new ScanRelation(scan.source(), columns, filter), mapping);
  }

  private static Pruned pruneProject(ProjectRelation project, BitSet required) {
    List<Expression> projections = project.projections();
    BitSet keep = copy(required);
    if (keep.isEmpty() && !projections.isEmpty()) {
      keep.set(cheapest(projections));
    }
    BitSet needed = new BitSet();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      addReferences(projections.get(i), needed);
    }
    Pruned child = prune(project.child(), needed);
    List<Expression> kept = new ArrayList<>();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      kept.add(remap(projections.get(i), child));
    }
    int[] mapping = mapping(projections.size(), keep);
    if (isIdentity(kept, child.relation())) {
      return new Pruned(child.relation(), mapping);
    }
    Relation rebuilt = kept.equals(projections) && child.relation() == project.child() ? project
        : new ProjectRelation(child.relation(), kept);
    return new Pruned(rebuilt, mapping);
  }

  private static Pruned pruneAggregate(AggregateRelation aggregate, BitSet required) {
    List<Expression> outputs = aggregate.outputs();
    BitSet keep = copy(required);
    if (keep.isEmpty() && !outputs.isEmpty()) {
      keep.set(0);
    }
    BitSet needed = new BitSet();
    for (Expression grouping : aggregate.groupings()) {
      addReferences(grouping, needed);
    }
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      addReferences(outputs.get(i), needed);
    }
    Pruned child = prune(aggregate.child(), needed);
    List<Expression> groupings = new ArrayList<>();
    for (Expression grouping : aggregate.groupings()) {
      groupings.add(remap(grouping, child));
    }
    List<Expression> kept = new ArrayList<>();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      kept.add(remap(outputs.get(i), child));
    }
    Relation rebuilt = child.relation() == aggregate.child() && kept.equals(outputs) && groupings.equals(
        aggregate.groupings()) ? aggregate : new AggregateRelation(child.relation(), groupings, kept);
    return new Pruned(rebuilt, mapping(outputs.size(), keep));
  }

  private static Pruned pruneJoin(JoinRelation join, BitSet required) {
    int leftWidth = join.left().schema().fields().size();
    int rightWidth = join.right().schema().fields().size();
    BitSet needed = copy(required);
    addReferences(join.condition(), needed);
    BitSet leftNeeded = needed.get(0, leftWidth);
    BitSet rightNeeded = needed.get(leftWidth, leftWidth + rightWidth);
    Pruned left = narrow(prune(join.left(), leftNeeded), leftNeeded);
    Pruned right = narrow(prune(join.right(), rightNeeded), rightNeeded);
    int newLeftWidth = left.relation().schema().fields().size();
    int width = join.type().leftOnly() ? leftWidth : leftWidth + rightWidth;
    int[] mapping = new int[width];
    for (int i = 0; i < width; i++) {
      mapping[i] = i < leftWidth ? left.map(i) : mapRight(right, i - leftWidth, newLeftWidth);
    }
    int[] inputMapping = new int[leftWidth + rightWidth];
    for (int i = 0; i < inputMapping.length; i++) {
      inputMapping[i] = i < leftWidth ? left.map(i) : mapRight(right, i - leftWidth, newLeftWidth);
    }
    if (left.relation() == join.left() && right.relation() == join.right()) {
      return new Pruned(join, mapping);
    }
    Expression condition = ExpressionRewrites.remap(join.condition(), i -> inputMapping[i]);
    return new Pruned(new JoinRelation(left.relation(), right.relation(), join.type(), condition), mapping);
  }

  private static int mapRight(Pruned right, int index, int newLeftWidth) {
    int mapped = right.map(index);
    return mapped < 0 ? -1 : newLeftWidth + mapped;
  }

  private static Pruned pruneUnion(UnionRelation union, BitSet required) {
    BitSet keep = copy(required);
    if (keep.isEmpty()) {
      keep.set(0);
    }
    List<Relation> inputs = new ArrayList<>();
    boolean changed = false;
    for (Relation input : union.inputs()) {
      Relation narrowed = narrow(prune(input, keep), keep).relation();
      changed |= narrowed != input;
      inputs.add(narrowed);
    }
    int width = union.schema().fields().size();
    return new Pruned(changed ? new UnionRelation(inputs) : union, mapping(width, keep));
  }

  /**
   * The pruned node with exactly the {@code required} columns, in their old order: a projection is
   * added when pruning left it more (at least one column is always kept).
   */
  private static Pruned narrow(Pruned pruned, BitSet required) {
    BitSet keep = copy(required);
    List<Field> fields = pruned.relation().schema().fields();
    if (keep.isEmpty()) {
      if (fields.size() <= 1) {
        return pruned;
      }
      int column = narrowest(fields);
      for (int i = 0; i < pruned.mapping().length; i++) {
        if (pruned.map(i) == column) {
          keep.set(i);
        }
      }
    }
    if (keep.cardinality() == fields.size()) {
      return pruned;
    }
    List<Expression> projections = new ArrayList<>();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      int position = pruned.map(i);
      Field field = fields.get(position);
      projections.add(new BoundRef(position, field.name(), field.type()));
    }
    return new Pruned(new ProjectRelation(pruned.relation(), projections), mapping(pruned.mapping().length, keep));
  }

  private static Relation rebuilt(Relation node, Relation newChild, java.util.function.Supplier<Relation> rebuild) {
    Relation candidate = rebuild.get();
    return newChild == node.children().get(0) && candidate.equals(node) ? node : candidate;
  }

  private static boolean isIdentity(List<Expression> projections, Relation child) {
    List<Field> fields = child.schema().fields();
    if (projections.size() != fields.size()) {
      return false;
    }
    for (int i = 0; i < projections.size(); i++) {
      if (!(projections.get(i) instanceof BoundRef ref) || ref.index() != i
          || !ref.name().equals(fields.get(i).name())) {
        return false;
      }
    }
    return true;
  }

  private static Expression remap(Expression expression, Pruned child) {
    return ExpressionRewrites.remap(expression, child::map);
  }

  private static List<SortKey> remapKeys(List<SortKey> keys, Pruned child) {
    List<SortKey> out = new ArrayList<>(keys.size());
    for (SortKey key : keys) {
      out.add(key.withExpression(remap(key.expression(), child)));
    }
    return out;
  }

  private static BitSet withKeys(BitSet required, List<SortKey> keys) {
    BitSet needed = copy(required);
    for (SortKey key : keys) {
      addReferences(key.expression(), needed);
    }
    return needed;
  }

  /** Old position → new position for the kept columns (in order), -1 for the others. */
  private static int[] mapping(int width, BitSet keep) {
    int[] mapping = new int[width];
    Arrays.fill(mapping, -1);
    int next = 0;
    for (int i = keep.nextSetBit(0); i >= 0 && i < width; i = keep.nextSetBit(i + 1)) {
      mapping[i] = next++;
    }
    return mapping;
  }

  private static int[] identity(int width) {
    int[] mapping = new int[width];
    for (int i = 0; i < width; i++) {
      mapping[i] = i;
    }
    return mapping;
  }

  private static BitSet copy(BitSet bits) {
    return (BitSet) bits.clone();
  }

  /** The column cheapest to read when a parent needs rows but no column (e.g. {@code count(*)}). */
  private static int narrowest(List<Field> fields) {
    int best = 0;
    for (int i = 1; i < fields.size(); i++) {
      if (width(fields.get(i).type()) < width(fields.get(best).type())) {
        best = i;
      }
    }
    return best;
  }

  private static int cheapest(List<Expression> projections) {
    for (int i = 0; i < projections.size(); i++) {
      if (projections.get(i) instanceof BoundRef) {
        return i;
      }
    }
    return 0;
  }

  private static int width(DataType type) {
    if (type instanceof DataType.Bool) {
      return 1;
    }
    if (type instanceof DataType.Int32 || type instanceof DataType.Date32) {
      return 4;
    }
    if (type instanceof DataType.Int64 || type instanceof DataType.Float64) {
      return 8;
    }
    return type instanceof DataType.Decimal ? 16 : 32;
  }
}
