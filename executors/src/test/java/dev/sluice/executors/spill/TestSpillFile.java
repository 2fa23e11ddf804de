package dev.sluice.executors.spill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.OperatorContext;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill files: naming, round trips of rows of any class, batch-by-batch reading, deletion. */
class TestSpillFile {
  record Point(int x, String y) {}

  @TempDir
  Path temp;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private OperatorContext context(Path directory) {
    return new OperatorContext("job-3/stage-1/task-7.2", allocator, 3, 1024, 4096, directory);
  }

  @Test
  void testFileIsNamedAfterTheTaskInADirectoryCreatedOnDemand() {
    Path directory = temp.resolve("not/yet/there");
    SpillFile file = SpillFile.create(context(directory), "Hash Aggregate");
    assertThat(file.path()).exists().hasParent(directory);
    assertThat(file.path().getFileName().toString()).startsWith("job-3_stage-1_task-7.2-Hash_Aggregate-")
        .endsWith(".spill");
    assertThat(SpillFile.create(context(directory), "Sort").path()).isNotEqualTo(file.path());
    file.delete();
    file.delete();
    assertThat(file.path()).doesNotExist();
    assertThat(file.sizeInBytes()).isZero();
  }

  @Test
  void testRowsOfChangingClassesWithNullsRoundTripInOrder() {
    List<Object> rows = new ArrayList<>(Arrays.asList(1L, null, 3L, "text", new Point(1, null), new Point(2, "b"),
        null, null, Map.of("k", List.of(1, 2)), new byte[] {1, 2}, 4.5, new BigDecimal("1.50")));
    for (int i = 0; i < 100; i++) {
      rows.add(new Point(i, "p" + i));
    }
    SpillFile file = SpillFile.create(context(temp), "Sort");
    try (SpillWriter writer = file.writer(Object.class)) {
      rows.forEach(writer::write);
      assertThat(writer.finish()).isPositive().isEqualTo(file.sizeInBytes());
      assertThat(writer.rowCount()).isEqualTo(rows.size());
    }
    List<Object> read = new ArrayList<>();
    try (SpillReader reader = file.reader()) {
      reader.forEachRemaining(read::add);
      assertThat(reader.hasNext()).isFalse();
    }
    assertThat(read).hasSameSizeAs(rows);
    assertThat(read.get(9)).isEqualTo(new byte[] {1, 2});
    read.set(9, null);
    rows.set(9, null);
    assertThat(read).containsExactlyElementsOf(rows);
    file.delete();
  }

  @Test
  void testEmptyFileReadsAsNoRows() throws Exception {
    SpillFile file = SpillFile.create(context(temp), "Sort");
    try (SpillWriter writer = file.writer(Point.class)) {
      assertThat(writer.finish()).isZero();
    }
    try (SpillReader reader = file.reader()) {
      assertThat(reader.hasNext()).isFalse();
    }
    assertThat(Files.size(file.path())).isZero();
    file.delete();
    assertThat(temp).isEmptyDirectory();
  }
}
