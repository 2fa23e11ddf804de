package dev.sluice.executors.source;

import static dev.sluice.executors.source.ScanHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTextAndListing {
  @TempDir Path directory;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void testTextReadsEveryLineAsValue() throws IOException {
    Files.writeString(directory.resolve("a.txt"), "one\n\ntwo words\r\nlast");
    FileSource source = FileSources.resolve(FileFormat.TEXT, List.of(directory.toString()), Map.of(), null, allocator);
    assertThat(source.schema().fields()).containsExactly(new Field("value", DataType.UTF8));
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(row("one"), row(""), row("two words"),
        row("last"));
  }

  @Test
  void testMissingPathNamesIt() {
    Path missing = directory.resolve("nope");
    for (FileFormat format : FileFormat.values()) {
      assertThatThrownBy(() -> FileSources.resolve(format, List.of(missing.toString()), Map.of(), null, allocator))
          .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
          .hasMessage("Path does not exist: " + missing);
    }
  }

  @Test
  void testDirectoryWithOnlyMarkersHasNoFiles() throws IOException {
    Files.writeString(directory.resolve("_SUCCESS"), "");
    Files.createDirectories(directory.resolve(".hidden"));
    Files.writeString(directory.resolve(".hidden").resolve("x.csv"), "1\n");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.CSV, List.of(directory.toString()), Map.of(), null,
        allocator)).isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
        .hasMessageContaining("No files to read in [" + directory + "]");
  }

  @Test
  void testRecursiveListingInNameOrderAndExplicitFiles() throws IOException {
    Files.createDirectories(directory.resolve("b/c"));
    Files.writeString(directory.resolve("b/c/z.csv"), "3\n");
    Files.writeString(directory.resolve("b/a.csv"), "2\n");
    Files.writeString(directory.resolve("a.csv"), "1\n");
    Files.writeString(directory.resolve("_x.csv"), "0\n");
    FileSource source = FileSources.resolve(FileFormat.CSV, List.of(directory.toString(),
        directory.resolve("_x.csv").toString()), Map.of("INFERSCHEMA", "true"), null, allocator);
    assertThat(source.files()).containsExactly(directory.resolve("a.csv").toString(),
        directory.resolve("b/a.csv").toString(), directory.resolve("b/c/z.csv").toString(),
        directory.resolve("_x.csv").toString());
    assertThat(source.fileSizes()).containsExactly(2L, 2L, 2L, 2L);
    assertThat(source.options()).containsEntry("inferschema", "true");
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(row(1), row(2), row(3), row(0));
  }

  @Test
  void testBadOptionsNameTheOptionAndAcceptedValues() throws IOException {
    Path file = directory.resolve("a.csv");
    Files.writeString(file, "1\n");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.CSV, List.of(file.toString()), Map.of("mode", "lenient"),
        null, allocator)).isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("Option 'mode' must be one of [PERMISSIVE, DROPMALFORMED, FAILFAST], got 'lenient'");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.CSV, List.of(file.toString()), Map.of("header", "yes"),
        null, allocator)).hasMessage("Option 'header' must be true or false, got 'yes'");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.CSV, List.of(file.toString()), Map.of("sep", "||"),
        null, allocator)).hasMessageContaining("Option 'delimiter' must be one ASCII character");
    Schema corruptInt = new Schema(List.of(new Field("a", DataType.INT32), new Field("_corrupt_record",
        DataType.INT32)));
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.JSON, List.of(file.toString()), Map.of(), corruptInt,
        allocator)).hasMessageContaining("The corrupt-record column '_corrupt_record'");
    Path empty = directory.resolve("empty.csv");
    Files.writeString(empty, "\n\n");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.CSV, List.of(empty.toString()), Map.of(), null,
        allocator)).hasMessageContaining("they hold no lines; declare a schema");
  }

  @Test
  void testTabDelimiterAndEmptyFileWithDeclaredSchema() throws IOException {
    Path file = directory.resolve("t.tsv");
    Files.writeString(file, "a\tb\n");
    Path empty = directory.resolve("u.tsv");
    Files.writeString(empty, "");
    Schema schema = new Schema(List.of(new Field("x", DataType.UTF8), new Field("y", DataType.UTF8)));
    FileSource source = FileSources.resolve(FileFormat.CSV, List.of(file.toString(), empty.toString()),
        Map.of("delimiter", "\\t"), schema, allocator);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(row("a", "b"));
  }
}
