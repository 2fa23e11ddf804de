package dev.sluice.executors.source;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Driver-side resolution of a read: lists the files, checks the options, and settles the schema,
 * so that a missing path, a bad option or an unsupported column fails when the DataFrame is
 * created, before any task runs.
 *
 * <p>Files: each path is a file, or a directory read recursively; inside directories, files and
 * directories whose names start with {@code _} or {@code .} are skipped (markers such as
 * {@code _SUCCESS}, hidden and temporary files). Order: paths as given, each directory sorted by
 * name.
 *
 * <p>Schema: the user's if given; Parquet: the first file's footer (through arrow-dataset); CSV
 * ({@link CsvSchemaInference}) and JSON ({@link JsonSchemaInference}): read or inferred from a
 * sample; text: one utf8 column {@code value}. For CSV and JSON under PERMISSIVE, a malformed
 * record's raw line goes to the corrupt-record column ({@code columnNameOfCorruptRecord}, default
 * {@code _corrupt_record}) when the schema declares it as utf8 — the user adds it to a declared
 * schema, JSON inference adds it when its sample had malformed lines; CSV never adds it by itself.
 * That is Spark's behaviour.
 */
public final class FileSources {
  private static final String SUPPORTED = "int32, int64, float64, boolean, utf8, date32, decimal128";

  private FileSources() {}

  /**
   * Lists the files under {@code paths}, checks they exist, and settles their schema (given,
   * read from Parquet footers, or inferred from a sample).
   *
   * @param options reader options; names are matched without regard to case and stored lower-case
   * @param userSchema the schema the user declared, or null to read or infer it
   * @param allocator for the native Parquet footer read (nothing stays allocated)
   * @throws EngineException INPUT_NOT_FOUND for a missing path or no files, INVALID_ARGUMENT for a
   *     bad option or schema, UNSUPPORTED_TYPE for a Parquet column type Sluice lacks
   */
  public static FileSource resolve(FileFormat format, List<String> paths, Map<String, String> options,
      Schema userSchema, BufferAllocator allocator) {
    Map<String, String> normalized = ReadOptions.normalize(options);
    ReadOptions read = format == FileFormat.CSV || format == FileFormat.JSON ? ReadOptions.parse(normalized) : null;
    List<String> files = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    try {
      for (String path : paths) {
        list(Path.of(path).toAbsolutePath().normalize(), files, sizes);
      }
      if (files.isEmpty()) {
        throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "No files to read in " + paths
            + " (names starting with _ or . are skipped)");
      }
      Schema schema;
      if (userSchema != null) {
        schema = checkUserSchema(format, userSchema, read);
      } else {
        schema = switch (format) {
          case PARQUET -> parquetSchema(files.get(0), allocator);
          case CSV -> CsvSchemaInference.infer(files, sizes, read);
          case JSON -> JsonSchemaInference.infer(files, sizes, read);
          case TEXT -> new Schema(List.of(new Field("value", DataType.UTF8)));
        };
      }
      return new FileSource(format, files, sizes, schema, normalized);
    } catch (IOException | UncheckedIOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot read " + paths + ": " + e.getMessage(), e);
    }
  }

  private static void list(Path path, List<String> files, List<Long> sizes) throws IOException {
    if (!Files.exists(path)) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Path does not exist: " + path);
    }
    if (!Files.isDirectory(path)) {
      files.add(path.toString());
      sizes.add(Files.size(path));
      return;
    }
    List<Path> children;
    try (Stream<Path> stream = Files.list(path)) {
      children = stream.filter(child -> {
        String name = child.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".");
      }).sorted().toList();
    }
    for (Path child : children) {
      list(child, files, sizes);
    }
  }

  private static Schema checkUserSchema(FileFormat format, Schema schema, ReadOptions options) {
    if (format == FileFormat.TEXT && (schema.fields().size() != 1
        || !(schema.fields().get(0).type() instanceof DataType.Utf8))) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "A text read has one utf8 column, got the schema "
          + schema);
    }
    if (format == FileFormat.PARQUET) {
      return schema;
    }
    for (Field field : schema.fields()) {
      if (field.type() instanceof DataType.Binary) {
        throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "Column '" + field.name() + "' is declared binary, "
            + "which " + format + " files cannot hold; use utf8");
      }
      if (options != null && field.name().equals(options.corruptColumn())
          && !(field.type() instanceof DataType.Utf8)) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT, "The corrupt-record column '" + field.name()
            + "' (option columnNameOfCorruptRecord) must be utf8, got " + field.type().displayName());
      }
    }
    return schema;
  }

  private static Schema parquetSchema(String file, BufferAllocator allocator) {
    org.apache.arrow.vector.types.pojo.Schema arrow;
    BufferAllocator footer = allocator.newChildAllocator("parquet footer " + Path.of(file).getFileName(), 0,
        Long.MAX_VALUE);
    try {
      try (FileSystemDatasetFactory factory = new FileSystemDatasetFactory(footer, NativeMemoryPool.getDefault(),
          org.apache.arrow.dataset.file.FileFormat.PARQUET, Path.of(file).toUri().toString())) {
        arrow = factory.inspect();
      } catch (RuntimeException e) {
        throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot read the Parquet footer of " + file + ": "
            + e.getMessage(), e);
      }
    } finally {
      ParquetSplitReader.closeAfterRelease(footer);
    }
    List<Field> fields = new ArrayList<>();
    for (org.apache.arrow.vector.types.pojo.Field field : arrow.getFields()) {
      try {
        fields.add(new Field(field.getName(), DataType.fromArrow(field.getType())));
      } catch (IllegalArgumentException e) {
        throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "Column '" + field.getName() + "' of Parquet file "
            + file + " has type " + field.getType() + ", which Sluice does not support; supported: " + SUPPORTED);
      }
    }
    return new Schema(fields);
  }
}
