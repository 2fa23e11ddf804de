package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows as CSV text (UTF-8, {@code \n} line ends), streaming: one open file per output
 * directory, at most {@value #MAX_OPEN_FILES} open at once (the least recently used one is
 * finished when another is needed; its directory's later rows go to a new file). Fields as
 * {@link ValueText} shows them, quoted as {@link CsvWriteOptions} says.
 */
final class CsvOutput implements FileOutput {
  static final int MAX_OPEN_FILES = 32;
  private static final int BUFFER_BYTES = 1 << 16;

  private final StagingFiles files;
  private final CsvWriteOptions options;
  private final String quote;
  private final String escapedQuote;
  private final String escapedEscape;
  /** Open files by directory, least recently used first. */
  private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

  private record OpenFile(Path path, Writer writer) {}

  CsvOutput(StagingFiles files, CsvWriteOptions options) {
    this.files = files;
    this.options = options;
    this.quote = String.valueOf(options.quote());
    this.escapedQuote = String.valueOf(options.escape()) + options.quote();
    this.escapedEscape = String.valueOf(options.escape()) + options.escape();
  }

  @Override
  public void append(String directory, Batch batch) {
    try (batch) {
      append(directory, ArrowColumns.read(batch));
    }
  }

  @Override
  public void append(String directory, VectorBatch rows) {
    OpenFile file = open.get(directory);
    if (file == null) {
      file = openFile(directory, rows.schema().fields());
    }
    try {
      Writer writer = file.writer();
      char delimiter = options.delimiter();
      List<ColumnData> columns = rows.columns();
      for (int row = 0; row < rows.rowCount(); row++) {
        for (int c = 0; c < columns.size(); c++) {
          if (c > 0) {
            writer.write(delimiter);
          }
          ColumnData column = columns.get(c);
          if (column.isNull(row)) {
            writer.write(options.nullValue());
          } else {
            writeField(writer, ValueText.of(column, row), column instanceof StringData);
          }
        }
        writer.write('\n');
      }
    } catch (IOException e) {
      throw failed(file.path(), e);
    }
  }

  private OpenFile openFile(String directory, List<Field> fields) {
    if (open.size() >= MAX_OPEN_FILES) {
      Iterator<Map.Entry<String, OpenFile>> eldest = open.entrySet().iterator();
      OpenFile finished = eldest.next().getValue();
      eldest.remove();
      finishFile(finished);
    }
    Path path = files.newFile(directory);
    OpenFile file;
    try {
      file = new OpenFile(path, new BufferedWriter(new OutputStreamWriter(
          Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          StandardCharsets.UTF_8), BUFFER_BYTES));
    } catch (IOException e) {
      throw failed(path, e);
    }
    open.put(directory, file);
    if (options.header()) {
      try {
        for (int c = 0; c < fields.size(); c++) {
          if (c > 0) {
            file.writer().write(options.delimiter());
          }
          writeField(file.writer(), fields.get(c).name(), true);
        }
        file.writer().write('\n');
      } catch (IOException e) {
        throw failed(path, e);
      }
    }
    return file;
  }

  private void writeField(Writer writer, String text, boolean string) throws IOException {
    if (!needsQuotes(text, string)) {
      writer.write(text);
      return;
    }
    String body = text;
    if (options.escape() != options.quote() && body.indexOf(options.escape()) >= 0) {
      body = body.replace(String.valueOf(options.escape()), escapedEscape);
    }
    body = body.replace(quote, escapedQuote);
    writer.write(options.quote());
    writer.write(body);
    writer.write(options.quote());
  }

  private boolean needsQuotes(String text, boolean string) {
    if (text.isEmpty()) {
      return string;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == options.delimiter() || c == options.quote() || c == options.escape() || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void finish() {
    Iterator<OpenFile> remaining = open.values().iterator();
    while (remaining.hasNext()) {
      OpenFile file = remaining.next();
      remaining.remove();
      finishFile(file);
    }
  }

  private static void finishFile(OpenFile file) {
    try {
      file.writer().close();
    } catch (IOException e) {
      throw failed(file.path(), e);
    }
  }

  @Override
  public void close() {
    for (OpenFile file : open.values()) {
      try {
        file.writer().close();
      } catch (IOException e) {
        // the task failed already; the driver deletes the staging directory
      }
    }
    open.clear();
  }

  private static EngineException failed(Path path, IOException e) {
    return new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot write CSV file " + path + ": " + e, e);
  }
}
