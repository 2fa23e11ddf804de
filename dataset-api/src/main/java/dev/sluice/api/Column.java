package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.InList;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Or;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column expression of the DataFrame API, as Spark's {@code Column}: built from
 * {@link functions#col}, {@link functions#lit} and the other {@link functions}, combined with the
 * methods here, and resolved against a DataFrame's columns when it is used
 * ({@code df.select(col("a").plus(1))}). A Column is immutable; every method returns a new one.
 *
 * <p>Arguments typed {@code Object} take either a Column or a Java value, which becomes a literal
 * ({@code col("price").multiply(2)}).
 */
public final class Column {
  /** What a {@code when} chain without {@code otherwise} gives: a null that takes the branches' type. */
  static final Literal NO_OTHERWISE = Literal.nullOf(DataType.UTF8);

  private final Expression expression;
  /** The ordering asked for by {@link #asc()}/{@link #desc()}..., or null. */
  private final SortKey order;
  /** Whether this is a {@code when} chain that may still take branches and an {@code otherwise}. */
  private final boolean openCase;

  Column(Expression expression) {
    this(expression, null, false);
  }

  private Column(Expression expression, SortKey order, boolean openCase) {
    this.expression = requireNonNull(expression, "expression is null");
    this.order = order;
    this.openCase = openCase;
  }

  static Column openCase(CaseWhen caseWhen) {
    return new Column(caseWhen, null, true);
  }

  /** The expression tree this column stands for (unresolved until a DataFrame uses it). */
  public Expression expr() {
    return expression;
  }

  /** The sort order given by {@link #asc()}, {@link #desc()}..., or null for a plain column. */
  SortKey sortOrder() {
    return order;
  }

  /** The expression of a Column or of a Java value's literal. */
  static Expression toExpression(Object value) {
    if (value instanceof Column column) {
      return column.plain("be used as a value").expression;
    }
    return functions.lit(value).expression;
  }

  private Column plain(String use) {
    if (order != null) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "The sort order " + order.sql() + " can only be used in orderBy/sort, not " + use);
    }
    return this;
  }

  private Column binary(Arithmetic.Op op, Object other) {
    return new Column(new Arithmetic(op, plain("in arithmetic").expression, toExpression(other)));
  }

  private Column compare(Comparison.Op op, Object other) {
    return new Column(new Comparison(op, plain("in a comparison").expression, toExpression(other)));
  }

  // ---- arithmetic ----

  /** {@code this + other}. */
  public Column plus(Object other) {
    return binary(Arithmetic.Op.ADD, other);
  }

  /** {@code this - other}. */
  public Column minus(Object other) {
    return binary(Arithmetic.Op.SUBTRACT, other);
  }

  /** {@code this * other}. */
  public Column multiply(Object other) {
    return binary(Arithmetic.Op.MULTIPLY, other);
  }

  /** {@code this / other}: float64 for integers (as Spark), decimal for decimals; null on division by zero. */
  public Column divide(Object other) {
    return binary(Arithmetic.Op.DIVIDE, other);
  }

  /** {@code this % other}; null when {@code other} is zero. */
  public Column mod(Object other) {
    return binary(Arithmetic.Op.REMAINDER, other);
  }

  // ---- comparisons and logic ----

  /** {@code this = other} (null when either is null). */
  public Column equalTo(Object other) {
    return compare(Comparison.Op.EQUAL, other);
  }

  /** {@code this != other}. */
  public Column notEqual(Object other) {
    return compare(Comparison.Op.NOT_EQUAL, other);
  }

  /** {@code this < other}. */
  public Column lt(Object other) {
    return compare(Comparison.Op.LESS, other);
  }

  /** {@code this <= other}. */
  public Column leq(Object other) {
    return compare(Comparison.Op.LESS_OR_EQUAL, other);
  }

  /** {@code this > other}. */
  public Column gt(Object other) {
    return compare(Comparison.Op.GREATER, other);
  }

  /** {@code this >= other}. */
  public Column geq(Object other) {
    return compare(Comparison.Op.GREATER_OR_EQUAL, other);
  }

  /** {@code lower <= this AND this <= upper}. */
  public Column between(Object lower, Object upper) {
    return geq(lower).and(leq(upper));
  }

  /** Boolean {@code AND}, with SQL's three-valued logic. */
  public Column and(Column other) {
    return new Column(new And(plain("in and()").expression, requireNonNull(other, "other is null")
        .plain("in and()").expression));
  }

  /** Boolean {@code OR}, with SQL's three-valued logic. */
  public Column or(Column other) {
    return new Column(new Or(plain("in or()").expression, requireNonNull(other, "other is null")
        .plain("in or()").expression));
  }

  /** Whether the value is null. */
  public Column isNull() {
    return new Column(new IsNull(plain("in isNull()").expression, false));
  }

  /** Whether the value is not null. */
  public Column isNotNull() {
    return new Column(new IsNull(plain("in isNotNull()").expression, true));
  }

  /** {@code this IN (values...)}; each value is a Column or a Java value. */
  public Column isin(Object... values) {
    if (values.length == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "isin needs at least one value");
    }
    List<Expression> list = new ArrayList<>(values.length);
    for (Object value : values) {
      list.add(toExpression(value));
    }
    return new Column(new InList(plain("in isin()").expression, list));
  }

  // ---- strings ----

  /** SQL {@code LIKE}: {@code %} matches any run of characters, {@code _} one, {@code \} escapes. */
  public Column like(String pattern) {
    return call(ScalarFunction.LIKE, functions.lit(requireNonNull(pattern, "pattern is null")).expression);
  }

  /** Whether the string starts with {@code prefix} (a String or a Column). */
  public Column startsWith(Object prefix) {
    return call(ScalarFunction.STARTS_WITH, toExpression(prefix));
  }

  /** Whether the string ends with {@code suffix} (a String or a Column). */
  public Column endsWith(Object suffix) {
    return call(ScalarFunction.ENDS_WITH, toExpression(suffix));
  }

  /** Whether the string contains {@code part} (a String or a Column). */
  public Column contains(Object part) {
    return call(ScalarFunction.CONTAINS, toExpression(part));
  }

  /** The substring of {@code length} characters from {@code position} (1-based), as Spark's {@code substr}. */
  public Column substr(int position, int length) {
    return call(ScalarFunction.SUBSTRING, Literal.of(position), Literal.of(length));
  }

  /** As {@link #substr(int, int)}, with the position and length computed per row. */
  public Column substr(Column position, Column length) {
    return call(ScalarFunction.SUBSTRING, toExpression(position), toExpression(length));
  }

  private Column call(ScalarFunction function, Expression... more) {
    List<Expression> args = new ArrayList<>(more.length + 1);
    args.add(plain("as an argument of " + function.sqlName()).expression);
    args.addAll(List.of(more));
    return new Column(new ScalarCall(function, args));
  }

  // ---- types and names ----

  /** The value converted to {@code type} (Spark's non-ANSI cast: what does not convert is null). */
  public Column cast(DataType type) {
    return new Column(new Cast(plain("in cast()").expression, requireNonNull(type, "type is null")));
  }

  /**
   * The value converted to a type named as in SQL: {@code int}, {@code bigint}, {@code double},
   * {@code decimal(15,2)}, {@code date}, {@code string}, {@code boolean}.
   */
  public Column cast(String typeName) {
    return cast(SqlTypes.parseType(requireNonNull(typeName, "typeName is null")));
  }

  /** This column under another name. */
  public Column alias(String name) {
    requireNonNull(name, "name is null");
    Expression inner = plain("in alias()").expression;
    if (inner instanceof Alias alias) {
      inner = alias.child();
    }
    return new Column(new Alias(inner, name));
  }

  /** Same as {@link #alias(String)}. */
  public Column as(String name) {
    return alias(name);
  }

  /** Same as {@link #alias(String)}. */
  public Column name(String name) {
    return alias(name);
  }

  // ---- ordering ----

  /** Ascending order, nulls first (Spark's default). */
  public Column asc() {
    return ordered(true, true);
  }

  /** Ascending order, nulls first. */
  public Column asc_nulls_first() {
    return ordered(true, true);
  }

  /** Ascending order, nulls last. */
  public Column asc_nulls_last() {
    return ordered(true, false);
  }

  /** Descending order, nulls last (Spark's default). */
  public Column desc() {
    return ordered(false, false);
  }

  /** Descending order, nulls first. */
  public Column desc_nulls_first() {
    return ordered(false, true);
  }

  /** Descending order, nulls last. */
  public Column desc_nulls_last() {
    return ordered(false, false);
  }

  private Column ordered(boolean ascending, boolean nullsFirst) {
    Expression inner = order == null ? expression : order.expression();
    return new Column(expression, new SortKey(inner, ascending, nullsFirst), false);
  }

  /** The sort key for orderBy: the asked order, else ascending with nulls first. */
  SortKey toSortKey() {
    return order != null ? order : SortKey.ascending(expression);
  }

  // ---- CASE WHEN ----

  /**
   * Adds a branch to a chain started by {@link functions#when}: where the earlier conditions do not
   * hold and {@code condition} does, the value is {@code value}.
   */
  public Column when(Column condition, Object value) {
    CaseWhen open = openCase("when()");
    List<CaseWhen.Branch> branches = new ArrayList<>(open.branches());
    branches.add(new CaseWhen.Branch(toExpression(condition), toExpression(value)));
    return openCase(new CaseWhen(branches, NO_OTHERWISE));
  }

  /** The value where no condition of the {@code when} chain holds (null without it). */
  public Column otherwise(Object value) {
    CaseWhen open = openCase("otherwise()");
    return new Column(new CaseWhen(open.branches(), toExpression(value)));
  }

  private CaseWhen openCase(String method) {
    if (!openCase || !(expression instanceof CaseWhen caseWhen)) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, method
          + " can only be applied to a Column made by functions.when(...) and not yet closed by otherwise(...); "
          + "got " + this);
    }
    return caseWhen;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Column column && expression.equals(column.expression)
        && Objects.equals(order, column.order);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression, order);
  }

  /** The column as SQL-like text, e.g. {@code (price * 2)} (a DataFrame's hidden qualifier left out). */
  @Override
  public String toString() {
    return (order != null ? order.sql() : expression.sql()).replaceAll("#df\\d+\\.", "");
  }
}
