package dev.sluice.executors.source;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles the columns of CSV files without a declared schema, as Spark does: names from the header
 * line ({@code header} true; an empty name becomes {@code _c<i>}, a repeated one gets its index
 * appended) or {@code _c0, _c1, ...} for as many fields as the first record has; types all utf8,
 * or with {@code inferSchema} the narrowest of int32, int64, float64, boolean, date32
 * ({@code yyyy-M-d}), utf8 that holds every non-null value of the column in a sample of the first
 * {@value #SAMPLE_RECORDS} records (files in order). Decimals are not inferred (they read as
 * float64): declare a schema for exact money columns.
 */
final class CsvSchemaInference {
  static final int SAMPLE_RECORDS = 1000;

  private static final int UNKNOWN = 0;
  private static final int INT32 = 1;
  private static final int INT64 = 2;
  private static final int FLOAT64 = 3;
  private static final int BOOLEAN = 4;
  private static final int DATE32 = 5;
  private static final int UTF8 = 6;

  private CsvSchemaInference() {}

  static Schema infer(List<String> files, List<Long> sizes, ReadOptions options) throws IOException {
    CsvTokenizer tokenizer = new CsvTokenizer(options.delimiter());
    List<String> names = null;
    int[] kinds = new int[0];
    int sampled = 0;
    for (int f = 0; f < files.size() && (names == null || (options.inferSchema() && sampled < SAMPLE_RECORDS)); f++) {
      try (SplitLineReader lines = new SplitLineReader(new FileSplit(files.get(f), 0, sizes.get(f)))) {
        boolean header = options.header();
        while ((names == null || (options.inferSchema() && sampled < SAMPLE_RECORDS)) && lines.next()) {
          byte[] b = lines.array();
          if (lines.lineLength() == 0) {
            continue;
          }
          int fields = tokenizer.split(b, lines.lineStart(), lines.lineEnd());
          if (fields < 0) {
            if (names == null && header) {
              throw new EngineException(ErrorCode.MALFORMED_RECORD, "Malformed CSV header in " + files.get(f)
                  + " line " + lines.lineNumber() + ": a quoted field must end with a quote followed by the "
                  + "delimiter or the line end");
            }
            header = false;
            continue;
          }
          if (names == null) {
            names = header ? headerNames(tokenizer) : defaultNames(fields);
            kinds = new int[names.size()];
            if (header) {
              header = false;
              continue;
            }
          } else if (header) {
            header = false;
            continue;
          }
          if (options.inferSchema()) {
            for (int i = 0; i < Math.min(fields, kinds.length); i++) {
              kinds[i] = merge(kinds[i], kind(tokenizer, i, options));
            }
          }
          sampled++;
        }
      }
    }
    if (names == null) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot settle the columns of the CSV files " + files
          + ": they hold no lines; declare a schema");
    }
    List<Field> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      fields.add(new Field(names.get(i), options.inferSchema() ? type(kinds[i]) : DataType.UTF8));
    }
    return new Schema(fields);
  }

  private static List<String> defaultNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add("_c" + i);
    }
    return names;
  }

  private static List<String> headerNames(CsvTokenizer tokenizer) {
    int count = tokenizer.count();
    String[] raw = new String[count];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < count; i++) {
      raw[i] = new String(tokenizer.array(i), tokenizer.start(i), tokenizer.end(i) - tokenizer.start(i),
          StandardCharsets.UTF_8);
      seen.merge(raw[i], 1, Integer::sum);
    }
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (raw[i].isEmpty()) {
        names.add("_c" + i);
      } else if (seen.get(raw[i]) > 1) {
        names.add(raw[i] + i);
      } else {
        names.add(raw[i]);
      }
    }
    return names;
  }

  private static int kind(CsvTokenizer tokenizer, int i, ReadOptions options) {
    byte[] b = tokenizer.array(i);
    int from = tokenizer.start(i);
    int to = tokenizer.end(i);
    if (options.isNull(b, from, to) || from == to) {
      return UNKNOWN;
    }
    long[] scratch = new long[1];
    if (ByteParsers.parseInt32(b, from, to, scratch, 0)) {
      return INT32;
    }
    if (ByteParsers.parseInt64(b, from, to, scratch, 0)) {
      return INT64;
    }
    if (ByteParsers.parseDouble(b, from, to, new double[1], 0)) {
      return FLOAT64;
    }
    if (ByteParsers.parseBoolean(b, from, to, new boolean[1], 0)) {
      return BOOLEAN;
    }
    if (ByteParsers.parseDate(b, from, to, scratch, 0)) {
      return DATE32;
    }
    return UTF8;
  }

  private static int merge(int a, int b) {
    if (a == UNKNOWN || a == b) {
      return b;
    }
    if (b == UNKNOWN) {
      return a;
    }
    if (a <= FLOAT64 && b <= FLOAT64) {
      return Math.max(a, b);
    }
    return UTF8;
  }

  private static DataType type(int kind) {
    return switch (kind) {
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case FLOAT64 -> DataType.FLOAT64;
      case BOOLEAN -> DataType.BOOLEAN;
      case DATE32 -> DataType.DATE32;
      default -> DataType.UTF8;
    };
  }
}
