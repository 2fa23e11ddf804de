package dev.sluice.api;

import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code DataFrame.show}, character for character as Spark 4 prints it: {@code +---+}
 * borders, cells right-aligned (left-aligned when not truncating), at least 3 wide, cells longer
 * than {@code truncate} cut to {@code truncate - 3} characters and {@code ...}, nulls as
 * {@code NULL}, and {@code only showing top n rows} when there were more rows.
 */
final class ShowFormat {
  private static final int MINIMUM_WIDTH = 3;

  private ShowFormat() {}

  /**
   * The table of {@code rows} (at most {@code numRows} of them are shown).
   *
   * @param hasMore whether the DataFrame had more rows than shown
   * @param truncate the longest cell shown whole, or 0 to never truncate
   */
  static String format(Schema schema, List<Row> rows, int numRows, int truncate, boolean hasMore) {
    List<String[]> table = new ArrayList<>();
    int columns = schema.fields().size();
    String[] header = new String[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = escape(schema.fields().get(c).name());
    }
    table.add(header);
    for (int r = 0; r < Math.min(numRows, rows.size()); r++) {
      Row row = rows.get(r);
      String[] cells = new String[columns];
      for (int c = 0; c < columns; c++) {
        cells[c] = truncate(escape(cell(row.get(c))), truncate);
      }
      table.add(cells);
    }
    int[] widths = new int[columns];
    java.util.Arrays.fill(widths, MINIMUM_WIDTH);
    for (String[] cells : table) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], halfWidth(cells[c]));
      }
    }
    StringBuilder separator = new StringBuilder("+");
    for (int width : widths) {
      separator.append("-".repeat(width)).append('+');
    }
    separator.append('\n');
    StringBuilder out = new StringBuilder(separator);
    for (int r = 0; r < table.size(); r++) {
      out.append('|');
      String[] cells = table.get(r);
      for (int c = 0; c < columns; c++) {
        String padding = " ".repeat(widths[c] - halfWidth(cells[c]));
        out.append(truncate > 0 ? padding + cells[c] : cells[c] + padding).append('|');
      }
      out.append('\n');
      if (r == 0) {
        out.append(separator);
      }
    }
    out.append(separator);
    if (hasMore) {
      out.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
    }
    return out.toString();
  }

  /** A value as Spark's show prints it. */
  static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < bytes.length; i++) {
        text.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xff));
      }
      return text.append(']').toString();
    }
    return value.toString();
  }

  private static String truncate(String text, int truncate) {
    if (truncate <= 0 || text.length() <= truncate) {
      return text;
    }
    return truncate < 4 ? text.substring(0, truncate) : text.substring(0, truncate - 3) + "...";
  }

  /** Escapes the characters that would break the table's layout, as Spark does. */
  private static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\f' -> "\\f";
        case '\b' -> "\\b";
        case '\u000B' -> "\\v";
        case '\u0007' -> "\\a";
        default -> null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.substring(0, i));
      }
      if (out != null) {
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** The display width: full-width (East Asian) characters count twice, as Spark's {@code stringHalfWidth}. */
  static int halfWidth(String text) {
    int width = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u1100' && c <= '\u115F' || c >= '\u2E80' && c <= '\uA4CF' || c >= '\uAC00' && c <= '\uD7A3'
          || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFE10' && c <= '\uFE19' || c >= '\uFE30' && c <= '\uFE6F'
          || c >= '\uFF00' && c <= '\uFF60' || c >= '\uFFE0' && c <= '\uFFE6') {
        width++;
      }
    }
    return width;
  }

  /** {@code printSchema}'s tree: {@code root} then {@code |-- name: type (nullable = true)}. */
  static String schemaTree(Schema schema) {
    StringBuilder out = new StringBuilder("root\n");
    for (Field field : schema.fields()) {
      out.append(" |-- ").append(field.name()).append(": ").append(SqlTypes.typeName(field.type()))
          .append(" (nullable = true)\n");
    }
    return out.toString();
  }
}
