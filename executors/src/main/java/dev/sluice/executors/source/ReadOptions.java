package dev.sluice.executors.source;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The reader options of the text formats, checked and decoded once. Option names are matched
 * without regard to case, and options a format does not know are ignored, as Spark does.
 *
 * @param header CSV: the first line of each file holds the column names (default false)
 * @param delimiter CSV: the field separator, one ASCII character ({@code delimiter} or {@code sep},
 *     default {@code ,}; {@code \t} is accepted for a tab)
 * @param nullValue CSV: the field text read as null (default empty)
 * @param inferSchema CSV: infer column types from a sample (default false: all utf8)
 * @param mode what to do with malformed records (default PERMISSIVE)
 * @param corruptColumn the column that receives a malformed record's text under PERMISSIVE, if the
 *     schema has it ({@code columnNameOfCorruptRecord}, default {@code _corrupt_record})
 */
record ReadOptions(boolean header, byte delimiter, byte[] nullValue, boolean inferSchema, ParseMode mode,
    String corruptColumn) {
  /** Options by lower-case name (later duplicates that differ only in case win). */
  static Map<String, String> normalize(Map<String, String> options) {
    Map<String, String> lower = new HashMap<>();
    options.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    return lower;
  }

  /**
   * Decodes normalized options.
   *
   * @throws EngineException INVALID_ARGUMENT naming the option and the values it accepts
   */
  static ReadOptions parse(Map<String, String> options) {
    boolean header = bool(options, "header");
    boolean inferSchema = bool(options, "inferschema");
    String separator = options.getOrDefault("delimiter", options.getOrDefault("sep", ","));
    if (separator.equals("\\t")) {
      separator = "\t";
    }
    if (separator.length() != 1 || separator.charAt(0) > 127 || separator.charAt(0) == '\n'
        || separator.charAt(0) == '\r' || separator.charAt(0) == '"') {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Option 'delimiter' must be one ASCII character "
          + "other than a quote or a line break (or \\t), got '" + separator + "'");
    }
    String mode = options.getOrDefault("mode", "PERMISSIVE");
    ParseMode parsed;
    try {
      parsed = ParseMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Option 'mode' must be one of "
          + Arrays.toString(ParseMode.values()) + ", got '" + mode + "'");
    }
    String corrupt = options.getOrDefault("columnnameofcorruptrecord", "_corrupt_record");
    byte[] nullValue = options.getOrDefault("nullvalue", "").getBytes(StandardCharsets.UTF_8);
    return new ReadOptions(header, (byte) separator.charAt(0), nullValue, inferSchema, parsed, corrupt);
  }

  private static boolean bool(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "false");
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new EngineException(ErrorCode.INVALID_ARGUMENT,
        "Option '" + name + "' must be true or false, got '" + value + "'");
  }

  /** Whether {@code b[from..to)} is the null text. */
  boolean isNull(byte[] b, int from, int to) {
    int length = nullValue.length;
    if (to - from != length) {
      return false;
    }
    if (length == 0) {
      return true;
    }
    for (int i = 0; i < length; i++) {
      if (b[from + i] != nullValue[i]) {
        return false;
      }
    }
    return true;
  }
}
