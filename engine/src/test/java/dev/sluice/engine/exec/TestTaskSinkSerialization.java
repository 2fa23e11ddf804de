package dev.sluice.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task sinks travel to executors inside Kryo-serialized task fragments. */
class TestTaskSinkSerialization {
  @Test
  void testSampleColumnsRoundTripsThroughKryo() {
    TaskSink.SampleColumns sink = new TaskSink.SampleColumns(List.of(
        SortKey.descending(new BoundRef(5, "l_extendedprice", DataType.decimal(15, 2))),
        SortKey.ascending(new BoundRef(0, "l_orderkey", DataType.INT64))), 60);
    TaskSink.SampleColumns back = KryoSerde.deserialize(KryoSerde.serialize(sink));
    assertThat(back).isEqualTo(sink);
  }
}
