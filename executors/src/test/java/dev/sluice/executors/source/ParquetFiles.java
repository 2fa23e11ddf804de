package dev.sluice.executors.source;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Writes test Parquet files with arrow-dataset (TECH.md §2), one row group source per batch. */
final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Writes {@code batches} (all of {@code schema}) to {@code directory/<name>}; waits for the native
   * writer threads to release their buffers before returning (the allocator-release race).
   */
  static Path write(BufferAllocator parent, Path directory, String name, Schema schema, List<VectorBatch> batches)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BufferAllocator allocator = parent.newChildAllocator("ipc", 0, Long.MAX_VALUE)) {
      try (VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), allocator);
          ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
        writer.start();
        for (VectorBatch batch : batches) {
          try (Batch arrow = ArrowColumns.write(batch, allocator)) {
            root.clear();
            for (int c = 0; c < root.getFieldVectors().size(); c++) {
              arrow.root().getVector(c).makeTransferPair(root.getVector(c)).transfer();
            }
            root.setRowCount(batch.rowCount());
            writer.writeBatch();
          }
        }
        writer.end();
      }
    }
    Path staging = Files.createTempDirectory(directory, ".staging");
    BufferAllocator allocator = parent.newChildAllocator("parquet writer", 0, Long.MAX_VALUE);
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator)) {
      DatasetFileWriter.write(allocator, reader, FileFormat.PARQUET, staging.toUri().toString(), new String[0], 1,
          "part-{i}.parquet");
    } finally {
      ParquetSplitReader.closeAfterRelease(allocator);
    }
    Path target = directory.resolve(name);
    Files.move(staging.resolve("part-0.parquet"), target);
    Files.delete(staging);
    return target;
  }
}
