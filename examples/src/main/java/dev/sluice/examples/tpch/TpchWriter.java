package dev.sluice.examples.tpch;

import dev.sluice.engine.types.DataType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes one part of one TPC-H table as Parquet (through arrow-dataset) or as {@code |}-delimited
 * CSV with a header line, no trailing delimiter and no quoting, as BENCHMARKS.md lays them out.
 * Each file is written under a temporary name and renamed into place.
 */
final class TpchWriter {
  private static final int BATCH_ROWS = 64 * 1024;
  private static final long RELEASE_WAIT_MILLIS = 5_000;

  private TpchWriter() {}

  /** Writes {@code target} (e.g. {@code .../parquet/lineitem/part-0.parquet}); returns the rows written. */
  static <E> long writeParquet(TpchTable<E> table, double scaleFactor, int part, int parts, Path target,
      BufferAllocator parent) throws IOException {
    Path staging = target.resolveSibling("." + target.getFileName() + ".staging");
    deleteRecursively(staging);
    Files.createDirectories(staging);
    CountingIterator<E> rows = new CountingIterator<>(table.generator().rows(scaleFactor, part + 1, parts).iterator());
    try (BufferAllocator allocator = parent.newChildAllocator("tpch-" + table.name() + "-" + part, 0, Long.MAX_VALUE)) {
      try (TpchBatchReader<E> reader = new TpchBatchReader<>(allocator, table, rows, BATCH_ROWS)) {
        DatasetFileWriter.write(allocator, reader, FileFormat.PARQUET, staging.toUri().toString(), new String[0], 1,
            "data-{i}.parquet");
      }
      awaitRelease(allocator);
    }
    try (Stream<Path> files = Files.list(staging)) {
      List<Path> written = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      if (written.size() != 1) {
        throw new IOException("arrow-dataset wrote " + written.size() + " files for " + target + ", expected 1");
      }
      Files.move(written.get(0), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      deleteRecursively(staging);
    }
    return rows.count;
  }

  /**
   * arrow-dataset's writer returns before its native threads release the exported buffers
   * (TECH.md §2): wait for the allocator to drain before it is closed.
   */
  private static void awaitRelease(BufferAllocator allocator) {
    long deadline = System.currentTimeMillis() + RELEASE_WAIT_MILLIS;
    while (allocator.getAllocatedMemory() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes {@code target} (e.g. {@code .../csv/lineitem/part-0.csv}); returns the rows written. */
  static <E> long writeCsv(TpchTable<E> table, double scaleFactor, int part, int parts, Path target)
      throws IOException {
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    long count = 0;
    List<TpchColumn<E>> columns = table.columns();
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16)) {
      for (int c = 0; c < columns.size(); c++) {
        out.write(c == 0 ? "" : "|");
        out.write(columns.get(c).name());
      }
      out.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (E row : table.generator().rows(scaleFactor, part + 1, parts)) {
        line.setLength(0);
        for (int c = 0; c < columns.size(); c++) {
          if (c > 0) {
            line.append('|');
          }
          append(line, columns.get(c), row);
        }
        line.append('\n');
        out.append(line);
        count++;
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return count;
  }

  private static <E> void append(StringBuilder line, TpchColumn<E> column, E row) {
    if (column.stringValue() != null) {
      line.append(column.stringValue().apply(row));
      return;
    }
    long value = column.longValue().applyAsLong(row);
    DataType type = column.type();
    if (type instanceof DataType.Decimal) {
      if (value < 0) {
        line.append('-');
        value = -value;
      }
      line.append(value / 100).append('.');
      long cents = value % 100;
      line.append(cents < 10 ? "0" : "").append(cents);
    } else if (type instanceof DataType.Date32) {
      line.append(LocalDate.ofEpochDay(value));
    } else {
      line.append(value);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Counts the rows the Parquet writer pulled. */
  private static final class CountingIterator<E> implements java.util.Iterator<E> {
    private final java.util.Iterator<E> delegate;
    private long count;

    CountingIterator(java.util.Iterator<E> delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public E next() {
      count++;
      return delegate.next();
    }
  }
}
