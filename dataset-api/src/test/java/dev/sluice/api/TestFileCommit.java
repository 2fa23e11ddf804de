package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.source.FileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The commit protocol of {@code df.write()} ({@link FileCommit} with the executors' write sink),
 * driven by typed jobs (a range of numbers, one int64 column {@code value}): each save mode's
 * outcome, the errorIfExists check before any task runs, and atomicity under an injected failure —
 * a job that fails after other tasks wrote their files leaves the target byte for byte as it was
 * and no staging directory behind.
 */
class TestFileCommit {
  private static final AtomicInteger MAPPED = new AtomicInteger();

  @TempDir
  Path parent;

  private static Sluice session(int maxAttempts) {
    return Sluice.builder().master("local[2]").appName("TestFileCommit")
        .config("sluice.task.maxAttempts", String.valueOf(maxAttempts)).getOrCreate();
  }

  /** Writes {@code data} as {@code format} files into {@code target} through FileCommit. */
  private static boolean write(Sluice sluice, LongDataset data, Path target, SaveMode mode, FileFormat format) {
    return FileCommit.write(target.toString(), mode, staging -> sluice.actions().run(data.logicalPlan(),
        new TaskSink.WriteFiles(format, staging, List.of(), Map.of()), new Origin("write", "TestFileCommit")));
  }

  /** Every file under {@code directory} with its content, by relative path. */
  private static Map<String, String> tree(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.toList()) {
        String relative = directory.relativize(path).toString();
        files.put(relative + (Files.isDirectory(path) ? "/" : ""), Files.isDirectory(path) ? "" : Files.readString(path,
            java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  private List<String> parentEntries() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** The numbers in every CSV part file of {@code target}. */
  private static List<Long> csvNumbers(Path target) throws IOException {
    List<Long> numbers = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(target)) {
      for (Path file : paths.filter(path -> path.getFileName().toString().endsWith(".csv")).toList()) {
        Files.readAllLines(file).forEach(line -> numbers.add(Long.parseLong(line)));
      }
    }
    numbers.sort(null);
    return numbers;
  }

  private static List<Long> range(long start, long end) {
    return LongStream.range(start, end).boxed().toList();
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void testNewTargetGetsOneFilePerNonEmptyPartitionAndAMarker() throws IOException {
    Path target = parent.resolve("out");
    try (Sluice sluice = session(1)) {
      assertThat(write(sluice, sluice.range(0, 1000, 1, 4), target, SaveMode.ERROR_IF_EXISTS, FileFormat.CSV))
          .isTrue();
    }
    List<String> names = names(target);
    assertThat(names).hasSize(5).contains("_SUCCESS");
    String id = names.get(1).substring("part-00000-".length(), names.get(1).length() - "-c000.csv".length());
    assertThat(names).containsExactly("_SUCCESS", "part-00000-" + id + "-c000.csv", "part-00001-" + id + "-c000.csv",
        "part-00002-" + id + "-c000.csv", "part-00003-" + id + "-c000.csv");
    assertThat(csvNumbers(target)).isEqualTo(range(0, 1000));
    assertThat(parentEntries()).containsExactly("out");
  }

  @Test
  void testEmptyPartitionsWriteNoFiles() throws IOException {
    Path target = parent.resolve("out");
    try (Sluice sluice = session(1)) {
      write(sluice, sluice.range(0, 2, 1, 5), target, SaveMode.ERROR_IF_EXISTS, FileFormat.CSV);
      write(sluice, sluice.range(0, 0, 1, 3), parent.resolve("empty"), SaveMode.ERROR_IF_EXISTS, FileFormat.CSV);
    }
    assertThat(names(target)).hasSize(3);
    assertThat(csvNumbers(target)).containsExactly(0L, 1L);
    assertThat(names(parent.resolve("empty"))).containsExactly("_SUCCESS");
  }

  @Test
  void testErrorIfExistsRefusesANonEmptyTargetBeforeAnyTaskRuns() throws IOException {
    Path target = Files.createDirectory(parent.resolve("out"));
    Files.writeString(target.resolve("keep.txt"), "old");
    MAPPED.set(0);
    try (Sluice sluice = session(1)) {
      LongDataset data = sluice.range(0, 100, 1, 2).map(x -> {
        MAPPED.incrementAndGet();
        return x;
      });
      assertThatThrownBy(() -> write(sluice, data, target, SaveMode.ERROR_IF_EXISTS, FileFormat.CSV))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("Output path " + target + " already exists and is not empty")
          .hasMessageContaining("mode(\"overwrite\")")
          .extracting(e -> ((EngineException) e).code()).isEqualTo(ErrorCode.OUTPUT_EXISTS);
      // a file in the target's place counts as existing data too
      Path file = Files.writeString(parent.resolve("file"), "x");
      assertThatThrownBy(() -> write(sluice, data, file, SaveMode.ERROR_IF_EXISTS, FileFormat.CSV))
          .extracting(e -> ((EngineException) e).code()).isEqualTo(ErrorCode.OUTPUT_EXISTS);
      // an empty directory is no data
      Path empty = Files.createDirectory(parent.resolve("empty"));
      assertThat(write(sluice, sluice.range(0, 10, 1, 2), empty, SaveMode.ERROR_IF_EXISTS, FileFormat.CSV)).isTrue();
      assertThat(csvNumbers(empty)).isEqualTo(range(0, 10));
    }
    assertThat(MAPPED.get()).as("no task ran").isZero();
    assertThat(tree(target)).isEqualTo(Map.of("/", "", "keep.txt", "old"));
    assertThat(parentEntries()).containsExactly("empty", "file", "out");
  }

  @Test
  void testIgnoreLeavesExistingDataAndRunsNothing() throws IOException {
    Path target = Files.createDirectory(parent.resolve("out"));
    Files.writeString(target.resolve("keep.txt"), "old");
    MAPPED.set(0);
    try (Sluice sluice = session(1)) {
      LongDataset data = sluice.range(0, 100, 1, 2).map(x -> {
        MAPPED.incrementAndGet();
        return x;
      });
      assertThat(write(sluice, data, target, SaveMode.IGNORE, FileFormat.CSV)).isFalse();
      assertThat(MAPPED.get()).isZero();
      assertThat(write(sluice, data, parent.resolve("new"), SaveMode.IGNORE, FileFormat.CSV)).isTrue();
    }
    assertThat(tree(target)).isEqualTo(Map.of("/", "", "keep.txt", "old"));
    assertThat(csvNumbers(parent.resolve("new"))).isEqualTo(range(0, 100));
  }

  @Test
  void testOverwriteReplacesEverythingInTheTarget() throws IOException {
    Path target = Files.createDirectories(parent.resolve("out/year=2020"));
    Files.writeString(target.resolve("old.csv"), "7\n");
    target = parent.resolve("out");
    Files.writeString(target.resolve("part-00000-old.csv"), "8\n");
    try (Sluice sluice = session(1)) {
      assertThat(write(sluice, sluice.range(10, 20, 1, 3), target, SaveMode.OVERWRITE, FileFormat.CSV)).isTrue();
      assertThat(csvNumbers(target)).isEqualTo(range(10, 20));
      assertThat(names(target)).hasSize(4).contains("_SUCCESS").doesNotContain("year=2020", "part-00000-old.csv");
      // a file in the target's place is replaced too
      Path file = Files.writeString(parent.resolve("file"), "x");
      write(sluice, sluice.range(0, 3, 1, 1), file, SaveMode.OVERWRITE, FileFormat.CSV);
      assertThat(csvNumbers(file)).isEqualTo(range(0, 3));
    }
    assertThat(parentEntries()).containsExactly("file", "out");
  }

  @Test
  void testAppendAddsUniquelyNamedFiles() throws IOException {
    Path target = parent.resolve("out");
    try (Sluice sluice = session(1)) {
      write(sluice, sluice.range(0, 50, 1, 2), target, SaveMode.APPEND, FileFormat.CSV);
      write(sluice, sluice.range(50, 120, 1, 2), target, SaveMode.APPEND, FileFormat.CSV);
      write(sluice, sluice.range(120, 130, 1, 2), target, SaveMode.APPEND, FileFormat.CSV);
    }
    assertThat(names(target)).hasSize(7).contains("_SUCCESS");
    assertThat(csvNumbers(target)).isEqualTo(range(0, 130));
    assertThat(parentEntries()).containsExactly("out");
  }

  @Test
  void testParquetThroughTheWholeTaskPath() throws Exception {
    Path target = parent.resolve("out");
    try (Sluice sluice = session(1)) {
      write(sluice, sluice.range(0, 100_000, 1, 3).map(x -> x * 3), target, SaveMode.ERROR_IF_EXISTS,
          FileFormat.PARQUET);
    }
    assertThat(names(target)).hasSize(4).contains("_SUCCESS");
    List<Long> values = new ArrayList<>();
    try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
      for (List<Object> row : ParquetFiles.read(target.toUri().toString(), allocator)) {
        values.add((Long) row.get(0));
      }
    }
    values.sort(null);
    assertThat(values).isEqualTo(LongStream.range(0, 100_000).map(x -> x * 3).boxed().toList());
  }

  /**
   * A map that fails at {@code failAt}, but only after files of other tasks are in the staging
   * directory (it waits for them), so the failure really comes after some tasks wrote.
   */
  private static LongDataset failingAfterOthersWrote(Sluice sluice, String parentDirectory, long failAt) {
    return sluice.range(0, 4000, 1, 4).map(x -> {
      if (x == failAt) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && !stagedFiles(parentDirectory)) {
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        throw new IllegalStateException("injected failure at " + x);
      }
      return x;
    });
  }

  private static boolean stagedFiles(String parentDirectory) {
    try (Stream<Path> paths = Files.walk(Path.of(parentDirectory))) {
      return paths.anyMatch(path -> path.toString().contains("-staging-")
          && path.getFileName().toString().startsWith("part-"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(SaveMode.class)
  void testFailedJobLeavesTheTargetAsItWasAndNoStaging(SaveMode mode) throws IOException {
    Path target = parent.resolve("out");
    if (mode != SaveMode.ERROR_IF_EXISTS) {
      Files.createDirectories(target.resolve("day=1"));
      Files.writeString(target.resolve("day=1/part-00000-previous-c000.csv"), "1\n2\n");
      Files.writeString(target.resolve("_SUCCESS"), "");
    }
    if (mode == SaveMode.IGNORE) {
      Files.delete(target.resolve("day=1/part-00000-previous-c000.csv"));
      Files.delete(target.resolve("day=1"));
      Files.delete(target.resolve("_SUCCESS"));
    }
    Map<String, String> before = Files.exists(target) ? tree(target) : null;
    for (FileFormat format : List.of(FileFormat.CSV, FileFormat.PARQUET)) {
      try (Sluice sluice = session(2)) {
        LongDataset data = failingAfterOthersWrote(sluice, parent.toString(), 3999);
        assertThatThrownBy(() -> write(sluice, data, target, mode, format))
            .isInstanceOf(EngineException.class)
            .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.TASK_FAILED))
            .hasRootCauseMessage("injected failure at 3999");
      }
      if (before == null) {
        assertThat(target).doesNotExist();
        assertThat(parentEntries()).isEmpty();
      } else {
        assertThat(tree(target)).isEqualTo(before);
        assertThat(parentEntries()).containsExactly("out");
      }
    }
  }

  @Test
  void testSaveModeNamesAsSpark() {
    assertThat(SaveMode.parse("errorIfExists")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.parse("ERROR")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.parse("default")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.parse("Overwrite")).isEqualTo(SaveMode.OVERWRITE);
    assertThat(SaveMode.parse("append")).isEqualTo(SaveMode.APPEND);
    assertThat(SaveMode.parse("ignore")).isEqualTo(SaveMode.IGNORE);
    assertThatThrownBy(() -> SaveMode.parse("replace"))
        .isInstanceOf(EngineException.class)
        .hasMessage("Unknown save mode 'replace'; accepted save modes are 'overwrite', 'append', 'ignore', 'error', "
            + "'errorifexists', 'default'")
        .extracting(e -> ((EngineException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
