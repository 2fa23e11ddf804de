package dev.sluice.engine.encoding;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * One Arrow column of a {@link RowEncoder}: its name, how its values are stored, and how to get
 * the value out of a row object.
 *
 * @param name the column name (a record component or bean property name, or {@code value})
 * @param valueType the preferred storage; a batch falls back to {@link ValueType#KRYO} for this
 *     column when its values do not fit
 * @param javaType the declared Java type of the values (used to convert back, e.g. to primitives)
 * @param getter reads the column value from a row object
 */
public record EncodedColumn(
    String name, ValueType valueType, Class<?> javaType, Function<Object, Object> getter) {
  public EncodedColumn {
    requireNonNull(name, "name is null");
    requireNonNull(valueType, "valueType is null");
    requireNonNull(javaType, "javaType is null");
    requireNonNull(getter, "getter is null");
  }
}
