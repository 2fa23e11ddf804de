package dev.sluice.executors.source;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Reads one Parquet file through arrow-dataset (JNI) with the projected columns only. A Parquet
 * split is a whole file: the split that starts at byte 0 reads it, any other split of the same file
 * reads nothing. Batches come out in the caller's allocator with exactly the output schema's fields.
 *
 * <p>Native side: the scan imports its batches through the C data interface into a child allocator
 * of its own; each batch's buffers are then copied into the caller's allocator (one bulk copy per
 * buffer), so the batches handed out hold nothing of the scan's and the reader can reuse its root. Closing closes reader, scanner, dataset and factory in that order,
 * then waits (up to 5 s) for native threads to release what they still hold before closing the
 * child allocator (TECH.md §2: release happens asynchronously).
 */
final class ParquetSplitReader implements AutoCloseable {
  private static final long RELEASE_WAIT_MILLIS = 5_000;

  private final Path path;
  private final Schema output;
  private final BufferAllocator target;
  private BufferAllocator scanAllocator;
  private FileSystemDatasetFactory factory;
  private Dataset dataset;
  private Scanner scanner;
  private ArrowReader reader;

  ParquetSplitReader(FileSplit split, Schema output, BufferAllocator allocator, int batchRows) {
    this.path = Path.of(split.path());
    this.output = output;
    this.target = allocator;
    if (split.start() > 0) {
      return;
    }
    try {
      scanAllocator = allocator.newChildAllocator("parquet " + path.getFileName(), 0, Long.MAX_VALUE);
      factory = new FileSystemDatasetFactory(scanAllocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET,
          path.toUri().toString());
      dataset = factory.finish();
      String[] columns = output.fields().stream().map(Field::name).toArray(String[]::new);
      scanner = dataset.newScan(new ScanOptions(batchRows, Optional.of(columns)));
      reader = scanner.scanBatches();
    } catch (RuntimeException e) {
      closeQuietly(e);
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot read Parquet file " + path + ": "
          + e.getMessage(), e);
    }
  }

  /** The next batch, owned by the caller, or null at the end of the file. */
  Batch next() throws IOException {
    VectorSchemaRoot root = load();
    if (root == null) {
      return null;
    }
    int rows = root.getRowCount();
    List<FieldVector> vectors = new ArrayList<>(output.fields().size());
    try {
      for (Field field : output.fields()) {
        vectors.add(copy(column(root, field), field, rows));
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    List<org.apache.arrow.vector.types.pojo.Field> fields = output.toArrow().getFields();
    return new Batch(new VectorSchemaRoot(fields, vectors, rows));
  }

  /**
   * The next batch read straight from the imported buffers into Java arrays (no Arrow copy in
   * between), with the output schema, or null at the end of the file.
   */
  VectorBatch nextVectors() throws IOException {
    VectorSchemaRoot root = load();
    if (root == null) {
      return null;
    }
    int rows = root.getRowCount();
    List<ColumnData> columns = new ArrayList<>(output.fields().size());
    for (Field field : output.fields()) {
      columns.add(ArrowColumns.read(column(root, field), rows));
    }
    return new VectorBatch(output, columns, rows);
  }

  /** Loads the next imported batch into the reader's root, or returns null at the end of the file. */
  private VectorSchemaRoot load() throws IOException {
    if (reader == null) {
      return null;
    }
    boolean loaded;
    try {
      loaded = reader.loadNextBatch();
    } catch (RuntimeException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot read Parquet file " + path + ": "
          + e.getMessage(), e);
    }
    return loaded ? reader.getVectorSchemaRoot() : null;
  }

  /** The imported vector of an output field, its type checked. */
  private FieldVector column(VectorSchemaRoot root, Field field) {
    FieldVector source = root.getVector(field.name());
    if (source == null) {
      throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Parquet file " + path + " has no column '"
          + field.name() + "'; it has " + root.getSchema().getFields().stream()
          .map(org.apache.arrow.vector.types.pojo.Field::getName).toList());
    }
    checkType(field, source);
    return source;
  }

  /**
   * A copy of an imported vector in the caller's allocator, buffer by buffer. A transfer would
   * leave the batch pinning the C data import's memory in the scan allocator until the consumer
   * closes it, and a consumer that holds batches (a collect) or a limit that stops reading early
   * would then see the reader's close wait for memory it cannot release yet.
   */
  private FieldVector copy(FieldVector source, Field field, int rows) {
    FieldVector copy = field.toArrow().createVector(target);
    List<ArrowBuf> buffers = new ArrayList<>();
    try {
      List<ArrowBuf> sources = source.getFieldBuffers();
      for (int b = 0; b < sources.size(); b++) {
        ArrowBuf buffer = sources.get(b);
        long length = buffer == null ? 0 : buffer.capacity();
        long validityBytes = (rows + 7) / 8;
        if (b == 0 && length < validityBytes) {
          // the validity buffer (always the first) may be absent when nothing is null
          ArrowBuf valid = target.buffer(Math.max(validityBytes, 1));
          valid.setOne(0, valid.capacity());
          valid.writerIndex(validityBytes);
          buffers.add(valid);
          continue;
        }
        ArrowBuf owned = target.buffer(Math.max(length, 1));
        if (length > 0) {
          MemoryUtil.copyMemory(buffer.memoryAddress(), owned.memoryAddress(), length);
        } else {
          owned.setZero(0, owned.capacity());
        }
        owned.writerIndex(length);
        buffers.add(owned);
      }
      copy.loadFieldBuffers(new ArrowFieldNode(rows, source.getNullCount()), buffers);
      return copy;
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    } finally {
      buffers.forEach(ArrowBuf::close);
    }
  }

  private void checkType(Field field, FieldVector vector) {
    DataType actual;
    try {
      actual = DataType.fromArrow(vector.getField().getType());
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "Column '" + field.name() + "' of Parquet file "
          + path + ": " + e.getMessage());
    }
    if (!actual.equals(field.type())) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "Column '" + field.name() + "' of Parquet file " + path
          + " is " + actual.displayName() + ", but the scan's schema (from the first file or the user) says "
          + field.type().displayName());
    }
  }

  @Override
  public void close() {
    closeQuietly(null);
  }

  /**
   * Closes an allocator that native code (arrow-dataset) used, after waiting up to 5 s for native
   * threads to release the buffers they still hold.
   */
  static void closeAfterRelease(BufferAllocator allocator) {
    long deadline = System.currentTimeMillis() + RELEASE_WAIT_MILLIS;
    while (allocator.getAllocatedMemory() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    allocator.close();
  }

  private void closeQuietly(Throwable failure) {
    RuntimeException error = null;
    for (AutoCloseable closeable : new AutoCloseable[] {reader, scanner, dataset, factory}) {
      if (closeable == null) {
        continue;
      }
      try {
        closeable.close();
      } catch (Exception e) {
        if (error == null) {
          error = new EngineException(ErrorCode.INTERNAL, "Closing the Parquet scan of " + path + " failed", e);
        }
      }
    }
    reader = null;
    scanner = null;
    dataset = null;
    factory = null;
    if (scanAllocator != null) {
      try {
        closeAfterRelease(scanAllocator);
      } catch (RuntimeException e) {
        if (error == null) {
          error = e;
        }
      }
      scanAllocator = null;
    }
    if (error != null) {
      if (failure != null) {
        failure.addSuppressed(error);
      } else {
        throw error;
      }
    }
  }
}
