package dev.sluice.engine.relational;

import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * A node of the columnar (DataFrame) logical plan: an immutable tree of relational operators over
 * named, typed columns. The DataFrame API builds it with unresolved expressions; the analyzer
 * resolves every expression against its input's output columns (so {@link #schema()} is defined);
 * the optimizer rewrites resolved trees; the relational planner turns them into the physical plan
 * that the scheduler cuts into stages.
 *
 * <p>Column binding: an expression of a unary node binds to its child's {@link #schema()} by
 * index; a {@link JoinRelation}'s condition binds to the left columns followed by the right ones.
 */
public sealed interface Relation
    permits ScanRelation,
        LocalRelation,
        DatasetRelation,
        ProjectRelation,
        FilterRelation,
        AggregateRelation,
        JoinRelation,
        SortRelation,
        LimitRelation,
        TopNRelation,
        UnionRelation,
        DistinctRelation,
        AliasRelation {

  List<Relation> children();

  /** This node with other children, as a new node. */
  Relation withChildren(List<Relation> children);

  /**
   * The output columns.
   *
   * @throws IllegalStateException before analysis, for nodes whose columns depend on expressions
   */
  Schema schema();

  /** One line describing this node without its children, for explain. */
  String describe();

  /** Whether every expression of this subtree is resolved. */
  boolean resolved();
}
