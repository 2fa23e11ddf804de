package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.executors.sink.CsvWriteOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a DataFrame's rows as Parquet or CSV files into a directory, atomically: the job's tasks
 * write into a staging directory beside the target, and only when every task succeeded are their
 * files moved into place (see {@link SaveMode} for what happens to existing data). A job that fails
 * leaves the target exactly as it was.
 *
 * <pre>{@code
 * df.write().mode("overwrite").partitionBy("year").parquet("/data/out");
 * df.write().option("header", "true").option("delimiter", "|").csv("/data/csv");
 * }</pre>
 *
 * <p>Every task writes its own files ({@code part-<partition>-<uuid>-c<n>.parquet|csv}, none for a
 * partition without rows) plus one {@code _SUCCESS} marker. With {@link #partitionBy} the files
 * go into Hive-style directories {@code col=value/...} (values escaped for paths, null or empty as
 * {@code __HIVE_DEFAULT_PARTITION__}) and leave those columns out. Values are written as Spark
 * casts them to strings (decimals plain, dates {@code yyyy-MM-dd}).
 *
 * <p>CSV options: {@code header} (default false, as Spark), {@code delimiter}/{@code sep}
 * (default {@code ,}), {@code quote} (default {@code "}), {@code escape} (default {@code "}:
 * quotes are doubled, RFC 4180; Spark's default is a backslash), {@code nullValue} (default
 * empty). Parquet takes no options (files are written uncompressed by arrow-dataset).
 */
public final class DataFrameWriter {
  private final DataFrame frame;
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
  private FileFormat format = FileFormat.PARQUET;
  private final Map<String, String> options = new LinkedHashMap<>();
  private List<String> partitionColumns = List.of();

  DataFrameWriter(DataFrame frame) {
    this.frame = requireNonNull(frame, "frame is null");
  }

  /** What to do when the target holds data; default {@link SaveMode#ERROR_IF_EXISTS}. */
  public DataFrameWriter mode(SaveMode mode) {
    this.mode = requireNonNull(mode, "mode is null");
    return this;
  }

  /**
   * The save mode by Spark's name: {@code error}/{@code errorifexists}, {@code overwrite},
   * {@code append}, {@code ignore} (case-insensitive); an unknown name fails with INVALID_ARGUMENT.
   */
  public DataFrameWriter mode(String mode) {
    return mode(SaveMode.parse(mode));
  }

  /** A format option (see the class comment); checked when the write starts. */
  public DataFrameWriter option(String key, String value) {
    options.put(requireNonNull(key, "key is null"), requireNonNull(value, "value of option " + key + " is null"));
    return this;
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, String.valueOf(value));
  }

  public DataFrameWriter options(Map<String, String> options) {
    requireNonNull(options, "options is null").forEach(this::option);
    return this;
  }

  /**
   * Partitions the output by these columns, in this directory order; the columns are checked
   * (COLUMN_NOT_FOUND lists the available ones) when the write starts, before any task runs.
   */
  public DataFrameWriter partitionBy(String... columns) {
    requireNonNull(columns, "columns is null");
    List<String> names = new ArrayList<>(columns.length);
    for (String column : columns) {
      names.add(requireNonNull(column, "partition column is null"));
    }
    this.partitionColumns = List.copyOf(names);
    return this;
  }

  /**
   * The format {@link #save} writes: {@code parquet} (the default, as in Spark) or {@code csv},
   * case-insensitive; another name fails with INVALID_ARGUMENT.
   */
  public DataFrameWriter format(String source) {
    requireNonNull(source, "source is null");
    this.format = switch (source.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "parquet" -> FileFormat.PARQUET;
      case "csv" -> FileFormat.CSV;
      default -> throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot write format '" + source
          + "'; formats that can be written: parquet, csv");
    };
    return this;
  }

  /** Writes the rows into {@code path} in the {@link #format} chosen (Parquet by default). */
  public void save(String path) {
    save(format, path, CallSite.of("save"));
  }

  /** Writes the rows as Parquet files into {@code path}. */
  public void parquet(String path) {
    save(FileFormat.PARQUET, path, CallSite.of("parquet"));
  }

  /** Writes the rows as CSV files into {@code path}. */
  public void csv(String path) {
    save(FileFormat.CSV, path, CallSite.of("csv"));
  }

  private void save(FileFormat format, String path, Origin origin) {
    requireNonNull(path, "path is null");
    List<Integer> partitionIndexes = partitionIndexes(frame.relation().schema(), origin);
    Map<String, String> checked = checkOptions(format, origin);
    FileCommit.write(path, mode, staging -> {
      return frame.session().actions().run(frame.relation(), new TaskSink.WriteFiles(format, staging, partitionIndexes,
          checked), origin);
    });
  }

  private List<Integer> partitionIndexes(Schema schema, Origin origin) {
    List<Field> fields = schema.fields();
    List<Integer> indexes = new ArrayList<>();
    for (String column : partitionColumns) {
      int index = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(column)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Partition column '" + column + "' does not exist ("
            + origin + "); available columns: " + fields.stream().map(Field::name).collect(Collectors.joining(", ")));
      }
      if (indexes.contains(index)) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Partition column '" + column + "' is given twice ("
            + origin + ")");
      }
      indexes.add(index);
    }
    if (!indexes.isEmpty() && indexes.size() == fields.size()) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot use all columns " + partitionColumns
          + " as partition columns: the files would have no columns left (" + origin + ")");
    }
    return indexes;
  }

  private Map<String, String> checkOptions(FileFormat format, Origin origin) {
    if (format == FileFormat.CSV) {
      CsvWriteOptions.parse(options);
    } else if (!options.isEmpty()) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Parquet writing takes no options, got "
          + options.keySet() + " (" + origin + ")");
    }
    return Map.copyOf(options);
  }
}
