package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The input of a sampling job for range bounds, reading no more than the sort keys need: when the
 * exchange's input is a file scan, the scan keeps only the columns the keys (and its own filter)
 * refer to, and the keys are bound to the narrower scan. A Parquet scan then reads two columns of
 * lineitem instead of sixteen. Any other input is sampled as it is.
 */
public final class SampleScans {
  private SampleScans() {}

  /**
   * A plan to sample and the keys over its columns.
   *
   * @param plan what the sampling job runs
   * @param keys the sort keys, bound to {@code plan}'s columns
   */
  public record Sampled(PhysicalPlan plan, List<SortKey> keys) {
    public Sampled {
      requireNonNull(plan, "plan is null");
      keys = List.copyOf(requireNonNull(keys, "keys is null"));
    }
  }

  /** What to sample for the bounds of {@code keys} over the rows of {@code input}. */
  public static Sampled keysOnly(PhysicalPlan input, List<SortKey> keys) {
    if (!(input instanceof FileScanExec scan)) {
      return new Sampled(input, keys);
    }
    List<Field> fields = scan.schema().fields();
    BitSet used = new BitSet(fields.size());
    keys.forEach(key -> collect(key.expression(), used));
    if (scan.filter() != null) {
      collect(scan.filter(), used);
    }
    if (used.isEmpty() || used.cardinality() == fields.size()) {
      return new Sampled(input, keys);
    }
    int[] remap = new int[fields.size()];
    Arrays.fill(remap, -1);
    List<Field> kept = new ArrayList<>();
    for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
      remap[i] = kept.size();
      kept.add(fields.get(i));
    }
    FileScanExec narrow = new FileScanExec(scan.id(), scan.source(), scan.splits(),
        new Schema(kept, scan.schema().metadata()), scan.filter() == null ? null : rebind(scan.filter(), remap));
    return new Sampled(narrow, keys.stream().map(key -> key.withExpression(rebind(key.expression(), remap))).toList());
  }

  private static void collect(Expression expression, BitSet used) {
    if (expression instanceof BoundRef ref) {
      used.set(ref.index());
    }
    for (Expression child : expression.children()) {
      collect(child, used);
    }
  }

  private static Expression rebind(Expression expression, int[] remap) {
    if (expression instanceof BoundRef ref) {
      return new BoundRef(remap[ref.index()], ref.name(), ref.type());
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    return expression.withChildren(children.stream().map(child -> rebind(child, remap)).toList());
  }
}
