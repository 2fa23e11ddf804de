package dev.sluice.engine.encoding;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps Java objects of one class to Arrow columns and back. A boxed primitive, String, LocalDate,
 * BigDecimal or byte[] is one column named {@code value}; a record or a bean is one column per
 * component or property; anything else is one Kryo binary column.
 *
 * <p>Every encoded batch is self-describing: its schema metadata names the encoding, the Java
 * class and the columns that fell back to Kryo, so a batch decodes without knowing who wrote it
 * (see {@link Encoders#decoderFor}).
 */
public final class RowEncoder {
  /** Schema metadata key: {@code value}, {@code record}, {@code bean} or {@code kryo}. */
  public static final String ENCODING_KEY = "sluice.encoding";
  /** Schema metadata key: the Java class of the rows. */
  public static final String CLASS_KEY = "sluice.class";
  /** Schema metadata key: comma-separated columns stored as Kryo bytes in this batch. */
  public static final String KRYO_COLUMNS_KEY = "sluice.kryo.columns";

  private final String encoding;
  private final Class<?> javaClass;
  private final List<EncodedColumn> columns;
  private final RowFactory factory;
  private final boolean rowsMayBeNull;

  RowEncoder(String encoding, Class<?> javaClass, List<EncodedColumn> columns, RowFactory factory,
      boolean rowsMayBeNull) {
    this.encoding = requireNonNull(encoding, "encoding is null");
    this.javaClass = requireNonNull(javaClass, "javaClass is null");
    this.columns = List.copyOf(columns);
    this.factory = requireNonNull(factory, "factory is null");
    this.rowsMayBeNull = rowsMayBeNull;
  }

  public String encoding() {
    return encoding;
  }

  public Class<?> javaClass() {
    return javaClass;
  }

  public List<EncodedColumn> columns() {
    return columns;
  }

  /**
   * Whether every row can be encoded by this encoder: single-column encoders take anything (a
   * column falls back to Kryo), records and beans need non-null rows of exactly their class.
   */
  public boolean fits(Object[] rows, int count) {
    if (rowsMayBeNull) {
      return true;
    }
    for (int i = 0; i < count; i++) {
      if (rows[i] == null || rows[i].getClass() != javaClass) {
        return false;
      }
    }
    return true;
  }

  /** Encodes {@code rows[0, count)} into a new batch owned by the caller. */
  public Batch encode(Object[] rows, int count, BufferAllocator allocator) {
    List<Field> fields = new ArrayList<>(columns.size());
    List<ValueType> storage = new ArrayList<>(columns.size());
    List<Object[]> values = new ArrayList<>(columns.size());
    List<String> kryoColumns = new ArrayList<>();
    for (EncodedColumn column : columns) {
      Object[] columnValues = new Object[count];
      for (int i = 0; i < count; i++) {
        Object row = rows[i];
        columnValues[i] = row == null ? null : column.getter().apply(row);
      }
      ValueType type = storageFor(column, columnValues, count);
      if (type == ValueType.KRYO) {
        kryoColumns.add(column.name());
      }
      DataType dataType = type.dataType(columnValues, count);
      fields.add(new Field(column.name(), FieldType.nullable(dataType.toArrow()), null));
      storage.add(type);
      values.add(columnValues);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ENCODING_KEY, encoding);
    metadata.put(CLASS_KEY, javaClass.getName());
    if (!kryoColumns.isEmpty()) {
      metadata.put(KRYO_COLUMNS_KEY, String.join(",", kryoColumns));
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields, metadata), allocator);
    try {
      for (int c = 0; c < columns.size(); c++) {
        FieldVector vector = root.getVector(c);
        vector.setInitialCapacity(count);
        vector.allocateNew();
        ValueType type = storage.get(c);
        Object[] columnValues = values.get(c);
        for (int i = 0; i < count; i++) {
          Object value = columnValues[i];
          if (value == null) {
            vector.setNull(i);
          } else {
            type.write(vector, i, value);
          }
        }
        vector.setValueCount(count);
      }
      root.setRowCount(count);
      return new Batch(root);
    } catch (RuntimeException e) {
      root.close();
      if (e instanceof EngineException) {
        throw e;
      }
      throw new EngineException(ErrorCode.ENCODING_FAILED,
          "Cannot encode rows of " + javaClass.getName() + " into Arrow columns " + fields + ": " + e, e);
    }
  }

  /**
   * How a column is stored in this batch: its declared value type if the values fit it; for a
   * column declared as {@code Object} (a generic component such as {@code Pair.key}), the columnar
   * type of the values' common class when they have one; else Kryo.
   */
  private static ValueType storageFor(EncodedColumn column, Object[] values, int count) {
    ValueType declared = column.valueType();
    if (declared != ValueType.KRYO) {
      return declared.fits(values, count) ? declared : ValueType.KRYO;
    }
    Class<?> common = null;
    for (int i = 0; i < count; i++) {
      if (values[i] != null) {
        if (common == null) {
          common = values[i].getClass();
        } else if (values[i].getClass() != common) {
          return ValueType.KRYO;
        }
      }
    }
    ValueType inferred = common == null ? ValueType.KRYO : ValueType.of(common);
    return inferred != ValueType.KRYO && inferred.fits(values, count) ? inferred : ValueType.KRYO;
  }

  /** Decodes every row of {@code batch} (which stays owned by the caller). */
  public Object[] decode(Batch batch) {
    VectorSchemaRoot root = batch.root();
    int rows = root.getRowCount();
    Map<String, String> metadata = root.getSchema().getCustomMetadata();
    Set<String> kryoColumns = new HashSet<>();
    String kryoList = metadata == null ? null : metadata.get(KRYO_COLUMNS_KEY);
    if (kryoList != null && !kryoList.isEmpty()) {
      kryoColumns.addAll(Arrays.asList(kryoList.split(",")));
    }
    Object[] out = new Object[rows];
    if (columns.size() == 1 && rowsMayBeNull) {
      FieldVector vector = root.getVector(0);
      ValueType type = storageOf(columns.get(0), vector, kryoColumns);
      for (int i = 0; i < rows; i++) {
        out[i] = type.read(vector, i);
      }
      return out;
    }
    FieldVector[] vectors = new FieldVector[columns.size()];
    ValueType[] types = new ValueType[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      EncodedColumn column = columns.get(c);
      vectors[c] = root.getVector(column.name());
      if (vectors[c] == null) {
        throw new EngineException(ErrorCode.ENCODING_FAILED, "Cannot decode " + javaClass.getName()
            + ": the batch has no column '" + column.name() + "' (it has " + root.getSchema().getFields() + ")");
      }
      types[c] = storageOf(column, vectors[c], kryoColumns);
    }
    Object[] columnValues = new Object[columns.size()];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < vectors.length; c++) {
        columnValues[c] = types[c].read(vectors[c], i);
      }
      out[i] = factory.create(columnValues);
    }
    return out;
  }

  private static ValueType storageOf(EncodedColumn column, FieldVector vector, Set<String> kryoColumns) {
    if (kryoColumns.contains(column.name())) {
      return ValueType.KRYO;
    }
    ArrowType type = vector.getField().getType();
    if (type instanceof ArrowType.Binary && column.javaType() != byte[].class) {
      return ValueType.KRYO;
    }
    return ValueType.of(DataType.fromArrow(type));
  }

  @Override
  public String toString() {
    return encoding + "<" + javaClass.getSimpleName() + ">" + columns.stream().map(EncodedColumn::name).toList();
  }
}
