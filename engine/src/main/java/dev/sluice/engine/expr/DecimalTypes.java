package dev.sluice.engine.expr;

import dev.sluice.engine.types.DataType;

/**
 * Result precision and scale of decimal arithmetic and aggregation, as Spark SQL defines them
 * ({@code DecimalPrecision}): results wider than 38 digits keep their integral digits and give up
 * scale, down to 6 digits.
 */
public final class DecimalTypes {
  public static final int MAX_PRECISION = 38;
  private static final int MINIMUM_ADJUSTED_SCALE = 6;

  private DecimalTypes() {}

  public static DataType.Decimal add(DataType.Decimal left, DataType.Decimal right) {
    int scale = Math.max(left.scale(), right.scale());
    int integral = Math.max(left.precision() - left.scale(), right.precision() - right.scale());
    return bounded(integral + scale + 1, scale);
  }

  public static DataType.Decimal multiply(DataType.Decimal left, DataType.Decimal right) {
    return bounded(left.precision() + right.precision() + 1, left.scale() + right.scale());
  }

  public static DataType.Decimal divide(DataType.Decimal left, DataType.Decimal right) {
    int scale = Math.max(MINIMUM_ADJUSTED_SCALE, left.scale() + right.precision() + 1);
    int precision = left.precision() - left.scale() + right.scale() + scale;
    return bounded(precision, scale);
  }

  public static DataType.Decimal remainder(DataType.Decimal left, DataType.Decimal right) {
    int scale = Math.max(left.scale(), right.scale());
    int precision = Math.min(left.precision() - left.scale(), right.precision() - right.scale()) + scale;
    return bounded(precision, scale);
  }

  /** {@code sum} of a decimal column: ten more integral digits. */
  public static DataType.Decimal sum(DataType.Decimal input) {
    return bounded(input.precision() + 10, input.scale());
  }

  /** {@code avg} of a decimal column: four more digits of scale. */
  public static DataType.Decimal average(DataType.Decimal input) {
    return bounded(input.precision() + 4, input.scale() + 4);
  }

  /** The decimal type that holds every value of an integral type exactly. */
  public static DataType.Decimal forIntegral(DataType type) {
    if (type instanceof DataType.Int32) {
      return new DataType.Decimal(10, 0);
    }
    if (type instanceof DataType.Int64) {
      return new DataType.Decimal(20, 0);
    }
    if (type instanceof DataType.Decimal d) {
      return d;
    }
    throw new IllegalArgumentException(type.displayName() + " is not integral");
  }

  /** Precision and scale capped at 38 digits the way Spark adjusts them. */
  public static DataType.Decimal bounded(int precision, int scale) {
    if (precision <= MAX_PRECISION) {
      return new DataType.Decimal(precision, scale);
    }
    int integral = precision - scale;
    int minimumScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(MAX_PRECISION - integral, minimumScale);
    return new DataType.Decimal(MAX_PRECISION, adjustedScale);
  }
}
