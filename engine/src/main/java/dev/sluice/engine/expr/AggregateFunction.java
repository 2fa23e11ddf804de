package dev.sluice.engine.expr;

import dev.sluice.engine.types.DataType;

/**
 * The aggregate functions, with Spark's result types: {@code sum} of integers is int64, of
 * float64 float64, of decimal(p,s) decimal(p+10,s); {@code avg} is float64 for integers and
 * float64, decimal(p+4,s+4) for decimals; {@code count} is int64 and never null; {@code min}/
 * {@code max} keep the input type. Nulls are skipped; an aggregate over no non-null value is null
 * (count: 0). {@code countDistinct} is {@code COUNT} with {@link AggregateCall#distinct()}.
 */
public enum AggregateFunction {
  SUM("sum"),
  COUNT("count"),
  AVG("avg"),
  MIN("min"),
  MAX("max");

  private final String sqlName;

  AggregateFunction(String sqlName) {
    this.sqlName = sqlName;
  }

  public String sqlName() {
    return sqlName;
  }

  /** The result type for a resolved input type ({@code null} for {@code count(*)}). */
  public DataType resultType(DataType input) {
    return switch (this) {
      case COUNT -> DataType.INT64;
      case MIN, MAX -> input;
      case SUM -> {
        if (input instanceof DataType.Decimal d) {
          yield DecimalTypes.sum(d);
        }
        yield input instanceof DataType.Float64 ? DataType.FLOAT64 : DataType.INT64;
      }
      case AVG -> input instanceof DataType.Decimal d ? DecimalTypes.average(d) : DataType.FLOAT64;
    };
  }
}
