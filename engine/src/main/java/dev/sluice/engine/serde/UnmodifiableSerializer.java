package dev.sluice.engine.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Kryo serializers for the JDK's {@code Collections.unmodifiable*} views, which Kryo's field
 * serializer cannot rebuild on JDK 17 (their wrapped collection comes back null; TECH.md §4): the
 * contents are written as a plain copy and wrapped again on reading. Without them a record that
 * keeps such a view (e.g. {@code Schema.metadata}) cannot be shipped to an executor.
 */
final class UnmodifiableSerializer<T> extends Serializer<T> {
  private final Function<T, Object> copy;
  private final Function<Object, T> wrap;

  private UnmodifiableSerializer(Function<T, Object> copy, Function<Object, T> wrap) {
    super(false, true);
    this.copy = copy;
    this.wrap = wrap;
  }

  @Override
  public void write(Kryo kryo, Output output, T object) {
    kryo.writeClassAndObject(output, copy.apply(object));
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> type) {
    return wrap.apply(kryo.readClassAndObject(input));
  }

  /** Registers the serializers of the unmodifiable views of maps, lists, sets and collections. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void register(Kryo kryo) {
    kryo.addDefaultSerializer(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(),
        new UnmodifiableSerializer<Map>(map -> new LinkedHashMap<>(map),
            copy -> Collections.unmodifiableMap((Map) copy)));
    kryo.addDefaultSerializer(Collections.unmodifiableList(new ArrayList<>()).getClass(),
        new UnmodifiableSerializer<List>(list -> new ArrayList<>(list),
            copy -> Collections.unmodifiableList((List) copy)));
    kryo.addDefaultSerializer(Collections.unmodifiableList(new LinkedList<>()).getClass(),
        new UnmodifiableSerializer<List>(list -> new LinkedList<>(list),
            copy -> Collections.unmodifiableList((List) copy)));
    kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(),
        new UnmodifiableSerializer<Set>(set -> new LinkedHashSet<>(set),
            copy -> Collections.unmodifiableSet((Set) copy)));
    kryo.addDefaultSerializer(Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
        new UnmodifiableSerializer<Collection>(collection -> new ArrayList<>(collection),
            copy -> Collections.unmodifiableCollection((Collection) copy)));
  }
}
