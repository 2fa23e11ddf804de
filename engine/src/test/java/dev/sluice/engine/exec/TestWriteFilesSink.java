package dev.sluice.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.engine.source.FileFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The write sink crosses to the executors Kryo-serialized with the task's plan. */
class TestWriteFilesSink {
  @Test
  void testRoundTripsThroughKryo() {
    TaskSink.WriteFiles sink = new TaskSink.WriteFiles(FileFormat.CSV, "/tmp/.out-staging-1", List.of(2, 0),
        Map.of("header", "true", "delimiter", "|"));
    TaskSink.WriteFiles back = KryoSerde.deserialize(KryoSerde.serialize(sink));
    assertThat(back).isEqualTo(sink);
    assertThat(back.describe()).isEqualTo("write csv partitioned by columns [2, 0]");
  }

  @Test
  void testRejectsFormatsItCannotWrite() {
    assertThatThrownBy(() -> new TaskSink.WriteFiles(FileFormat.JSON, "/tmp/x", List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARQUET or CSV");
  }
}
