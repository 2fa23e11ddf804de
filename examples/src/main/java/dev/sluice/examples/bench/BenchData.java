package dev.sluice.examples.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bench's input files are, in the layout BENCHMARKS.md fixes: TPC-H tables under
 * {@code DIR/sf<SF>/{parquet,csv}/<table>/part-{0..3}.*} and the text corpus under
 * {@code DIR/text/part-{0..7}.txt}. Workloads that read no files (W1) ignore it.
 *
 * @param directory the {@code --data} directory, if given
 * @param scaleFactor the {@code --sf} value exactly as given ("1", "0.01"), if given
 */
public record BenchData(Optional<Path> directory, Optional<String> scaleFactor) {
  public BenchData {
    requireNonNull(directory, "directory is null");
    requireNonNull(scaleFactor, "scaleFactor is null");
  }

  /** Data for workloads that read nothing. */
  public static BenchData none() {
    return new BenchData(Optional.empty(), Optional.empty());
  }

  /** {@code DIR/sf<SF>/<format>/<table>}, e.g. {@code tpchTable("parquet", "lineitem")}. */
  public Path tpchTable(String format, String table) {
    return requireDirectory().resolve("sf" + requireScaleFactor()).resolve(format).resolve(table);
  }

  /** {@code DIR/text}, the word-count corpus. */
  public Path textCorpus() {
    return requireDirectory().resolve("text");
  }

  private Path requireDirectory() {
    return directory.orElseThrow(() -> new IllegalStateException("no --data directory was given"));
  }

  private String requireScaleFactor() {
    return scaleFactor.orElseThrow(() -> new IllegalStateException("no --sf scale factor was given"));
  }
}
