package dev.sluice.gpu.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.gpu.kernel.CudaKernels;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.GpuException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * The map side of a columnar hash exchange on the GPU: every row's partition under a
 * {@link Partitioning.HashColumns} partitioning, from {@link CudaKernels#hashPartition}, bit for bit
 * the CPU's {@code ColumnHash} of the keys. The keys must be columns (no computed expressions) of a
 * type {@code ColumnHash} hashes as a long or a double: int64 and float64 go to the device as they
 * are; int32, date32 and decimal (at most 18 digits, its unscaled long) are widened to an int64
 * vector first, which hashes the same. String and boolean keys stay on the CPU.
 */
final class GpuHashPartitioning {
  private GpuHashPartitioning() {}

  /** Why the map side of {@code node} cannot compute its partitions on the GPU, or empty. */
  static Optional<String> unsupported(ExchangeExec node) {
    if (!(node.partitioning() instanceof Partitioning.HashColumns hash)) {
      return Optional.of("only hash partitioning by columns runs on the GPU, not " + node.partitioning().describe());
    }
    if (hash.keys().isEmpty()) {
      return Optional.of("hash partitioning without keys not supported on GPU");
    }
    for (Expression key : hash.keys()) {
      if (!(GpuSupport.unaliased(key) instanceof BoundRef ref)) {
        return Optional.of("key expression " + key.sql() + " not supported on GPU");
      }
      if (!supported(ref.type())) {
        return Optional.of("key " + ref.name() + " of type " + ref.type().displayName() + " not supported on GPU");
      }
    }
    return Optional.empty();
  }

  private static boolean supported(DataType type) {
    return type instanceof DataType.Int64 || type instanceof DataType.Float64 || type instanceof DataType.Int32
        || type instanceof DataType.Date32
        || type instanceof DataType.Decimal decimal && decimal.precision() <= GpuSupport.MAX_DECIMAL_PRECISION;
  }

  /**
   * The partition of every row of {@code input} (at least one row), computed on the device; the
   * caller holds a task permit. Throws on any failure, so the caller partitions the batch on the CPU.
   */
  static int[] partitions(ExchangeExec node, Batch input, CudaRuntime runtime, BufferAllocator allocator) {
    Partitioning.HashColumns hash = (Partitioning.HashColumns) node.partitioning();
    int rows = input.rowCount();
    List<FieldVector> widened = new ArrayList<>();
    try {
      List<FieldVector> keys = new ArrayList<>(hash.keys().size());
      for (Expression key : hash.keys()) {
        BoundRef ref = (BoundRef) GpuSupport.unaliased(key);
        FieldVector vector = input.root().getVector(ref.index());
        if (vector.getValueCount() != rows) {
          throw new GpuException("key " + ref.name() + " has " + vector.getValueCount() + " values for " + rows
              + " rows");
        }
        if (vector instanceof BigIntVector || vector instanceof Float8Vector) {
          keys.add(vector);
        } else {
          BigIntVector longs = longs(ref, vector, rows, allocator);
          widened.add(longs);
          keys.add(longs);
        }
      }
      int[] ids = new CudaKernels(runtime).hashPartition(keys, hash.partitions(), allocator).partitionIds();
      if (ids.length != rows) {
        throw new GpuException("the GPU gave " + ids.length + " partitions for " + rows + " rows");
      }
      return ids;
    } finally {
      widened.forEach(FieldVector::close);
    }
  }

  /** An int32, date32 or decimal key as the int64 vector of the longs {@code ColumnHash} hashes. */
  private static BigIntVector longs(BoundRef ref, FieldVector vector, int rows, BufferAllocator allocator) {
    ColumnData data = ArrowColumns.read(vector, rows);
    if (!(data instanceof LongData longData) || !supported(data.type())) {
      throw new GpuException("key " + ref.name() + " of type " + data.type().displayName()
          + " not supported on GPU");
    }
    BigIntVector out = new BigIntVector(ref.name(), allocator);
    try {
      out.allocateNew(rows);
      long[] values = longData.values();
      boolean[] nulls = longData.nulls();
      for (int i = 0; i < rows; i++) {
        if (nulls != null && nulls[i]) {
          out.setNull(i);
        } else {
          out.set(i, values[i]);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
