package dev.sluice.engine.encoding;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Finds the {@link RowEncoder} for a Java class, for a set of rows, or for an encoded batch.
 *
 * <ul>
 *   <li>Long, Integer, Double, Boolean, String, LocalDate, BigDecimal, byte[]: one typed column;
 *   <li>records: one column per component, in declaration order;
 *   <li>beans (public no-arg constructor, getter/setter pairs): one column per property, sorted by
 *       name as Spark's bean encoder does;
 *   <li>everything else: one Kryo binary column.
 * </ul>
 */
public final class Encoders {
  private static final ClassValue<RowEncoder> CACHE =
      new ClassValue<>() {
        @Override
        protected RowEncoder computeValue(Class<?> type) {
          return create(type);
        }
      };

  private static final RowEncoder KRYO =
      new RowEncoder("kryo", Object.class,
          List.of(new EncodedColumn("value", ValueType.KRYO, Object.class, Function.identity())),
          values -> values[0], true);

  private Encoders() {}

  /** The encoder for rows of {@code type} (cached). */
  public static RowEncoder forClass(Class<?> type) {
    return type == null || type == Object.class ? KRYO : CACHE.get(ValueType.box(type));
  }

  /** The encoder that stores any object as Kryo bytes. */
  public static RowEncoder kryo() {
    return KRYO;
  }

  /**
   * The encoder for a batch of rows: the {@code hint} class's encoder if it fits them, else the
   * encoder of the rows' own class, else Kryo.
   */
  public static RowEncoder choose(Class<?> hint, Object[] rows, int count) {
    if (hint != null && hint != Object.class) {
      RowEncoder encoder = forClass(hint);
      if (encoder != KRYO && encoder.fits(rows, count)) {
        return encoder;
      }
    }
    Class<?> rowClass = null;
    for (int i = 0; i < count && rowClass == null; i++) {
      if (rows[i] != null) {
        rowClass = rows[i].getClass();
      }
    }
    if (rowClass != null) {
      RowEncoder encoder = forClass(rowClass);
      if (encoder.fits(rows, count)) {
        return encoder;
      }
    }
    return KRYO;
  }

  /**
   * The encoder that decodes batches with this schema, from its metadata. A batch without Sluice
   * metadata and with one column (for example from a columnar source) decodes by the column type.
   */
  public static RowEncoder decoderFor(Schema schema) {
    Map<String, String> metadata = schema.getCustomMetadata();
    String className = metadata == null ? null : metadata.get(RowEncoder.CLASS_KEY);
    if (className == null) {
      if (schema.getFields().size() != 1) {
        throw new EngineException(ErrorCode.ENCODING_FAILED,
            "Cannot decode a batch with columns " + schema.getFields() + " into Java objects: "
                + "it has no " + RowEncoder.CLASS_KEY + " metadata and more than one column");
      }
      return forClass(ValueType.of(dev.sluice.engine.types.DataType.fromArrow(
          schema.getFields().get(0).getType())).javaClass());
    }
    if (className.equals(Object.class.getName())) {
      return KRYO;
    }
    return forClass(loadClass(className));
  }

  private static Class<?> loadClass(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(name, false, loader != null ? loader : Encoders.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new EngineException(ErrorCode.ENCODING_FAILED,
          "Cannot decode rows of class " + name + ": the class is not on this executor's class path", e);
    }
  }

  private static RowEncoder create(Class<?> type) {
    ValueType valueType = ValueType.of(type);
    if (valueType != ValueType.KRYO) {
      return new RowEncoder("value", type,
          List.of(new EncodedColumn("value", valueType, type, Function.identity())),
          values -> values[0], true);
    }
    if (type.isRecord()) {
      return recordEncoder(type);
    }
    RowEncoder bean = beanEncoder(type);
    return bean != null ? bean : KRYO;
  }

  private static RowEncoder recordEncoder(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    List<EncodedColumn> columns = new ArrayList<>();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      Method accessor = components[i].getAccessor();
      accessor.setAccessible(true);
      parameterTypes[i] = components[i].getType();
      columns.add(new EncodedColumn(components[i].getName(), ValueType.of(parameterTypes[i]),
          parameterTypes[i], row -> invoke(accessor, row)));
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      return KRYO;
    }
    return new RowEncoder("record", type, columns, values -> construct(constructor, values), false);
  }

  private static RowEncoder beanEncoder(Class<?> type) {
    if (isJdk(type) || type.isArray() || type.isEnum() || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())) {
      return null;
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      return null;
    }
    Map<String, Method[]> properties = new TreeMap<>();
    for (Method getter : type.getMethods()) {
      String property = propertyName(getter);
      if (property == null || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      try {
        Method setter = type.getMethod("set" + Character.toUpperCase(property.charAt(0)) + property.substring(1),
            getter.getReturnType());
        properties.put(property, new Method[] {getter, setter});
      } catch (NoSuchMethodException e) {
        // read-only property: not part of the bean's columns
      }
    }
    if (properties.isEmpty()) {
      return null;
    }
    try {
      // a bean class need not be public (a nested or package-private class), as for records
      constructor.setAccessible(true);
      for (Method[] accessors : properties.values()) {
        accessors[0].setAccessible(true);
        accessors[1].setAccessible(true);
      }
    } catch (RuntimeException e) {
      return null;
    }
    List<EncodedColumn> columns = new ArrayList<>();
    List<Method> setters = new ArrayList<>();
    for (Map.Entry<String, Method[]> property : properties.entrySet()) {
      Method getter = property.getValue()[0];
      columns.add(new EncodedColumn(property.getKey(), ValueType.of(getter.getReturnType()),
          getter.getReturnType(), row -> invoke(getter, row)));
      setters.add(property.getValue()[1]);
    }
    return new RowEncoder("bean", type, columns, values -> {
      Object bean = construct(constructor, new Object[0]);
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null || !setters.get(i).getParameterTypes()[0].isPrimitive()) {
          invoke(setters.get(i), bean, values[i]);
        }
      }
      return bean;
    }, false);
  }

  private static String propertyName(Method method) {
    if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
      return null;
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
      return Character.toLowerCase(name.charAt(3)) + name.substring(4);
    }
    if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
      return Character.toLowerCase(name.charAt(2)) + name.substring(3);
    }
    return null;
  }

  private static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new EngineException(ErrorCode.ENCODING_FAILED,
          "Calling " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
              + " failed while encoding or decoding a row", e.getCause());
    } catch (IllegalAccessException e) {
      throw new EngineException(ErrorCode.ENCODING_FAILED, "Cannot call " + method, e);
    }
  }

  private static Object construct(Constructor<?> constructor, Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new EngineException(ErrorCode.ENCODING_FAILED,
          "The constructor of " + constructor.getDeclaringClass().getName() + " failed while decoding a row",
          e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new EngineException(ErrorCode.ENCODING_FAILED,
          "Cannot construct " + constructor.getDeclaringClass().getName() + " while decoding a row", e);
    }
  }
}
