package dev.sluice.api;

import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Reads Parquet files back through arrow-dataset directly, independent of Sluice's readers. */
final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * The rows ({@code getObject} values) of a Parquet file or of every file in a directory (names
   * starting with {@code _} or {@code .} skipped, as arrow-dataset does).
   */
  static List<List<Object>> read(String uri, BufferAllocator allocator) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (FileSystemDatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
            FileFormat.PARQUET, uri);
        Dataset dataset = factory.finish();
        Scanner scanner = dataset.newScan(new ScanOptions(8192));
        ArrowReader reader = scanner.scanBatches()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        List<ColumnData> columns = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          columns.add(ArrowColumns.read(vector, root.getRowCount()));
        }
        for (int row = 0; row < root.getRowCount(); row++) {
          Object[] values = new Object[columns.size()];
          for (int c = 0; c < values.length; c++) {
            values[c] = columns.get(c).getObject(row);
          }
          rows.add(Arrays.asList(values));
        }
      }
    }
    return rows;
  }
}
