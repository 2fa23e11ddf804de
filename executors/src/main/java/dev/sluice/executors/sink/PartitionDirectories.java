package dev.sluice.executors.sink;

import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.List;

/**
 * Hive-style partition directories, as Spark writes them for {@code partitionBy}: one level
 * {@code <column>=<value>} per partition column, the value as {@link ValueText} shows it, a null
 * or empty value as {@value #DEFAULT_PARTITION}, and in names and values every character that is
 * unsafe in a path escaped as {@code %XX} (Spark's {@code escapePathName}: control characters,
 * DEL, slash, backslash, left brace and {@code " # % ' * : = ? [ ] ^}).
 */
public final class PartitionDirectories {
  /** The directory value of a null (or empty string) partition value. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final boolean[] ESCAPED = new boolean[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPED[c] = true;
    }
    for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
      ESCAPED[c] = true;
    }
  }

  private PartitionDirectories() {}

  /** {@code text} with every path-unsafe character written as {@code %XX} (upper-case hex). */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 && ESCAPED[c]) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * The relative directory of row {@code row}: {@code a=1/b=x} for partition columns
   * {@code columns} (indexes into {@code rows}) in that order.
   */
  static String of(VectorBatch rows, List<Integer> columns, String[] escapedNames, int row) {
    StringBuilder path = new StringBuilder(32);
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        path.append('/');
      }
      ColumnData column = rows.column(columns.get(i));
      path.append(escapedNames[i]).append('=');
      if (column.isNull(row) || (column instanceof StringData strings && strings.length(row) == 0)) {
        path.append(DEFAULT_PARTITION);
      } else {
        path.append(escape(ValueText.of(column, row)));
      }
    }
    return path.toString();
  }
}
