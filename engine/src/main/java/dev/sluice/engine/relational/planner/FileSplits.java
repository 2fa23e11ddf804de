package dev.sluice.engine.relational.planner;

import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The splits a file scan reads, one per task: a whole file for Parquet (arrow-dataset reads files),
 * for compressed text and for multi-line CSV/JSON; otherwise byte ranges of at most
 * {@code maxSplitBytes}, which the reader aligns to lines.
 */
public final class FileSplits {
  private static final List<String> COMPRESSED = List.of(".gz", ".bz2", ".zst", ".zstd", ".xz", ".lz4", ".snappy",
      ".deflate", ".zip");

  private FileSplits() {}

  /** The splits of every file of the source, in file order (empty when it has no files). */
  public static List<FileSplit> of(FileSource source, long maxSplitBytes) {
    List<FileSplit> splits = new ArrayList<>();
    for (int i = 0; i < source.files().size(); i++) {
      String path = source.files().get(i);
      long size = source.fileSizes().get(i);
      if (!splittable(source, path) || size <= maxSplitBytes) {
        splits.add(new FileSplit(path, 0, size));
        continue;
      }
      for (long start = 0; start < size; start += maxSplitBytes) {
        splits.add(new FileSplit(path, start, Math.min(maxSplitBytes, size - start)));
      }
    }
    return splits;
  }

  private static boolean splittable(FileSource source, String path) {
    if (source.format() == FileFormat.PARQUET) {
      return false;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSED) {
      if (lower.endsWith(suffix)) {
        return false;
      }
    }
    return !"true".equalsIgnoreCase(source.option("multiline", "false"));
  }
}
