package dev.sluice.examples.tpch;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One column of a generated TPC-H table: its name, its type as BENCHMARKS.md lays it out, and how
 * to read it from a generated row. Numeric, decimal (unscaled cents) and date (epoch days) values
 * come through {@code longValue}, strings through {@code stringValue}.
 *
 * @param <E> the generator's row class ({@code io.trino.tpch.LineItem}, ...)
 * @param name the column name, e.g. {@code l_extendedprice}
 * @param type int32, int64, decimal(15,2), date32 or utf8
 * @param longValue the value of a non-string column, or null
 * @param stringValue the value of a string column, or null
 */
public record TpchColumn<E>(String name, DataType type, ToLongFunction<E> longValue, Function<E, String> stringValue) {
  public TpchColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if ((longValue == null) == (stringValue == null)) {
      throw new IllegalArgumentException(name + ": give exactly one of longValue and stringValue");
    }
  }

  public static <E> TpchColumn<E> ofLong(String name, DataType type, ToLongFunction<E> value) {
    return new TpchColumn<>(name, type, value, null);
  }

  public static <E> TpchColumn<E> ofString(String name, Function<E, String> value) {
    return new TpchColumn<>(name, DataType.UTF8, null, value);
  }

  public Field field() {
    return new Field(name, type);
  }
}
