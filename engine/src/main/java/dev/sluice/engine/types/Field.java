package dev.sluice.engine.types;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A named, typed column of a {@link Schema}. Every Sluice column is nullable.
 *
 * @param name the column name, unique within its schema
 * @param type the column type
 */
public record Field(String name, DataType type) {
  public Field {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  /** The Arrow field this column is stored as. */
  public org.apache.arrow.vector.types.pojo.Field toArrow() {
    return new org.apache.arrow.vector.types.pojo.Field(
        name, FieldType.nullable(type.toArrow()), null);
  }

  @Override
  public String toString() {
    return name + ": " + type.displayName();
  }
}
