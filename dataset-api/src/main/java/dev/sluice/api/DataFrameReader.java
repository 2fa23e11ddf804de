package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Schema;
import dev.sluice.executors.source.FileSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads files as a DataFrame, as Spark's {@code DataFrameReader}: {@code sluice.read()},
 * optionally {@code .format(...)}, {@code .schema(...)} and {@code .option(...)}s, then
 * {@code .load(paths)} or one of {@code parquet/csv/json/text(paths)}. The files are listed and
 * their schema settled (declared, read from Parquet footers, or inferred) at the call, so a missing
 * path or a bad schema fails there, before any task runs.
 *
 * <p>Options (names are case-insensitive): CSV {@code header} (false), {@code delimiter} or
 * {@code sep} (,), {@code inferSchema} (false), {@code mode} (PERMISSIVE | DROPMALFORMED |
 * FAILFAST), {@code nullValue}; JSON {@code mode}.
 */
public final class DataFrameReader {
  private final Sluice session;
  private FileFormat format = FileFormat.PARQUET;
  private Schema schema;
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameReader(Sluice session) {
    this.session = requireNonNull(session, "session is null");
  }

  /** The file format: {@code parquet} (the default), {@code csv}, {@code json} or {@code text}. */
  public DataFrameReader format(String source) {
    requireNonNull(source, "source is null");
    try {
      this.format = FileFormat.valueOf(source.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "Unknown format '" + source + "'; expected one of parquet, csv, json, text");
    }
    return this;
  }

  /** The columns of the files, instead of reading or inferring them. */
  public DataFrameReader schema(Schema declared) {
    this.schema = requireNonNull(declared, "schema is null");
    return this;
  }

  /** The columns as a DDL string: {@code "l_orderkey BIGINT, l_price DECIMAL(15,2), l_shipdate DATE"}. */
  public DataFrameReader schema(String ddl) {
    return schema(SqlTypes.parseSchema(requireNonNull(ddl, "ddl is null")));
  }

  /** A reader option (names are case-insensitive). */
  public DataFrameReader option(String key, String value) {
    requireNonNull(key, "key is null");
    options.put(key.toLowerCase(Locale.ROOT), requireNonNull(value, "value of option " + key + " is null"));
    return this;
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, String.valueOf(value));
  }

  public DataFrameReader option(String key, long value) {
    return option(key, String.valueOf(value));
  }

  public DataFrameReader option(String key, double value) {
    return option(key, String.valueOf(value));
  }

  /** Several reader options. */
  public DataFrameReader options(Map<String, String> more) {
    requireNonNull(more, "options is null").forEach(this::option);
    return this;
  }

  /** Reads the files, directories or globs in the current format. */
  public DataFrame load(String... paths) {
    if (paths.length == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "load needs at least one path");
    }
    List<String> list = new ArrayList<>(paths.length);
    for (String path : paths) {
      list.add(requireNonNull(path, "path is null"));
    }
    FileSource source = FileSources.resolve(format, list, Map.copyOf(options), schema, session.allocator());
    return DataFrame.ofSource(session, ScanRelation.of(source));
  }

  /** Reads Parquet files. */
  public DataFrame parquet(String... paths) {
    return format("parquet").load(paths);
  }

  /** Reads delimited text files (see the options above). */
  public DataFrame csv(String... paths) {
    return format("csv").load(paths);
  }

  /** Reads newline-delimited JSON objects. */
  public DataFrame json(String... paths) {
    return format("json").load(paths);
  }

  /** Reads lines of text as one string column {@code value}. */
  public DataFrame text(String... paths) {
    return format("text").load(paths);
  }

  FileFormat currentFormat() {
    return format;
  }

  Schema currentSchema() {
    return schema;
  }

  Map<String, String> currentOptions() {
    return Map.copyOf(options);
  }
}
