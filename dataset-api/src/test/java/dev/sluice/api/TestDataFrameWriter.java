package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code df.write()} checks on the driver before anything runs: partition columns, options,
 * save modes, and an existing target.
 */
class TestDataFrameWriter {
  private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("name", DataType.UTF8), new Field("day", DataType.DATE32)));

  @TempDir
  Path parent;

  private Sluice sluice;
  private DataFrame frame;

  @BeforeEach
  void setUp() {
    sluice = Sluice.builder().master("local[2]").appName("TestDataFrameWriter").getOrCreate();
    frame = new DataFrame(sluice, new LocalRelation(SCHEMA, List.of()));
  }

  @AfterEach
  void tearDown() {
    sluice.close();
  }

  private List<String> parentEntries() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static ErrorCode code(Throwable e) {
    return ((EngineException) e).code();
  }

  @Test
  void testUnknownPartitionColumnListsTheColumns() throws IOException {
    String out = parent.resolve("out").toString();
    assertThatThrownBy(() -> frame.write().partitionBy("day", "nmae").parquet(out))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Partition column 'nmae' does not exist (parquet at TestDataFrameWriter.java:")
        .hasMessageEndingWith("available columns: id, name, day")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.COLUMN_NOT_FOUND));
    assertThatThrownBy(() -> frame.write().partitionBy("day", "day").csv(out))
        .hasMessageContaining("Partition column 'day' is given twice")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> frame.write().partitionBy("day", "id", "name").csv(out))
        .hasMessageContaining("Cannot use all columns [day, id, name] as partition columns")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(parentEntries()).isEmpty();
  }

  @Test
  void testOptionsAreCheckedBeforeAnythingRuns() throws IOException {
    String out = parent.resolve("out").toString();
    assertThatThrownBy(() -> frame.write().option("delimeter", "|").csv(out))
        .hasMessageContaining("Unknown CSV write option 'delimeter'; known options: header, delimiter, sep")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> frame.write().option("header", "maybe").csv(out))
        .hasMessageContaining("'header' must be true or false, got 'maybe'");
    assertThatThrownBy(() -> frame.write().option("compression", "snappy").parquet(out))
        .hasMessageStartingWith("Parquet writing takes no options, got [compression]");
    assertThatThrownBy(() -> frame.write().format("json"))
        .hasMessage("Cannot write format 'json'; formats that can be written: parquet, csv")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> frame.write().format("CSV").option("sep", "ab").save(out))
        .hasMessageContaining("'sep' must be a single character");
    assertThatThrownBy(() -> frame.write().mode("upsert"))
        .hasMessageStartingWith("Unknown save mode 'upsert'")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(parentEntries()).isEmpty();
  }

  @Test
  void testExistingTargetIsCheckedBeforePlanning() throws IOException {
    Path target = Files.createDirectory(parent.resolve("out"));
    Files.writeString(target.resolve("data.csv"), "1\n");
    assertThatThrownBy(() -> frame.write().csv(target.toString()))
        .hasMessage("Output path " + target + " already exists and is not empty (save mode errorIfExists); use "
            + "mode(\"overwrite\") to replace it or mode(\"append\") to add to it")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.OUTPUT_EXISTS));
    assertThatThrownBy(() -> frame.write().mode("errorifexists").parquet(target.toString()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.OUTPUT_EXISTS));
    // ignore: returns without planning or running anything
    frame.write().mode(SaveMode.IGNORE).partitionBy("day").parquet(target.toString());
    assertThat(Files.readString(target.resolve("data.csv"))).isEqualTo("1\n");
    assertThat(parentEntries()).containsExactly("out");
  }
}
