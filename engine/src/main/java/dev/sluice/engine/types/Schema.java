package dev.sluice.engine.types;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered list of columns plus string metadata. The metadata of a typed dataset's batches
 * records how rows were encoded (see {@code dev.sluice.engine.encoding.Encoders}), so every batch
 * can be decoded on its own.
 *
 * @param fields the columns, in order, with unique names
 * @param metadata key/value pairs carried into the Arrow schema, in insertion order
 */
public record Schema(List<Field> fields, Map<String, String> metadata) {
  public Schema {
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    metadata = Collections.unmodifiableMap(
        new LinkedHashMap<>(requireNonNull(metadata, "metadata is null")));
    Set<String> names = new HashSet<>();
    for (Field field : fields) {
      if (!names.add(field.name())) {
        throw new IllegalArgumentException("duplicate column name '" + field.name() + "' in " + fields);
      }
    }
  }

  public Schema(List<Field> fields) {
    this(fields, Map.of());
  }

  public Schema withMetadata(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new Schema(fields, copy);
  }

  public org.apache.arrow.vector.types.pojo.Schema toArrow() {
    List<org.apache.arrow.vector.types.pojo.Field> arrow = new ArrayList<>(fields.size());
    for (Field field : fields) {
      arrow.add(field.toArrow());
    }
    return new org.apache.arrow.vector.types.pojo.Schema(arrow, metadata);
  }

  public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema arrow) {
    List<Field> fields = new ArrayList<>();
    for (org.apache.arrow.vector.types.pojo.Field field : arrow.getFields()) {
      fields.add(new Field(field.getName(), DataType.fromArrow(field.getType())));
    }
    Map<String, String> metadata = arrow.getCustomMetadata() == null ? Map.of() : arrow.getCustomMetadata();
    return new Schema(fields, metadata);
  }

  @Override
  public String toString() {
    return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
