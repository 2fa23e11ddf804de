package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.VectorBatch;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** {@link SortTestData} for tests in other packages (the shuffle partitioner, the sampling sink). */
public final class SortTestRows {
  private SortTestRows() {}

  /** Columns: id, i64, i32, str, dec, day, dbl, flag. */
  public static Schema schema() {
    return SortTestData.SCHEMA;
  }

  /** Random rows of every key type, with nulls and duplicates. */
  public static List<Object[]> rows(int count, long seed, int distinct, double nullRate) {
    return SortTestData.rows(count, seed, distinct, nullRate);
  }

  public static VectorBatch vectorBatch(List<Object[]> rows) {
    return SortTestData.vectorBatch(rows);
  }

  public static List<Batch> batches(List<Object[]> rows, BufferAllocator allocator, int... sizes) {
    return SortTestData.batches(rows, allocator, sizes);
  }

  /** An operator handing out the batches. */
  public static Operator source(List<Batch> batches) {
    return new SortTestData.GivenBatches(batches);
  }

  public static SortKey key(int index, boolean ascending, boolean nullsFirst) {
    return SortTestData.key(index, ascending, nullsFirst);
  }

  /** The reference order of rows, in plain Java. */
  public static Comparator<Object[]> reference(List<SortKey> keys) {
    return SortTestData.reference(keys);
  }
}
