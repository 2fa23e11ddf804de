package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of the DataFrame API, named as Spark's {@code org.apache.spark.sql.functions}
 * (import them statically: {@code import static dev.sluice.api.functions.*;}).
 */
@SuppressWarnings("checkstyle:TypeName")
public final class functions {
  private functions() {}

  // ---- columns and literals ----

  /**
   * The column named {@code name}. {@code "o.price"} is column {@code price} of the DataFrame
   * aliased {@code o}; back-quotes keep a name with dots whole ({@code "`a.b`"}); {@code "*"} is
   * every column (in {@code select} and {@code count}).
   */
  public static Column col(String name) {
    return new Column(parseColumn(name));
  }

  /** Same as {@link #col(String)}. */
  public static Column column(String name) {
    return col(name);
  }

  /**
   * A constant: Integer, Long, Double, String, Boolean, LocalDate or BigDecimal (a Column is
   * returned as it is; {@code null} is a null that takes the type its use needs).
   */
  public static Column lit(Object value) {
    if (value instanceof Column column) {
      return column;
    }
    if (value == null) {
      return new Column(Literal.nullOf(DataType.UTF8));
    }
    if (value instanceof Short || value instanceof Byte) {
      return new Column(Literal.of(((Number) value).intValue()));
    }
    if (value instanceof java.sql.Date date) {
      return new Column(Literal.of(date.toLocalDate()));
    }
    try {
      return new Column(Literal.of(value));
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot make a literal of " + value.getClass().getName()
          + " " + value + ": use Integer, Long, Double, String, Boolean, LocalDate or BigDecimal", e);
    }
  }

  /** Ascending order of the named column, for orderBy. */
  public static Column asc(String name) {
    return col(name).asc();
  }

  /** Descending order of the named column, for orderBy. */
  public static Column desc(String name) {
    return col(name).desc();
  }

  // ---- aggregates ----

  /** The sum of the non-null values (null when there is none). */
  public static Column sum(Column column) {
    return aggregate(AggregateFunction.SUM, column, false);
  }

  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  /** The number of non-null values; {@code count(col("*"))} counts rows. */
  public static Column count(Column column) {
    Expression input = Column.toExpression(column);
    if (input instanceof ColumnRef ref && ref.name().equals("*")) {
      return new Column(AggregateCall.countStar());
    }
    return new Column(new AggregateCall(AggregateFunction.COUNT, input, false));
  }

  /** {@code count("*")} counts rows, {@code count("a")} the non-null values of {@code a}. */
  public static Column count(String columnName) {
    return count(col(columnName));
  }

  /** The number of distinct non-null values (of one column). */
  public static Column countDistinct(Column column, Column... more) {
    if (more.length > 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "countDistinct of several columns is not supported; count the distinct rows of a select instead");
    }
    return aggregate(AggregateFunction.COUNT, column, true);
  }

  public static Column countDistinct(String columnName, String... more) {
    List<Column> rest = new ArrayList<>();
    for (String name : more) {
      rest.add(col(name));
    }
    return countDistinct(col(columnName), rest.toArray(new Column[0]));
  }

  /** The average of the non-null values: float64, or a wider decimal for decimals. */
  public static Column avg(Column column) {
    return aggregate(AggregateFunction.AVG, column, false);
  }

  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  /** Same as {@link #avg(Column)}. */
  public static Column mean(Column column) {
    return avg(column);
  }

  public static Column mean(String columnName) {
    return avg(columnName);
  }

  /** The smallest non-null value. */
  public static Column min(Column column) {
    return aggregate(AggregateFunction.MIN, column, false);
  }

  public static Column min(String columnName) {
    return min(col(columnName));
  }

  /** The largest non-null value. */
  public static Column max(Column column) {
    return aggregate(AggregateFunction.MAX, column, false);
  }

  public static Column max(String columnName) {
    return max(col(columnName));
  }

  private static Column aggregate(AggregateFunction function, Column column, boolean distinct) {
    return new Column(new AggregateCall(function, Column.toExpression(requireNonNull(column, "column is null")),
        distinct));
  }

  // ---- conditions ----

  /** Starts a {@code CASE WHEN}: continue with {@link Column#when} and end with {@link Column#otherwise}. */
  public static Column when(Column condition, Object value) {
    return Column.openCase(new CaseWhen(List.of(new CaseWhen.Branch(Column.toExpression(condition),
        Column.toExpression(value))), Column.NO_OTHERWISE));
  }

  /** Boolean negation; {@code not(null)} is null. */
  public static Column not(Column column) {
    return new Column(new Not(Column.toExpression(column)));
  }

  /** The first non-null value of the columns, or null. */
  public static Column coalesce(Column... columns) {
    if (columns.length == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "coalesce needs at least one column");
    }
    if (columns.length == 1) {
      return columns[0];
    }
    List<CaseWhen.Branch> branches = new ArrayList<>();
    for (int i = 0; i < columns.length - 1; i++) {
      Expression value = Column.toExpression(columns[i]);
      branches.add(new CaseWhen.Branch(new IsNull(value, true), value));
    }
    return new Column(new CaseWhen(branches, Column.toExpression(columns[columns.length - 1])));
  }

  // ---- numbers ----

  /** The absolute value. */
  public static Column abs(Column column) {
    return call(ScalarFunction.ABS, column);
  }

  /** {@code -column}. */
  public static Column negate(Column column) {
    return call(ScalarFunction.NEGATE, column);
  }

  // ---- strings ----

  public static Column upper(Column column) {
    return call(ScalarFunction.UPPER, column);
  }

  public static Column lower(Column column) {
    return call(ScalarFunction.LOWER, column);
  }

  /** The number of characters. */
  public static Column length(Column column) {
    return call(ScalarFunction.LENGTH, column);
  }

  /** The strings joined; null if any of them is null. */
  public static Column concat(Column... columns) {
    if (columns.length == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "concat needs at least one column");
    }
    return call(ScalarFunction.CONCAT, (Object[]) columns);
  }

  /** {@code length} characters from {@code position} (1-based; 0 counts as 1, negative from the end). */
  public static Column substring(Column column, int position, int length) {
    return call(ScalarFunction.SUBSTRING, column, position, length);
  }

  // ---- dates ----

  public static Column year(Column column) {
    return call(ScalarFunction.YEAR, column);
  }

  public static Column month(Column column) {
    return call(ScalarFunction.MONTH, column);
  }

  public static Column dayofmonth(Column column) {
    return call(ScalarFunction.DAY_OF_MONTH, column);
  }

  /** The date {@code days} days after {@code start}. */
  public static Column date_add(Column start, int days) {
    return call(ScalarFunction.DATE_ADD, start, days);
  }

  /** The date {@code days} (a column) days after {@code start}. */
  public static Column date_add(Column start, Column days) {
    return call(ScalarFunction.DATE_ADD, start, days);
  }

  /** The date {@code days} days before {@code start}. */
  public static Column date_sub(Column start, int days) {
    return call(ScalarFunction.DATE_ADD, start, -days);
  }

  /** The number of days from {@code start} to {@code end}. */
  public static Column datediff(Column end, Column start) {
    return call(ScalarFunction.DATE_DIFF, end, start);
  }

  /** The value as a date: strings {@code yyyy-MM-dd} parse (others give null). */
  public static Column to_date(Column column) {
    return new Column(new Cast(Column.toExpression(column), DataType.DATE32));
  }

  private static Column call(ScalarFunction function, Object... args) {
    List<Expression> expressions = new ArrayList<>(args.length);
    for (Object arg : args) {
      expressions.add(Column.toExpression(arg));
    }
    return new Column(new ScalarCall(function, expressions));
  }

  /** A column reference from Spark's column-name syntax (see {@link #col}). */
  static ColumnRef parseColumn(String name) {
    requireNonNull(name, "column name is null");
    if (name.startsWith("`") && name.endsWith("`") && name.length() >= 2 && name.indexOf('`', 1) == name.length() - 1) {
      return new ColumnRef(null, name.substring(1, name.length() - 1));
    }
    int dot = name.indexOf('.');
    if (dot > 0 && dot < name.length() - 1 && !name.startsWith("`")) {
      String rest = name.substring(dot + 1);
      if (rest.startsWith("`") && rest.endsWith("`") && rest.length() >= 2) {
        rest = rest.substring(1, rest.length() - 1);
      }
      return new ColumnRef(name.substring(0, dot), rest);
    }
    return new ColumnRef(null, name);
  }
}
