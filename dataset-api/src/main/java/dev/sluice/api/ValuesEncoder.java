package dev.sluice.api;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.plan.split.ValuesSplit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Encodes the driver-side values of {@code parallelize} into one Arrow IPC split per partition,
 * slicing as Spark does: partition {@code i} holds elements {@code [i*n/p, (i+1)*n/p)}.
 */
final class ValuesEncoder {
  private ValuesEncoder() {}

  static List<ValuesSplit> encode(List<?> values, int partitions, Class<?> rowClass, BufferAllocator root,
      int batchRows) {
    List<ValuesSplit> splits = new ArrayList<>(partitions);
    try (BufferAllocator allocator = root.newChildAllocator("parallelize", 0, Long.MAX_VALUE)) {
      int n = values.size();
      for (int p = 0; p < partitions; p++) {
        int from = (int) ((long) n * p / partitions);
        int to = (int) ((long) n * (p + 1) / partitions);
        List<Batch> batches = new ArrayList<>();
        try {
          RowBatchWriter writer = new RowBatchWriter(rowClass, batchRows, allocator);
          for (int i = from; i < to; i++) {
            if (writer.add(values.get(i))) {
              batches.add(writer.flush());
            }
          }
          Batch last = writer.flush();
          if (last != null) {
            batches.add(last);
          }
          splits.add(new ValuesSplit(BatchCodec.encode(batches, allocator), to - from));
        } finally {
          batches.forEach(Batch::close);
        }
      }
    }
    return splits;
  }
}
