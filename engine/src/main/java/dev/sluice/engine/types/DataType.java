package dev.sluice.engine.types;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A Sluice column type. Each type maps to exactly one Arrow type; every column is nullable.
 *
 * <p>Supported: int32, int64, float64, boolean, utf8, date32 (days since the epoch),
 * decimal128(precision, scale) and binary.
 */
public sealed interface DataType
    permits DataType.Int32,
        DataType.Int64,
        DataType.Float64,
        DataType.Bool,
        DataType.Utf8,
        DataType.Date32,
        DataType.Decimal,
        DataType.Binary {

  /** The Arrow type this type is stored as. */
  ArrowType toArrow();

  /** The name used in schemas and error messages, e.g. {@code decimal(15,2)}. */
  String displayName();

  DataType INT32 = new Int32();
  DataType INT64 = new Int64();
  DataType FLOAT64 = new Float64();
  DataType BOOLEAN = new Bool();
  DataType UTF8 = new Utf8();
  DataType DATE32 = new Date32();
  DataType BINARY = new Binary();

  static DataType decimal(int precision, int scale) {
    return new Decimal(precision, scale);
  }

  /**
   * The Sluice type of an Arrow type.
   *
   * @throws IllegalArgumentException for an Arrow type Sluice does not support, naming it
   */
  static DataType fromArrow(ArrowType type) {
    if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
      return INT32;
    }
    if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
      return INT64;
    }
    if (type instanceof ArrowType.FloatingPoint f
        && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
      return FLOAT64;
    }
    if (type instanceof ArrowType.Bool) {
      return BOOLEAN;
    }
    if (type instanceof ArrowType.Utf8) {
      return UTF8;
    }
    if (type instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY) {
      return DATE32;
    }
    if (type instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
      return decimal(d.getPrecision(), d.getScale());
    }
    if (type instanceof ArrowType.Binary) {
      return BINARY;
    }
    throw new IllegalArgumentException("Unsupported Arrow type " + type
        + "; Sluice supports int32, int64, float64, boolean, utf8, date32, decimal128 and binary");
  }

  /** 32-bit signed integer. */
  record Int32() implements DataType {
    @Override
    public ArrowType toArrow() {
      return new ArrowType.Int(32, true);
    }

    @Override
    public String displayName() {
      return "int32";
    }
  }

  /** 64-bit signed integer. */
  record Int64() implements DataType {
    @Override
    public ArrowType toArrow() {
      return new ArrowType.Int(64, true);
    }

    @Override
    public String displayName() {
      return "int64";
    }
  }

  /** IEEE 754 double. */
  record Float64() implements DataType {
    @Override
    public ArrowType toArrow() {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    }

    @Override
    public String displayName() {
      return "float64";
    }
  }

  /** Boolean. */
  record Bool() implements DataType {
    @Override
    public ArrowType toArrow() {
      return ArrowType.Bool.INSTANCE;
    }

    @Override
    public String displayName() {
      return "boolean";
    }
  }

  /** UTF-8 string. */
  record Utf8() implements DataType {
    @Override
    public ArrowType toArrow() {
      return ArrowType.Utf8.INSTANCE;
    }

    @Override
    public String displayName() {
      return "utf8";
    }
  }

  /** Days since 1970-01-01. */
  record Date32() implements DataType {
    @Override
    public ArrowType toArrow() {
      return new ArrowType.Date(DateUnit.DAY);
    }

    @Override
    public String displayName() {
      return "date32";
    }
  }

  /**
   * Exact decimal of up to 38 digits, {@code scale} of them after the point.
   *
   * @param precision total number of digits, 1 to 38
   * @param scale digits after the decimal point, 0 to precision
   */
  record Decimal(int precision, int scale) implements DataType {
    public Decimal {
      if (precision < 1 || precision > 38) {
        throw new IllegalArgumentException(
            "decimal precision must be between 1 and 38, got " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal scale must be between 0 and the precision " + precision + ", got " + scale);
      }
    }

    @Override
    public ArrowType toArrow() {
      return new ArrowType.Decimal(precision, scale, 128);
    }

    @Override
    public String displayName() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /** Variable-length bytes. */
  record Binary() implements DataType {
    @Override
    public ArrowType toArrow() {
      return ArrowType.Binary.INSTANCE;
    }

    @Override
    public String displayName() {
      return "binary";
    }
  }
}
