package dev.sluice.engine.expr;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * The built-in functions of {@link ScalarCall}, with the argument types they take after analysis
 * and their result types. Positions are 1-based, as SQL's.
 */
public enum ScalarFunction {
  /** {@code substring(utf8 s, int32 pos, int32 len)}: characters, 1-based; pos ≤ 0 as Spark. */
  SUBSTRING("substring"),
  /** {@code like(utf8 s, utf8 literal pattern)}: {@code %} any run, {@code _} one char, {@code \} escapes. */
  LIKE("like"),
  /** {@code startsWith(utf8 s, utf8 prefix)}. */
  STARTS_WITH("startswith"),
  /** {@code endsWith(utf8 s, utf8 suffix)}. */
  ENDS_WITH("endswith"),
  /** {@code contains(utf8 s, utf8 part)}. */
  CONTAINS("contains"),
  /** {@code upper(utf8)}. */
  UPPER("upper"),
  /** {@code lower(utf8)}. */
  LOWER("lower"),
  /** {@code length(utf8)}: characters (code points), int32. */
  LENGTH("length"),
  /** {@code concat(utf8...)}: null if any argument is null. */
  CONCAT("concat"),
  /** {@code year(date32)}: int32. */
  YEAR("year"),
  /** {@code month(date32)}: int32. */
  MONTH("month"),
  /** {@code dayofmonth(date32)}: int32. */
  DAY_OF_MONTH("dayofmonth"),
  /** {@code date_add(date32, int32 days)}: date32. */
  DATE_ADD("date_add"),
  /** {@code datediff(date32 end, date32 start)}: int32 days. */
  DATE_DIFF("datediff"),
  /** {@code abs(number)}: same type. */
  ABS("abs"),
  /** {@code negate(number)}: same type. */
  NEGATE("-");

  private final String sqlName;

  ScalarFunction(String sqlName) {
    this.sqlName = sqlName;
  }

  public String sqlName() {
    return sqlName;
  }

  /** The result type for resolved arguments. */
  public DataType resultType(List<Expression> args) {
    return switch (this) {
      case SUBSTRING, UPPER, LOWER, CONCAT -> DataType.UTF8;
      case LIKE, STARTS_WITH, ENDS_WITH, CONTAINS -> DataType.BOOLEAN;
      case LENGTH, YEAR, MONTH, DAY_OF_MONTH, DATE_DIFF -> DataType.INT32;
      case DATE_ADD -> DataType.DATE32;
      case ABS, NEGATE -> args.get(0).dataType();
    };
  }
}
