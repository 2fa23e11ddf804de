package dev.sluice.engine.source;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;
import java.util.Map;

/**
 * Files to read as one relation, resolved when the DataFrame is created (missing paths and schema
 * problems fail there, before any task runs).
 *
 * @param format the file format
 * @param files the data files, absolute paths, in a stable order
 * @param fileSizes the size in bytes of each file, for splitting and for the optimizer's estimates
 * @param schema the columns of the files (declared by the user, read from Parquet footers, or
 *     inferred from a sample); for CSV/JSON it may hold the corrupt-record column (utf8, named by
 *     {@code columnNameOfCorruptRecord}, default {@code _corrupt_record}), which a PERMISSIVE read
 *     fills with a malformed record's line: the user declares it, or JSON inference adds it when its
 *     sample had malformed lines (Spark's behaviour)
 * @param options reader options by lower-case name ({@code header}, {@code delimiter}, {@code mode}...)
 */
public record FileSource(FileFormat format, List<String> files, List<Long> fileSizes, Schema schema,
    Map<String, String> options) {
  public FileSource {
    requireNonNull(format, "format is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
    fileSizes = List.copyOf(requireNonNull(fileSizes, "fileSizes is null"));
    requireNonNull(schema, "schema is null");
    options = Map.copyOf(requireNonNull(options, "options is null"));
    if (files.size() != fileSizes.size()) {
      throw new IllegalArgumentException(files.size() + " files but " + fileSizes.size() + " sizes");
    }
  }

  public long totalBytes() {
    long total = 0;
    for (long size : fileSizes) {
      total += size;
    }
    return total;
  }

  public String option(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }
}
