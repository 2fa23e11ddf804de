package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Reads one split of files per partition: Parquet through arrow-dataset (a split is a whole file),
 * CSV/JSON/text by byte ranges aligned to lines (as text files). Produces {@code schema}'s
 * columns — only those are read where the format allows (Parquet column projection) — and
 * applies {@code filter} to every batch before handing it on.
 *
 * @param id the id of the logical node it was planned from
 * @param source the files, their full schema and the reader options
 * @param splits one split per partition
 * @param schema the columns produced, a subset of the source's, in this order
 * @param filter a resolved predicate over {@code schema}, or null
 */
public record FileScanExec(PlanNodeId id, FileSource source, List<FileSplit> splits, Schema schema,
    Expression filter) implements PhysicalPlan, ColumnarExec {
  public FileScanExec {
    requireNonNull(id, "id is null");
    requireNonNull(source, "source is null");
    splits = List.copyOf(requireNonNull(splits, "splits is null"));
    requireNonNull(schema, "schema is null");
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("splits must not be empty");
    }
  }

  public FileScanExec withSplits(List<FileSplit> other) {
    return new FileScanExec(id, source, other, schema, filter);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("FileScanExec has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public int partitionCount() {
    return splits.size();
  }

  @Override
  public Class<?> rowClass() {
    return Object.class;
  }

  @Override
  public String describe() {
    return "FileScan " + source.format().name().toLowerCase(java.util.Locale.ROOT) + " " + schema
        + (filter == null ? "" : " filter " + filter.sql()) + ", " + splits.size() + " split(s)";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitFileScan(this, context);
  }
}
