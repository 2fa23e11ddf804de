package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.relational.planner.PlannerSettings;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reader settings and the planner settings a session derives from its configuration. */
class TestDataFrameReader {
  @Test
  void testFormatSchemaAndOptionsAsSpark() {
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("reader-options").getOrCreate()) {
      DataFrameReader reader = sluice.read();
      assertThat(reader.currentFormat()).isEqualTo(FileFormat.PARQUET);
      reader.format("CSV").option("Header", true).option("inferSchema", "true").option("samplingRatio", 0.5)
          .option("maxColumns", 7L).options(Map.of("sep", "|", "MODE", "FAILFAST"))
          .schema("l_orderkey BIGINT, l_price DECIMAL(15,2)");
      assertThat(reader.currentFormat()).isEqualTo(FileFormat.CSV);
      assertThat(reader.currentOptions()).containsOnly(Map.entry("header", "true"), Map.entry("inferschema", "true"),
          Map.entry("samplingratio", "0.5"), Map.entry("maxcolumns", "7"), Map.entry("sep", "|"),
          Map.entry("mode", "FAILFAST"));
      assertThat(reader.currentSchema().fields()).containsExactly(new Field("l_orderkey", DataType.INT64),
          new Field("l_price", DataType.decimal(15, 2)));
      assertThatThrownBy(() -> sluice.read().format("xml")).isInstanceOf(EngineException.class)
          .hasMessageContaining("Unknown format 'xml'").hasMessageContaining("parquet, csv, json, text");
      assertThatThrownBy(() -> sluice.read().load()).isInstanceOf(EngineException.class)
          .hasMessageContaining("at least one path");
    }
  }

  @Test
  void testPlannerSettingsFromConfiguration() {
    try (Sluice sluice = Sluice.builder().master("local[3]").appName("planner-settings").getOrCreate()) {
      assertThat(sluice.plannerSettings()).isEqualTo(new PlannerSettings(3, 10L << 20, 128L << 20));
    }
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("planner-settings-set")
        .config("sluice.sql.shuffle.partitions", "7").config("sluice.sql.autoBroadcastJoinThreshold", "-1")
        .config("sluice.files.maxPartitionBytes", "1m").getOrCreate()) {
      assertThat(sluice.plannerSettings()).isEqualTo(new PlannerSettings(7, -1, 1L << 20));
    }
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("planner-settings-bad")
        .config("sluice.sql.autoBroadcastJoinThreshold", "lots").getOrCreate()) {
      assertThatThrownBy(sluice::plannerSettings).isInstanceOf(EngineException.class)
          .hasMessageContaining("sluice.sql.autoBroadcastJoinThreshold");
    }
  }
}
