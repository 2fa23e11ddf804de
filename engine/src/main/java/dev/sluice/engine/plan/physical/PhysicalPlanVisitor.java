package dev.sluice.engine.plan.physical;

/**
 * Visits every kind of physical node, with no defaults: operator mapping and printing must handle
 * each kind, and a new kind breaks the build until they do.
 */
public interface PhysicalPlanVisitor<R, C> {
  R visitRangeScan(RangeScanExec node, C context);

  R visitValuesScan(ValuesScanExec node, C context);

  R visitTextScan(TextScanExec node, C context);

  R visitRowPipeline(RowPipelineExec node, C context);

  R visitMapPartitions(MapPartitionsExec node, C context);

  R visitLongPipeline(LongPipelineExec node, C context);

  R visitMapToLong(MapToLongExec node, C context);

  R visitLongMapToObj(LongMapToObjExec node, C context);

  R visitUnion(UnionExec node, C context);

  R visitCoalesce(CoalesceExec node, C context);

  R visitLocalLimit(LocalLimitExec node, C context);

  R visitExchange(ExchangeExec node, C context);

  R visitShuffleRead(ShuffleReadExec node, C context);

  R visitHashAggregate(HashAggregateExec node, C context);

  R visitCoGroup(CoGroupExec node, C context);

  R visitSort(SortExec node, C context);

  R visitFileScan(FileScanExec node, C context);

  R visitFilterProject(FilterProjectExec node, C context);

  R visitColumnarAggregate(ColumnarAggregateExec node, C context);

  R visitHashJoin(HashJoinExec node, C context);

  R visitColumnarSort(ColumnarSortExec node, C context);

  R visitCoalesceBatches(CoalesceBatchesExec node, C context);
}
