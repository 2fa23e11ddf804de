package dev.sluice.engine.relational.planner;

import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DatasetRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.optimizer.Predicates;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;

/**
 * Rough output sizes of relations in bytes, for choosing join strategies (no column statistics,
 * as Spark without its cost-based optimizer):
 *
 * <ul>
 *   <li>a scan: its files' bytes × the share of the row width its columns take × ½ per filter
 *       conjunct; local rows: their encoded bytes; a typed dataset: unknown ({@link #UNKNOWN});
 *   <li>a filter: ½ per conjunct; a projection or aggregate: the input scaled by the output row
 *       width over the input row width (a global aggregate: one row);
 *   <li>a join: as many rows as the larger input, each as wide as both (semi and anti: the left
 *       input); a limit or top-N: at most that many rows; a union: the sum.
 * </ul>
 */
public final class Statistics {
  /** The estimate for a relation whose size is not known: never broadcast. */
  public static final long UNKNOWN = Long.MAX_VALUE;

  private Statistics() {}

  /** The estimated size in bytes of the relation's output. */
  public static long sizeInBytes(Relation relation) {
    return clamp(estimate(relation));
  }

  private static double estimate(Relation relation) {
    if (relation instanceof ScanRelation scan) {
      double bytes = scan.source().totalBytes() * rowWidth(scan.schema()) / Math.max(1, rowWidth(scan.source().schema()));
      return scan.filter() == null ? bytes : bytes * selectivity(scan.filter());
    }
    if (relation instanceof LocalRelation local) {
      double bytes = 0;
      for (byte[] partition : local.partitions()) {
        bytes += partition.length;
      }
      return bytes;
    }
    if (relation instanceof DatasetRelation) {
      return UNKNOWN;
    }
    if (relation instanceof FilterRelation filter) {
      return estimate(filter.child()) * selectivity(filter.condition());
    }
    if (relation instanceof ProjectRelation || relation instanceof AggregateRelation) {
      Relation child = relation.children().get(0);
      if (relation instanceof AggregateRelation aggregate && aggregate.groupings().isEmpty()) {
        return rowWidth(relation.schema());
      }
      return estimate(child) * rowWidth(relation.schema()) / Math.max(1, rowWidth(child.schema()));
    }
    if (relation instanceof JoinRelation join) {
      double left = estimate(join.left());
      if (join.type().leftOnly()) {
        return left;
      }
      double leftWidth = Math.max(1, rowWidth(join.left().schema()));
      double rightWidth = Math.max(1, rowWidth(join.right().schema()));
      double rows = Math.max(left / leftWidth, estimate(join.right()) / rightWidth);
      return rows * (leftWidth + rightWidth);
    }
    if (relation instanceof LimitRelation limit) {
      return Math.min(estimate(limit.child()), (double) limit.limit() * rowWidth(limit.schema()));
    }
    if (relation instanceof TopNRelation topN) {
      return Math.min(estimate(topN.child()), (double) topN.limit() * rowWidth(topN.schema()));
    }
    if (relation instanceof UnionRelation union) {
      double total = 0;
      for (Relation input : union.inputs()) {
        total += estimate(input);
      }
      return total;
    }
    if (relation instanceof SortRelation || relation instanceof AliasRelation || relation instanceof DistinctRelation) {
      return estimate(relation.children().get(0));
    }
    throw new IllegalStateException("unexpected relation " + relation.describe());
  }

  private static double selectivity(dev.sluice.engine.expr.Expression condition) {
    return Math.pow(0.5, Predicates.conjuncts(condition).size());
  }

  private static long clamp(double bytes) {
    return bytes >= UNKNOWN ? UNKNOWN : (long) Math.ceil(bytes);
  }

  /** The estimated bytes of one row of a schema. */
  public static double rowWidth(Schema schema) {
    double width = 0;
    for (Field field : schema.fields()) {
      width += width(field.type());
    }
    return width;
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
    if (type instanceof DataType.Decimal) {
      return 16;
    }
    return type instanceof DataType.Utf8 ? 20 : 32;
  }
}
