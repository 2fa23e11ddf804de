package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spark's SQL type names ({@code int}, {@code bigint}, {@code decimal(15,2)}, {@code date}...)
 * and DDL schema strings ({@code "l_orderkey BIGINT, l_price DECIMAL(15,2), name STRING"}), as
 * {@code Column.cast(String)} and {@code DataFrameReader.schema(String)} take them.
 */
final class SqlTypes {
  private static final String KNOWN = "boolean, int (integer), bigint (long), double (float), string (varchar), "
      + "date, decimal(p,s), binary";

  private SqlTypes() {}

  /**
   * The type a SQL type name stands for, case-insensitive. {@code decimal} alone is
   * {@code decimal(10,0)} and {@code decimal(p)} is {@code decimal(p,0)}, as Spark.
   */
  static DataType parseType(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    switch (name) {
      case "boolean", "bool":
        return DataType.BOOLEAN;
      case "int", "integer", "int32":
        return DataType.INT32;
      case "bigint", "long", "int64":
        return DataType.INT64;
      case "double", "float", "real", "float64":
        return DataType.FLOAT64;
      case "string", "varchar", "text", "utf8":
        return DataType.UTF8;
      case "date", "date32":
        return DataType.DATE32;
      case "binary":
        return DataType.BINARY;
      case "decimal", "dec", "numeric":
        return DataType.decimal(10, 0);
      default:
        break;
    }
    if (name.startsWith("varchar(") || name.startsWith("char(")) {
      return DataType.UTF8;
    }
    for (String prefix : new String[] {"decimal(", "dec(", "numeric("}) {
      if (name.startsWith(prefix) && name.endsWith(")")) {
        String[] parts = name.substring(prefix.length(), name.length() - 1).split(",", -1);
        try {
          int precision = Integer.parseInt(parts[0]);
          int scale = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
          if (parts.length <= 2) {
            return DataType.decimal(precision, scale);
          }
        } catch (IllegalArgumentException e) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT,
              "Invalid decimal type '" + text.trim() + "': " + e.getMessage()
                  + " (precision 1 to 38, scale 0 to the precision)");
        }
      }
    }
    throw new EngineException(ErrorCode.INVALID_ARGUMENT,
        "Unknown type '" + text.trim() + "'; expected one of " + KNOWN);
  }

  /** A schema from a DDL string of comma-separated {@code name TYPE} pairs. */
  static Schema parseSchema(String ddl) {
    List<Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String column : splitTopLevel(ddl)) {
      String trimmed = column.trim();
      if (trimmed.isEmpty()) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT,
            "Empty column definition in schema '" + ddl + "'; expected 'name TYPE, name TYPE, ...'");
      }
      String name;
      String type;
      if (trimmed.startsWith("`")) {
        int end = trimmed.indexOf('`', 1);
        if (end < 0) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Unclosed ` in schema column '" + trimmed + "'");
        }
        name = trimmed.substring(1, end);
        type = trimmed.substring(end + 1).trim();
      } else {
        int space = firstWhitespace(trimmed);
        if (space < 0) {
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Column '" + trimmed + "' in schema '" + ddl
              + "' has no type; expected 'name TYPE' with TYPE one of " + KNOWN);
        }
        name = trimmed.substring(0, space);
        type = trimmed.substring(space).trim();
      }
      if (type.startsWith(":")) {
        type = type.substring(1).trim();
      }
      if (type.toUpperCase(Locale.ROOT).endsWith(" NOT NULL")) {
        type = type.substring(0, type.length() - " NOT NULL".length()).trim();
      }
      if (type.isEmpty()) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Column '" + name + "' in schema '" + ddl
            + "' has no type; expected one of " + KNOWN);
      }
      if (!names.add(name)) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT,
            "Column '" + name + "' appears twice in schema '" + ddl + "'");
      }
      fields.add(new Field(name, parseType(type)));
    }
    return new Schema(fields);
  }

  /** Spark's {@code typeName} of a type, as {@code printSchema()} shows it ({@code integer}, {@code long}...). */
  static String typeName(DataType type) {
    if (type instanceof DataType.Int32) {
      return "integer";
    }
    if (type instanceof DataType.Int64) {
      return "long";
    }
    return sparkName(type);
  }

  /** The name of Spark's type class, as {@code dtypes()} shows it ({@code IntegerType}, {@code DecimalType(15,2)}...). */
  static String sparkClassName(DataType type) {
    if (type instanceof DataType.Decimal d) {
      return "DecimalType(" + d.precision() + "," + d.scale() + ")";
    }
    String name = typeName(type);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Type";
  }

  /** Spark's {@code simpleString} of a type ({@code int}, {@code bigint}, {@code decimal(15,2)}...). */
  static String sparkName(DataType type) {
    if (type instanceof DataType.Int32) {
      return "int";
    }
    if (type instanceof DataType.Int64) {
      return "bigint";
    }
    if (type instanceof DataType.Float64) {
      return "double";
    }
    if (type instanceof DataType.Bool) {
      return "boolean";
    }
    if (type instanceof DataType.Utf8) {
      return "string";
    }
    if (type instanceof DataType.Date32) {
      return "date";
    }
    if (type instanceof DataType.Decimal d) {
      return "decimal(" + d.precision() + "," + d.scale() + ")";
    }
    return "binary";
  }

  private static int firstWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ':') {
        return i;
      }
    }
    return -1;
  }

  /** Splits at commas outside parentheses ({@code decimal(15,2)} stays whole). */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
