package dev.sluice.engine.plan;

/**
 * Visits every kind of logical node. It has no defaults on purpose: a new node kind must be
 * handled by every pass (physical planning, printing) before the build passes again.
 */
public interface PlanVisitor<R, C> {
  R visitRange(RangeNode node, C context);

  R visitValues(ValuesNode node, C context);

  R visitTextFile(TextFileNode node, C context);

  R visitMap(MapNode node, C context);

  R visitFlatMap(FlatMapNode node, C context);

  R visitFilter(FilterNode node, C context);

  R visitMapPartitions(MapPartitionsNode node, C context);

  R visitLongMap(LongMapNode node, C context);

  R visitLongFilter(LongFilterNode node, C context);

  R visitMapToLong(MapToLongNode node, C context);

  R visitLongMapToObj(LongMapToObjNode node, C context);

  R visitUnion(UnionNode node, C context);

  R visitLimit(LimitNode node, C context);

  R visitCombineByKey(CombineByKeyNode node, C context);

  R visitCoGroup(CoGroupNode node, C context);

  R visitSort(SortNode node, C context);

  R visitRepartition(RepartitionNode node, C context);

  R visitPartitionBy(PartitionByNode node, C context);

  R visitCoalesce(CoalesceNode node, C context);

  R visitRelation(RelationNode node, C context);
}
