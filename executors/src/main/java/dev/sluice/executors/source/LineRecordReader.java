package dev.sluice.executors.source;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of one split of a line-based format (CSV, JSON, text), one record per line,
 * into batches of the output columns. This class owns the line loop and the malformed-record
 * policy; a subclass parses one line.
 *
 * <p>Columns: the source schema minus the corrupt-record column (if the schema declares it, as
 * utf8) are the data columns, numbered in order; a subclass fills the projected ones. Under
 * PERMISSIVE a malformed record keeps the values that parsed, nulls elsewhere, and its raw line in
 * the corrupt-record column; under DROPMALFORMED it is dropped and counted; under FAILFAST the
 * subclass throws MALFORMED_RECORD naming the file, line and column.
 */
abstract class LineRecordReader implements Closeable {
  private static final int MAX_QUOTED_VALUE = 100;

  final SplitLineReader lines;
  final ParseMode mode;
  /** The data columns of the source (without the corrupt-record column). */
  final List<Field> dataFields;
  /** Data column index of each projected data column, in output order of the builders below. */
  final int[] projectedFields;
  /** The builder of each projected data column, parallel to {@link #projectedFields}. */
  final ColumnBuilder[] projectedBuilders;
  private final Schema output;
  private final ColumnBuilder[] builders;
  private final ColumnBuilder.Strings corrupt;
  private final int batchRows;
  private final boolean skipBlankLines;
  private boolean skipHeader;
  private boolean done;
  private long dropped;

  LineRecordReader(FileSplit split, Schema source, Schema output, ReadOptions options, int batchRows,
      boolean skipBlankLines, boolean header) throws IOException {
    this.mode = options.mode();
    this.output = output;
    this.batchRows = batchRows;
    this.skipBlankLines = skipBlankLines;
    String corruptName = corruptColumn(source, options);
    this.dataFields = source.fields().stream().filter(f -> !f.name().equals(corruptName)).toList();
    int capacity = Math.min(batchRows, 1 << 16);
    builders = new ColumnBuilder[output.fields().size()];
    List<Integer> fields = new ArrayList<>();
    List<ColumnBuilder> projected = new ArrayList<>();
    ColumnBuilder.Strings corruptBuilder = null;
    for (int j = 0; j < builders.length; j++) {
      Field field = output.fields().get(j);
      builders[j] = ColumnBuilder.of(field.name(), field.type(), capacity);
      if (field.name().equals(corruptName)) {
        corruptBuilder = (ColumnBuilder.Strings) builders[j];
        continue;
      }
      int index = indexOf(dataFields, field);
      fields.add(index);
      projected.add(builders[j]);
    }
    this.corrupt = corruptBuilder;
    this.projectedFields = fields.stream().mapToInt(Integer::intValue).toArray();
    this.projectedBuilders = projected.toArray(new ColumnBuilder[0]);
    this.lines = new SplitLineReader(split);
    this.skipHeader = header && lines.atFileStart();
  }

  /** The corrupt-record column's name if the source schema declares it (as utf8), else null. */
  static String corruptColumn(Schema source, ReadOptions options) {
    for (Field field : source.fields()) {
      if (field.name().equals(options.corruptColumn()) && field.type() instanceof DataType.Utf8) {
        return field.name();
      }
    }
    return null;
  }

  private static int indexOf(List<Field> fields, Field wanted) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(wanted.name())) {
        if (!fields.get(i).type().equals(wanted.type())) {
          throw new EngineException(ErrorCode.INTERNAL, "Scan column '" + wanted + "' differs from the file's "
              + fields.get(i));
        }
        return i;
      }
    }
    throw new EngineException(ErrorCode.INTERNAL, "Scan column '" + wanted.name() + "' is not among the "
        + "file columns " + fields);
  }

  /**
   * Parses one record and appends one value to each projected builder (nulls for fields it lacks
   * or, under PERMISSIVE, cannot parse). Returns false for a malformed record; under DROPMALFORMED
   * it may stop early (the row is then rolled back), under FAILFAST it throws instead.
   */
  abstract boolean parseRecord(byte[] b, int from, int to) throws IOException;

  /** The next batch of rows, or null at the end of the split. Valid until the next call. */
  VectorBatch next() throws IOException {
    if (done) {
      return null;
    }
    for (ColumnBuilder builder : builders) {
      builder.reset();
    }
    int rows = 0;
    while (rows < batchRows) {
      if (!lines.next()) {
        done = true;
        break;
      }
      byte[] b = lines.array();
      int from = lines.lineStart();
      int to = lines.lineEnd();
      if (skipBlankLines && from == to) {
        continue;
      }
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      boolean good = parseRecord(b, from, to);
      if (!good) {
        if (mode == ParseMode.DROPMALFORMED) {
          for (ColumnBuilder builder : projectedBuilders) {
            builder.truncate(rows);
          }
          dropped++;
          continue;
        }
        for (ColumnBuilder builder : projectedBuilders) {
          if (builder.size == rows) {
            builder.appendNull();
          }
        }
      }
      if (corrupt != null) {
        if (good || mode != ParseMode.PERMISSIVE) {
          corrupt.appendNull();
        } else {
          corrupt.append(b, from, to - from);
        }
      }
      rows++;
    }
    if (rows == 0 && done) {
      return null;
    }
    List<ColumnData> columns = new ArrayList<>(builders.length);
    for (ColumnBuilder builder : builders) {
      columns.add(builder.build());
    }
    return new VectorBatch(output, columns, rows);
  }

  /** Malformed records dropped so far (DROPMALFORMED). */
  long dropped() {
    return dropped;
  }

  /** The FAILFAST error for a record, {@code detail} following the line number. */
  EngineException malformed(String format, String detail) throws IOException {
    return new EngineException(ErrorCode.MALFORMED_RECORD, "Malformed " + format + " record in " + lines.path()
        + " line " + lines.lineNumber() + detail);
  }

  /** The FAILFAST error for a value that does not parse as its column's type. */
  EngineException malformedValue(String format, int field, byte[] b, int from, int to) throws IOException {
    Field column = dataFields.get(field);
    return malformed(format, ", column '" + column.name() + "': expected " + column.type().displayName() + ", got "
        + quote(b, from, to));
  }

  /** The error for a decimal that fits its declared type but not the 64-bit columnar form. */
  EngineException overflow(String format, int field, byte[] b, int from, int to) throws IOException {
    Field column = dataFields.get(field);
    return new EngineException(ErrorCode.NUMERIC_OVERFLOW, format + " value " + quote(b, from, to) + " of column '"
        + column.name() + "' (" + column.type().displayName() + ") in " + lines.path() + " line "
        + lines.lineNumber() + " is beyond the 18 significant digits the columnar path computes decimals in");
  }

  static String quote(byte[] b, int from, int to) {
    String text = new String(b, from, Math.min(to - from, MAX_QUOTED_VALUE * 4), StandardCharsets.UTF_8);
    if (text.length() > MAX_QUOTED_VALUE) {
      text = text.substring(0, MAX_QUOTED_VALUE) + "...";
    }
    return "'" + text + "'";
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
