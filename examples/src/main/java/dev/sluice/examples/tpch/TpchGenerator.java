package dev.sluice.examples.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the TPC-H tables of BENCHMARKS.md: {@code DIR/sf<SF>/{parquet,csv}/<table>/part-{0..3}.*},
 * 4 parts per table ({@code createGenerator(sf, part, 4)}), Parquet and CSV, using every core.
 * {@code <SF>} is written as given ({@code sf1}, {@code sf0.01}).
 */
public final class TpchGenerator {
  /** Parts per table, as BENCHMARKS.md lays the data out. */
  public static final int PARTS = 4;

  private TpchGenerator() {}

  /** What was written: rows per table. */
  public record Summary(Path root, List<String> tables, List<Long> rows) {}

  /** The directory of one format of one table, e.g. {@code DIR/sf1/parquet/lineitem}. */
  public static Path tableDirectory(Path out, String scaleFactor, String format, String table) {
    return out.resolve("sf" + scaleFactor).resolve(format).resolve(table);
  }

  /**
   * Writes every table at {@code scaleFactor} (given as text, e.g. {@code "0.01"}) under {@code out}.
   */
  public static Summary write(Path out, String scaleFactor) throws IOException, InterruptedException {
    double sf = Double.parseDouble(scaleFactor);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "tpch-gen");
      thread.setDaemon(true);
      return thread;
    });
    List<String> tables = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<List<Future<Long>>> parts = new ArrayList<>();
      for (TpchTable<?> table : TpchTable.ALL) {
        Path parquet = tableDirectory(out, scaleFactor, "parquet", table.name());
        Path csv = tableDirectory(out, scaleFactor, "csv", table.name());
        Files.createDirectories(parquet);
        Files.createDirectories(csv);
        List<Future<Long>> futures = new ArrayList<>();
        for (int part = 0; part < PARTS; part++) {
          int p = part;
          futures.add(pool.submit(() -> TpchWriter.writeParquet(table, sf, p, PARTS,
              parquet.resolve("part-" + p + ".parquet"), allocator)));
          futures.add(pool.submit(() -> TpchWriter.writeCsv(table, sf, p, PARTS, csv.resolve("part-" + p + ".csv"))));
        }
        tables.add(table.name());
        parts.add(futures);
      }
      for (List<Future<Long>> futures : parts) {
        long parquetRows = 0;
        long csvRows = 0;
        for (int i = 0; i < futures.size(); i++) {
          long count = futures.get(i).get();
          if (i % 2 == 0) {
            parquetRows += count;
          } else {
            csvRows += count;
          }
        }
        if (parquetRows != csvRows) {
          throw new IOException("Parquet and CSV row counts differ: " + parquetRows + " vs " + csvRows);
        }
        rows.add(parquetRows);
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("TPC-H generation failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    return new Summary(out.resolve("sf" + scaleFactor), tables, rows);
  }
}
