package dev.sluice.api;

import dev.sluice.engine.encoding.EncodedColumn;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.encoding.RowEncoder;
import dev.sluice.engine.encoding.ValueType;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.DecimalTypes;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How Java classes meet columns, for the bridges between typed Datasets and DataFrames: which
 * columns a class's rows encode to (records by component, beans by property, single values as
 * {@code value}; see {@link Encoders}), and the projection that turns a DataFrame's columns into
 * exactly those a class decodes from.
 */
final class TypedColumns {
  private TypedColumns() {}

  /** The encoder of a class, or an error saying why its rows have no columns. */
  static RowEncoder encoder(Class<?> type, String operation) {
    RowEncoder encoder = Encoders.forClass(type);
    if (encoder.encoding().equals("kryo")) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, operation + ": "
          + (type == null || type == Object.class ? "the row class is not known (give it, e.g. map(f, MyRecord.class))"
              : type.getName() + " is neither a record, a bean nor a single value (Long, Integer, Double, Boolean, "
                  + "String, LocalDate, BigDecimal)"));
    }
    return encoder;
  }

  /** The column type a component of this Java type has; decimals are null (they depend on the data). */
  static DataType columnType(EncodedColumn column, Class<?> owner, String operation) {
    return switch (ValueType.of(column.javaType())) {
      case LONG -> DataType.INT64;
      case INT -> DataType.INT32;
      case DOUBLE -> DataType.FLOAT64;
      case BOOLEAN -> DataType.BOOLEAN;
      case STRING -> DataType.UTF8;
      case DATE -> DataType.DATE32;
      case DECIMAL -> null;
      case BYTES, KRYO -> throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, operation + ": "
          + owner.getSimpleName() + "." + column.name() + " is a " + column.javaType().getSimpleName()
          + ", which has no DataFrame column type; supported: long, int, double, boolean (or their boxes), "
          + "String, LocalDate, BigDecimal");
    };
  }

  /**
   * The schema of a typed Dataset's rows for {@code toDF()}. BigDecimal components are refused:
   * their precision and scale are only known from the data, which a lazy Dataset does not have.
   */
  static Schema datasetSchema(Class<?> type) {
    RowEncoder encoder = encoder(type, "toDF()");
    List<Field> fields = new ArrayList<>();
    for (EncodedColumn column : encoder.columns()) {
      DataType columnType = columnType(column, encoder.javaClass(), "toDF()");
      if (columnType == null) {
        throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "toDF(): " + encoder.javaClass().getSimpleName()
            + "." + column.name() + " is a BigDecimal, whose precision and scale a typed Dataset does not declare; "
            + "build the DataFrame with createDataFrame(rows, " + encoder.javaClass().getSimpleName()
            + ".class), which reads them from the rows, or map the value to a long or double first");
      }
      fields.add(new Field(column.name(), columnType));
    }
    return new Schema(fields);
  }

  /** Objects of a class as rows with a schema; decimal columns get the precision and scale their values need. */
  static Schema objectSchema(RowEncoder encoder, List<?> objects) {
    List<Field> fields = new ArrayList<>();
    for (EncodedColumn column : encoder.columns()) {
      DataType type = columnType(column, encoder.javaClass(), "createDataFrame");
      if (type == null) {
        int scale = 0;
        int integral = 1;
        for (Object object : objects) {
          Object value = object == null ? null : column.getter().apply(object);
          if (value instanceof BigDecimal decimal) {
            scale = Math.max(scale, Math.max(0, decimal.scale()));
            integral = Math.max(integral, decimal.precision() - decimal.scale());
          }
        }
        type = DataType.decimal(Math.min(DecimalTypes.MAX_PRECISION, integral + scale), Math.min(scale, 38));
      }
      fields.add(new Field(column.name(), type));
    }
    return new Schema(fields);
  }

  /** The objects as rows (their component values in column order). */
  static List<Row> objectRows(RowEncoder encoder, List<?> objects, Schema schema) {
    List<Row> rows = new ArrayList<>(objects.size());
    int width = encoder.columns().size();
    for (int i = 0; i < objects.size(); i++) {
      Object object = objects.get(i);
      Object[] values = new Object[width];
      if (object == null && !encoder.encoding().equals("value")) {
        throw new EngineException(ErrorCode.INVALID_ARGUMENT, "createDataFrame: element " + i + " is null; "
            + "only single-value rows may be null");
      }
      for (int c = 0; c < width; c++) {
        values[c] = object == null ? null : encoder.columns().get(c).getter().apply(object);
      }
      rows.add(new Row(values, schema));
    }
    return rows;
  }

  /**
   * The projection of a DataFrame's columns onto what {@code type} decodes from: each component
   * takes the column of its name (exact, else case-insensitive), cast where it widens (int to
   * long, integers to decimal or double, decimal to double); a single-value class takes the
   * DataFrame's only column. Columns no component asks for are left out.
   */
  static List<Expression> projectionFor(RowEncoder encoder, Schema columns, String operation) {
    List<Expression> projections = new ArrayList<>();
    if (encoder.encoding().equals("value")) {
      if (columns.fields().size() != 1) {
        throw new EngineException(ErrorCode.INVALID_QUERY, operation + ": a " + encoder.javaClass().getSimpleName()
            + " row is one value, but the DataFrame has " + columns.fields().size() + " columns "
            + names(columns) + "; select one first");
      }
      Field field = columns.fields().get(0);
      projections.add(new Alias(converted(field, encoder.columns().get(0), encoder, operation), "value"));
      return projections;
    }
    for (EncodedColumn component : encoder.columns()) {
      Field field = find(columns, component.name());
      if (field == null) {
        throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, operation + ": no column for "
            + encoder.javaClass().getSimpleName() + "." + component.name() + "; the DataFrame has columns "
            + names(columns));
      }
      projections.add(new Alias(converted(field, component, encoder, operation), component.name()));
    }
    return projections;
  }

  private static Expression converted(Field field, EncodedColumn component, RowEncoder encoder, String operation) {
    DataType target = columnType(component, encoder.javaClass(), operation);
    DataType source = field.type();
    Expression ref = new ColumnRef(null, field.name());
    if (target == null) {
      if (source instanceof DataType.Decimal) {
        return ref;
      }
      if (source instanceof DataType.Int32 || source instanceof DataType.Int64) {
        return new Cast(ref, DecimalTypes.forIntegral(source));
      }
    } else if (target.equals(source)) {
      return ref;
    } else if (widens(source, target)) {
      return new Cast(ref, target);
    }
    throw new EngineException(ErrorCode.TYPE_MISMATCH, operation + ": column '" + field.name() + "' is "
        + source.displayName() + " but " + encoder.javaClass().getSimpleName() + "." + component.name() + " is a "
        + component.javaType().getSimpleName() + "; cast the column first (col(\"" + field.name() + "\").cast(...))");
  }

  private static boolean widens(DataType source, DataType target) {
    if (target instanceof DataType.Int64) {
      return source instanceof DataType.Int32;
    }
    if (target instanceof DataType.Float64) {
      return source instanceof DataType.Int32 || source instanceof DataType.Int64
          || source instanceof DataType.Decimal;
    }
    return false;
  }

  private static Field find(Schema columns, String name) {
    for (Field field : columns.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    Field found = null;
    for (Field field : columns.fields()) {
      if (field.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        if (found != null) {
          throw new EngineException(ErrorCode.AMBIGUOUS_REFERENCE, "Component '" + name + "' matches both columns '"
              + found.name() + "' and '" + field.name() + "' (case-insensitive)");
        }
        found = field;
      }
    }
    return found;
  }

  static List<String> names(Schema schema) {
    return schema.fields().stream().map(Field::name).toList();
  }
}
