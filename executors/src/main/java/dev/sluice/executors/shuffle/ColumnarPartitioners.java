package dev.sluice.executors.shuffle;

import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ColumnarPartitioner} of each columnar {@link Partitioning}: {@code HashColumns} by
 * {@link ColumnHash} of the key expressions modulo the partition count, {@code RangeColumns} by
 * {@link RangeColumnsPartitioner}, {@code Broadcast} every row to partition 0 (the one partition
 * of a broadcast map output, which every reader reads); {@code Single} sends every row to
 * partition 0 too.
 */
public final class ColumnarPartitioners {
  private ColumnarPartitioners() {}

  /** Whether a partitioning distributes columnar rows (and so takes the columnar write path). */
  public static boolean isColumnar(Partitioning partitioning) {
    return partitioning instanceof Partitioning.HashColumns || partitioning instanceof Partitioning.RangeColumns
        || partitioning instanceof Partitioning.Broadcast;
  }

  /** How many partitions a map output of this partitioning has: one for a broadcast. */
  public static int outputPartitions(Partitioning partitioning) {
    return partitioning instanceof Partitioning.Broadcast ? 1 : partitioning.partitions();
  }

  /**
   * The partitioner of a columnar partitioning.
   *
   * @throws IllegalArgumentException for {@code Hash}, {@code Range} or {@code RoundRobin}, which
   *     partition row objects
   */
  public static ColumnarPartitioner of(Partitioning partitioning) {
    if (partitioning instanceof Partitioning.HashColumns hash) {
      return new HashPartitioner(hash);
    }
    if (partitioning instanceof Partitioning.RangeColumns range) {
      return new RangeColumnsPartitioner(range);
    }
    if (partitioning instanceof Partitioning.Broadcast || partitioning instanceof Partitioning.Single) {
      return batch -> new int[batch.rowCount()];
    }
    throw new IllegalArgumentException(partitioning.describe() + " is not a columnar partitioning");
  }

  /** By the hash of key expressions: a bound column is taken as it is, anything else evaluated. */
  private static final class HashPartitioner implements ColumnarPartitioner {
    /** How many partitions. */
    private final int partitions;
    /** The column of each key, or -1 where {@link #kernels} evaluates it. */
    private final int[] columns;
    /** The kernel of each computed key, or null. */
    private final CompiledExpression[] kernels;

    HashPartitioner(Partitioning.HashColumns hash) {
      this.partitions = hash.partitions();
      List<Expression> keys = hash.keys();
      this.columns = new int[keys.size()];
      this.kernels = new CompiledExpression[keys.size()];
      for (int k = 0; k < keys.size(); k++) {
        Expression key = keys.get(k);
        while (key instanceof Alias alias) {
          key = alias.child();
        }
        if (key instanceof BoundRef bound) {
          columns[k] = bound.index();
        } else {
          columns[k] = -1;
          kernels[k] = ExpressionEvaluator.compile(key);
        }
      }
    }

    @Override
    public int[] partitionsOf(VectorBatch batch) {
      int rows = batch.rowCount();
      if (partitions == 1) {
        return new int[rows];
      }
      List<ColumnData> keys = new ArrayList<>(columns.length);
      for (int k = 0; k < columns.length; k++) {
        keys.add(kernels[k] == null ? batch.column(columns[k]) : kernels[k].evaluate(batch));
      }
      return ColumnHash.partitions(ColumnHash.hash(keys, rows), rows, partitions);
    }
  }
}
