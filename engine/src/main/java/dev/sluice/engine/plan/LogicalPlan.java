package dev.sluice.engine.plan;

import java.util.List;

/**
 * A node of the logical plan that a chain of Dataset calls builds: immutable records, nothing
 * executes. The permits list is the list of node kinds; adding one breaks every exhaustive
 * {@link PlanVisitor}, which is the point.
 */
public sealed interface LogicalPlan
    permits RangeNode,
        ValuesNode,
        TextFileNode,
        MapNode,
        FlatMapNode,
        FilterNode,
        MapPartitionsNode,
        LongMapNode,
        LongFilterNode,
        MapToLongNode,
        LongMapToObjNode,
        UnionNode,
        LimitNode,
        CombineByKeyNode,
        CoGroupNode,
        SortNode,
        RepartitionNode,
        PartitionByNode,
        CoalesceNode,
        RelationNode {

  PlanNodeId id();

  Origin origin();

  List<LogicalPlan> children();

  /** This node with other children (same number), as a new node. */
  LogicalPlan withChildren(List<LogicalPlan> children);

  <R, C> R accept(PlanVisitor<R, C> visitor, C context);

  /** One line describing this node (without its children), for explain. */
  String describe();

  /** The Java class of the rows, or {@code Object.class} when it is not known before run time. */
  Class<?> rowClass();

  /** The only child of a unary node, for implementations. */
  static LogicalPlan onlyChild(List<LogicalPlan> children, LogicalPlan node) {
    if (children.size() != 1) {
      throw new IllegalArgumentException(
          node.getClass().getSimpleName() + " takes exactly one child, got " + children.size());
    }
    return children.get(0);
  }
}
