package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * An equi-join by hashing: the build side's rows go into a hash table on their keys, the other
 * side's rows probe it. Keys match when all are equal and none is null (SQL). {@code residual}, if
 * any, is checked on each matching pair (resolved over left columns then right columns).
 *
 * <p>{@code broadcast}: the build side is small and every partition of the stream side joins with
 * all of it (the build input reaches the task through a broadcast exchange, see
 * {@link Partitioning.Broadcast}); only inner, left outer (build = right), semi and anti joins
 * (build = right) may be broadcast. Otherwise both sides arrive hash-partitioned on their keys with
 * the same partition count, and partition {@code i} joins with partition {@code i}.
 *
 * <p>Output: left columns then right columns (left only for semi and anti), named as
 * {@link dev.sluice.engine.relational.JoinRelation#schema()} names them.
 *
 * @param id the id of the logical node it was planned from
 * @param left the left input
 * @param right the right input
 * @param type the join type
 * @param leftKeys key expressions over the left columns
 * @param rightKeys key expressions over the right columns, same count and types as leftKeys
 * @param residual an extra condition, or null
 * @param buildSide which side is hashed
 * @param broadcast whether the build side is broadcast
 * @param schema the output columns
 */
public record HashJoinExec(PlanNodeId id, PhysicalPlan left, PhysicalPlan right, JoinType type,
    List<Expression> leftKeys, List<Expression> rightKeys, Expression residual, BuildSide buildSide,
    boolean broadcast, Schema schema) implements PhysicalPlan, ColumnarExec {
  public HashJoinExec {
    requireNonNull(id, "id is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(type, "type is null");
    leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
    rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
    requireNonNull(buildSide, "buildSide is null");
    requireNonNull(schema, "schema is null");
    if (leftKeys.size() != rightKeys.size() || leftKeys.isEmpty()) {
      throw new IllegalArgumentException("a hash join needs the same number (≥ 1) of left and right keys, got "
          + leftKeys.size() + " and " + rightKeys.size());
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    if (children.size() != 2) {
      throw new IllegalArgumentException("HashJoinExec takes two children, got " + children.size());
    }
    return new HashJoinExec(id, children.get(0), children.get(1), type, leftKeys, rightKeys, residual, buildSide,
        broadcast, schema);
  }

  /** The stream side's partitions (a broadcast build side has as many, all the same). */
  @Override
  public int partitionCount() {
    return buildSide == BuildSide.RIGHT ? left.partitionCount() : right.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Object.class;
  }

  @Override
  public String describe() {
    return (broadcast ? "BroadcastHashJoin " : "ShuffledHashJoin ") + type.displayName() + " "
        + leftKeys.stream().map(Expression::sql).toList() + " = " + rightKeys.stream().map(Expression::sql).toList()
        + (residual == null ? "" : " and " + residual.sql()) + ", build " + buildSide.name().toLowerCase(
            java.util.Locale.ROOT);
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitHashJoin(this, context);
  }
}
