package dev.sluice.executors.source;

import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.Schema;
import java.io.IOException;

/**
 * Reads CSV records of one split ({@link CsvTokenizer} for the fields, {@link ByteParsers} for the
 * values, straight from the line buffer). Only projected columns are parsed; every record must
 * have exactly as many fields as the file has data columns. A field equal to {@code nullValue}
 * (after unquoting) is null. With {@code header}, the first non-blank line of a file is skipped
 * (only by the split that starts the file); blank lines are skipped, as Spark does.
 */
final class CsvRecordReader extends LineRecordReader {
  private static final String FORMAT = "CSV";

  private final CsvTokenizer tokenizer;
  private final ReadOptions options;
  private final int fieldCount;

  CsvRecordReader(FileSplit split, Schema source, Schema output, ReadOptions options, int batchRows)
      throws IOException {
    super(split, source, output, options, batchRows, true, options.header());
    this.options = options;
    this.tokenizer = new CsvTokenizer(options.delimiter());
    this.fieldCount = dataFields.size();
  }

  @Override
  boolean parseRecord(byte[] b, int from, int to) throws IOException {
    int fields = tokenizer.split(b, from, to);
    if (fields < 0) {
      if (mode == ParseMode.FAILFAST) {
        int bad = tokenizer.badField();
        throw malformed(FORMAT, (bad < fieldCount ? ", column '" + dataFields.get(bad).name() + "'" : "")
            + ": a quoted field must end with a quote followed by the delimiter or the line end");
      }
      return false;
    }
    boolean good = true;
    if (fields != fieldCount) {
      if (mode == ParseMode.FAILFAST) {
        throw malformed(FORMAT, ": expected " + fieldCount + " fields, got " + fields);
      }
      if (mode == ParseMode.DROPMALFORMED) {
        return false;
      }
      good = false;
    }
    int[] projected = projectedFields;
    ColumnBuilder[] builders = projectedBuilders;
    for (int k = 0; k < projected.length; k++) {
      int field = projected[k];
      ColumnBuilder builder = builders[k];
      if (field >= fields) {
        builder.appendNull();
        continue;
      }
      byte[] array = tokenizer.array(field);
      int start = tokenizer.start(field);
      int end = tokenizer.end(field);
      if (options.isNull(array, start, end)) {
        builder.appendNull();
        continue;
      }
      boolean parsed;
      try {
        parsed = builder.appendParsed(array, start, end);
      } catch (ArithmeticException e) {
        throw overflow(FORMAT, field, array, start, end);
      }
      if (!parsed) {
        if (mode == ParseMode.FAILFAST) {
          throw malformedValue(FORMAT, field, array, start, end);
        }
        if (mode == ParseMode.DROPMALFORMED) {
          return false;
        }
        builder.appendNull();
        good = false;
      }
    }
    return good;
  }
}
