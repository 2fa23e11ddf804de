package dev.sluice.engine.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestUnmodifiableSerializer {
  record Holder(Map<String, Integer> map, List<String> list, Set<Long> set, Collection<String> values) {}

  @Test
  void testSchemaWithMetadataSurvivesKryo() {
    Schema schema = new Schema(List.of(new Field("a", DataType.INT64), new Field("b", DataType.decimal(15, 2))))
        .withMetadata("sluice.class", "x.Y").withMetadata("sluice.encoding", "record");
    Schema back = KryoSerde.deserialize(KryoSerde.serialize(schema));
    assertThat(back).isEqualTo(schema);
    assertThat(back.metadata().keySet()).containsExactly("sluice.class", "sluice.encoding");
    Schema plain = new Schema(List.of(new Field("a", DataType.UTF8)));
    assertThat(KryoSerde.<Schema>deserialize(KryoSerde.serialize(plain))).isEqualTo(plain);
  }

  @Test
  void testUnmodifiableViewsRoundTripAndStayUnmodifiable() {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put("a", null);
    Holder holder = new Holder(Collections.unmodifiableMap(map),
        Collections.unmodifiableList(new LinkedList<>(List.of("x", "y"))),
        Collections.unmodifiableSet(new LinkedHashSet<>(List.of(3L, 1L))),
        Collections.unmodifiableCollection(new ArrayList<>(List.of("v"))));
    Holder back = KryoSerde.deserialize(KryoSerde.serialize(holder));
    assertThat(back.map().keySet()).containsExactly("z", "a");
    assertThat(back.map().get("z")).isEqualTo(1);
    assertThat(back.map().get("a")).isNull();
    assertThat(back.list()).containsExactly("x", "y");
    assertThat(back.set()).containsExactly(3L, 1L);
    assertThat(back.values()).containsExactly("v");
    assertThat(back.map().getClass()).isEqualTo(holder.map().getClass());
    List<String> randomAccess = Collections.unmodifiableList(new ArrayList<>(List.of("r")));
    assertThat(KryoSerde.<List<String>>deserialize(KryoSerde.serialize(randomAccess))).containsExactly("r")
        .isInstanceOf(randomAccess.getClass());
  }
}
