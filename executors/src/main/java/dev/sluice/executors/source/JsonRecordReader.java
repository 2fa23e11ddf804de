package dev.sluice.executors.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads newline-delimited JSON objects of one split with Jackson's streaming parser, one parser
 * per line and no tree. Keys map to columns by exact name; a missing key or a JSON null is null;
 * unknown keys are skipped; of repeated keys the last wins. Values convert as Spark's JSON reader
 * converts them: integers for int32/int64 (in range), any number (or "NaN", "Infinity",
 * "-Infinity") for float64, numbers or numeric strings rounded HALF_UP for decimals,
 * {@code true}/{@code false} for boolean, {@code yyyy-M-d} strings for date32; a utf8 column takes
 * strings as they are and anything else as its JSON text. A value of another kind is malformed
 * (PERMISSIVE: that column null); a line that is not one JSON object is malformed as a whole.
 */
final class JsonRecordReader extends LineRecordReader {
  private static final String FORMAT = "JSON";
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte ABSENT = 0;
  private static final byte NULL = 1;
  private static final byte VALUE = 2;

  /** Projected slot (index into projectedBuilders) by key. */
  private final Map<String, Integer> slots = new HashMap<>();
  private final byte[] state;
  private final long[] longs;
  private final double[] doubles;
  private final boolean[] bools;
  private final int[] textStart;
  private final int[] textEnd;
  private byte[] text = new byte[256];
  private int textUsed;

  JsonRecordReader(FileSplit split, Schema source, Schema output, ReadOptions options, int batchRows)
      throws IOException {
    super(split, source, output, options, batchRows, true, false);
    for (int k = 0; k < projectedFields.length; k++) {
      slots.put(dataFields.get(projectedFields[k]).name(), k);
    }
    int n = projectedFields.length;
    state = new byte[n];
    longs = new long[n];
    doubles = new double[n];
    bools = new boolean[n];
    textStart = new int[n];
    textEnd = new int[n];
  }

  @Override
  boolean parseRecord(byte[] b, int from, int to) throws IOException {
    Arrays.fill(state, ABSENT);
    textUsed = 0;
    boolean good = true;
    try (JsonParser parser = FACTORY.createParser(b, from, to - from)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return syntaxError(": not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Integer slot = slots.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (slot == null) {
          parser.skipChildren();
          continue;
        }
        if (value == JsonToken.VALUE_NULL) {
          state[slot] = NULL;
          continue;
        }
        if (convert(parser, value, slot, b, from)) {
          state[slot] = VALUE;
          continue;
        }
        int field = projectedFields[slot];
        if (mode == ParseMode.FAILFAST) {
          String shown = parser.getText();
          throw malformed(FORMAT, ", column '" + dataFields.get(field).name() + "': expected "
              + dataFields.get(field).type().displayName() + ", got " + describe(value, shown));
        }
        parser.skipChildren();
        state[slot] = NULL;
        good = false;
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return syntaxError(": text after the end of the object");
      }
    } catch (StreamReadException e) {
      return syntaxError(": " + e.getOriginalMessage());
    }
    if (!good && mode == ParseMode.DROPMALFORMED) {
      return false;
    }
    append();
    return good;
  }

  private boolean syntaxError(String detail) throws IOException {
    if (mode == ParseMode.FAILFAST) {
      throw malformed(FORMAT, detail);
    }
    return false;
  }

  private static String describe(JsonToken token, String text) {
    return switch (token) {
      case VALUE_STRING -> "'" + text + "'";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> text;
    };
  }

  /** Converts the current value for a slot into the pending arrays; false if it has the wrong kind. */
  private boolean convert(JsonParser parser, JsonToken token, int slot, byte[] b, int from) throws IOException {
    DataType type = dataFields.get(projectedFields[slot]).type();
    if (type instanceof DataType.Utf8) {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        int start = from + (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = from + (int) parser.currentLocation().getByteOffset();
        pendingText(slot, b, start, end - start);
      } else {
        byte[] bytes = parser.getText().getBytes(StandardCharsets.UTF_8);
        pendingText(slot, bytes, 0, bytes.length);
      }
      return true;
    }
    if (type instanceof DataType.Int64 || type instanceof DataType.Int32) {
      if (token != JsonToken.VALUE_NUMBER_INT) {
        return false;
      }
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return false;
      }
      long value = parser.getLongValue();
      if (type instanceof DataType.Int32 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
        return false;
      }
      longs[slot] = value;
      return true;
    }
    if (type instanceof DataType.Float64) {
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        doubles[slot] = parser.getDoubleValue();
        return true;
      }
      if (token == JsonToken.VALUE_STRING) {
        switch (parser.getText()) {
          case "NaN" -> doubles[slot] = Double.NaN;
          case "Infinity" -> doubles[slot] = Double.POSITIVE_INFINITY;
          case "-Infinity" -> doubles[slot] = Double.NEGATIVE_INFINITY;
          default -> {
            return false;
          }
        }
        return true;
      }
      return false;
    }
    if (type instanceof DataType.Bool) {
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
        bools[slot] = token == JsonToken.VALUE_TRUE;
        return true;
      }
      return false;
    }
    if (type instanceof DataType.Date32) {
      if (token != JsonToken.VALUE_STRING) {
        return false;
      }
      byte[] bytes = parser.getText().getBytes(StandardCharsets.UTF_8);
      return ByteParsers.parseDate(bytes, 0, bytes.length, longs, slot);
    }
    if (type instanceof DataType.Decimal decimal) {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
          && token != JsonToken.VALUE_STRING) {
        return false;
      }
      return decimal(parser.getText(), decimal, slot);
    }
    return false;
  }

  private boolean decimal(String text, DataType.Decimal type, int slot) throws IOException {
    BigDecimal value;
    try {
      value = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      return false;
    }
    if (value.precision() > type.precision() && value.signum() != 0) {
      return false;
    }
    BigInteger unscaled = value.unscaledValue();
    if (unscaled.bitLength() > 63) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      throw overflow(FORMAT, projectedFields[slot], bytes, 0, bytes.length);
    }
    longs[slot] = unscaled.longValue();
    return true;
  }

  private void pendingText(int slot, byte[] bytes, int start, int length) {
    if (textUsed + length > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, textUsed + length));
    }
    System.arraycopy(bytes, start, text, textUsed, length);
    textStart[slot] = textUsed;
    textUsed += length;
    textEnd[slot] = textUsed;
  }

  /** Appends the pending values of the record, in column order. */
  private void append() {
    for (int k = 0; k < projectedBuilders.length; k++) {
      ColumnBuilder builder = projectedBuilders[k];
      if (state[k] != VALUE) {
        builder.appendNull();
      } else if (builder instanceof ColumnBuilder.Longs longBuilder) {
        longBuilder.append(longs[k]);
      } else if (builder instanceof ColumnBuilder.Doubles doubleBuilder) {
        doubleBuilder.append(doubles[k]);
      } else if (builder instanceof ColumnBuilder.Bools boolBuilder) {
        boolBuilder.append(bools[k]);
      } else {
        ((ColumnBuilder.Strings) builder).append(text, textStart[k], textEnd[k] - textStart[k]);
      }
    }
  }
}
