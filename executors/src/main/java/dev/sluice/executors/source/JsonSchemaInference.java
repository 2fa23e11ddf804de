package dev.sluice.executors.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles the columns of newline-delimited JSON files without a declared schema, as Spark does:
 * the union of the top-level keys of a sample of the first {@value #SAMPLE_RECORDS} objects, sorted
 * by name; a column's type is int64 (integers), float64 (numbers, or integers mixed with numbers),
 * boolean, or utf8 (strings, nested objects and arrays as their JSON text, mixed kinds, only
 * nulls). Malformed lines in the sample fail the read under FAILFAST, are ignored under
 * DROPMALFORMED, and under PERMISSIVE add the utf8 corrupt-record column.
 */
final class JsonSchemaInference {
  static final int SAMPLE_RECORDS = 1000;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int UNKNOWN = 0;
  private static final int INT64 = 1;
  private static final int FLOAT64 = 2;
  private static final int BOOLEAN = 3;
  private static final int UTF8 = 4;

  private JsonSchemaInference() {}

  static Schema infer(List<String> files, List<Long> sizes, ReadOptions options) throws IOException {
    Map<String, Integer> kinds = new TreeMap<>();
    boolean malformed = false;
    int sampled = 0;
    for (int f = 0; f < files.size() && sampled < SAMPLE_RECORDS; f++) {
      try (SplitLineReader lines = new SplitLineReader(new FileSplit(files.get(f), 0, sizes.get(f)))) {
        while (sampled < SAMPLE_RECORDS && lines.next()) {
          if (lines.lineLength() == 0) {
            continue;
          }
          String error = sample(lines.array(), lines.lineStart(), lines.lineLength(), kinds);
          if (error != null) {
            if (options.mode() == ParseMode.FAILFAST) {
              throw new EngineException(ErrorCode.MALFORMED_RECORD, "Malformed JSON record in " + files.get(f)
                  + " line " + lines.lineNumber() + ": " + error);
            }
            malformed = true;
          }
          sampled++;
        }
      }
    }
    if (sampled == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot settle the columns of the JSON files " + files
          + ": they hold no records; declare a schema");
    }
    if (malformed && options.mode() == ParseMode.PERMISSIVE) {
      kinds.put(options.corruptColumn(), UTF8);
    }
    List<Field> fields = new ArrayList<>(kinds.size());
    kinds.forEach((name, kind) -> fields.add(new Field(name, type(kind))));
    return new Schema(fields);
  }

  /** Merges the keys of one line into {@code kinds}; returns why the line is malformed, or null. */
  private static String sample(byte[] b, int from, int length, Map<String, Integer> kinds) throws IOException {
    Map<String, Integer> line = new TreeMap<>();
    try (JsonParser parser = FACTORY.createParser(b, from, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object";
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        int kind = switch (value) {
          case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? FLOAT64 : INT64;
          case VALUE_NUMBER_FLOAT -> FLOAT64;
          case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
          case VALUE_NULL -> UNKNOWN;
          default -> UTF8;
        };
        parser.skipChildren();
        line.merge(name, kind, JsonSchemaInference::merge);
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return "text after the end of the object";
      }
    } catch (StreamReadException e) {
      return e.getOriginalMessage();
    }
    line.forEach((name, kind) -> kinds.merge(name, kind, JsonSchemaInference::merge));
    return null;
  }

  private static int merge(int a, int b) {
    if (a == UNKNOWN || a == b) {
      return b;
    }
    if (b == UNKNOWN) {
      return a;
    }
    if (a <= FLOAT64 && b <= FLOAT64) {
      return FLOAT64;
    }
    return UTF8;
  }

  private static DataType type(int kind) {
    return switch (kind) {
      case INT64 -> DataType.INT64;
      case FLOAT64 -> DataType.FLOAT64;
      case BOOLEAN -> DataType.BOOLEAN;
      default -> DataType.UTF8;
    };
  }
}
