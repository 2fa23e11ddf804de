package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes batches as one Parquet file through arrow-dataset's native writer
 * ({@link DatasetFileWriter}). The native writer wants a directory with no data in it and names
 * its own files, so it writes into a fresh scratch directory and the file is then moved to where
 * it belongs. TECH.md §2: the native threads release the exported buffers after the write
 * returns, so this waits for the write's allocator to drop back to zero before closing it.
 */
final class ParquetFileWriter {
  private static final long RELEASE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private ParquetFileWriter() {}

  /**
   * Writes {@code batches} (owned from now on, closed by this call), all of {@code schema}, to
   * {@code target}, which must not exist.
   *
   * @param scratch a directory of the executor's where the native writer may create directories
   * @param parent the task's allocator; the write runs in a child of it named {@code name}
   */
  static void write(List<Batch> batches, Schema schema, Path target, Path scratch, BufferAllocator parent,
      String name) {
    Path directory = scratch.resolve("parquet-" + UUID.randomUUID());
    BufferAllocator allocator;
    try {
      allocator = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      batches.forEach(Batch::close);
      throw e;
    }
    RuntimeException failure = null;
    try {
      Files.createDirectories(scratch);
      BatchListReader reader = new BatchListReader(allocator, schema, batches);
      try {
        DatasetFileWriter.write(allocator, reader, FileFormat.PARQUET, directory.toUri().toString(),
            new String[0], 1024, "part-{i}.parquet");
      } finally {
        awaitRelease(allocator, reader);
      }
      // the scratch directory may be on another file system: a plain move (copy if it must); the
      // target is in the staging directory, where only files answered by the task count
      Files.move(onlyFile(directory), target);
    } catch (IOException e) {
      failure = new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot write Parquet file " + target + ": " + e, e);
    } catch (RuntimeException e) {
      failure = e instanceof EngineException ? e : new EngineException(ErrorCode.INVALID_ARGUMENT,
          "Cannot write Parquet file " + target + ": " + e.getMessage(), e);
    } finally {
      batches.forEach(Batch::close);
      deleteQuietly(directory);
      try {
        allocator.close();
      } catch (IllegalStateException e) {
        if (failure == null) {
          failure = new EngineException(ErrorCode.INTERNAL, "Writing Parquet file " + target
              + " leaked Arrow memory (the native writer kept buffers); this is a bug: " + e.getMessage(), e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Waits until the native writer released every exported buffer (closing the reader releases the
   * rest); closes the reader itself if the native side never did.
   */
  private static void awaitRelease(BufferAllocator allocator, BatchListReader reader) {
    long deadline = System.nanoTime() + RELEASE_TIMEOUT_NANOS;
    boolean interrupted = false;
    while (allocator.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      interrupted |= Thread.interrupted();
    }
    try {
      reader.close();
    } catch (IOException e) {
      // nothing to read from; closing only frees buffers
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path onlyFile(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> written = files.toList();
      if (written.size() != 1) {
        throw new EngineException(ErrorCode.INTERNAL, "The Parquet writer left " + written.size()
            + " files in " + directory + ", expected one; this is a bug");
      }
      return written.get(0);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // scratch space of the executor; removed with the session
    }
  }
}
