package dev.sluice.executors.sink;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the CSV writer lays out fields, from the writer's options (names case-insensitive, as in
 * Spark):
 *
 * <ul>
 *   <li>{@code header} ({@code true}/{@code false}, default {@code false} as in Spark): a first
 *       line of column names in every file;
 *   <li>{@code delimiter} or {@code sep} (one character, default {@code ,});
 *   <li>{@code quote} (one character, default {@code "}): fields containing the delimiter, the
 *       quote, the escape, a line break, or nothing at all (the empty string) are quoted;
 *   <li>{@code escape} (one character, default {@code "}): escapes quotes inside quoted fields; the
 *       default doubles them (RFC 4180, what Arrow's and most CSV readers expect; Spark's default
 *       is a backslash);
 *   <li>{@code nullValue} (default empty): the text of a null.
 * </ul>
 *
 * @param header whether each file starts with the column names
 * @param delimiter between fields
 * @param quote around fields that need it
 * @param escape before a quote (or escape) inside a quoted field
 * @param nullValue written for nulls
 */
public record CsvWriteOptions(boolean header, char delimiter, char quote, char escape, String nullValue) {
  /** The option names the CSV writer knows. */
  public static final List<String> NAMES = List.of("header", "delimiter", "sep", "quote", "escape", "nullValue");

  public CsvWriteOptions {
    if (nullValue == null) {
      throw new NullPointerException("nullValue is null");
    }
    if (delimiter == '\n' || delimiter == '\r' || delimiter == quote) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "CSV delimiter must be neither a line break nor the "
          + "quote character, got '" + delimiter + "'");
    }
  }

  /**
   * The options named in {@code options}.
   *
   * @throws EngineException INVALID_ARGUMENT naming an unknown option (and listing the known
   *     ones) or a bad value
   */
  public static CsvWriteOptions parse(Map<String, String> options) {
    boolean header = false;
    char delimiter = ',';
    char quote = '"';
    char escape = '"';
    String nullValue = "";
    for (Map.Entry<String, String> option : options.entrySet()) {
      String value = option.getValue();
      switch (option.getKey().toLowerCase(Locale.ROOT)) {
        case "header" -> header = parseBoolean(option.getKey(), value);
        case "delimiter", "sep" -> delimiter = parseChar(option.getKey(), value);
        case "quote" -> quote = parseChar(option.getKey(), value);
        case "escape" -> escape = parseChar(option.getKey(), value);
        case "nullvalue" -> nullValue = value;
        default -> throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Unknown CSV write option '"
            + option.getKey() + "'; known options: " + String.join(", ", NAMES));
      }
    }
    return new CsvWriteOptions(header, delimiter, quote, escape, nullValue);
  }

  private static boolean parseBoolean(String name, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new EngineException(ErrorCode.INVALID_ARGUMENT,
        "CSV option '" + name + "' must be true or false, got '" + value + "'");
  }

  private static char parseChar(String name, String value) {
    String unescaped = value.equals("\\t") ? "\t" : value;
    if (unescaped.length() != 1) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "CSV option '" + name + "' must be a single character, got '" + value + "'");
    }
    return unescaped.charAt(0);
  }
}
