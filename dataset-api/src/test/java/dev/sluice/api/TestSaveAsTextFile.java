package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Dataset#saveAsTextFile}: what is written equals the input, part file by part file, and
 * reads back through {@link Sluice#textFile}; the commit is all or nothing: an existing target is
 * refused before any task runs, and a failed job leaves neither the target nor a temporary
 * directory behind. Each test has its own session, some with {@code sluice.task.maxAttempts=1}.
 */
class TestSaveAsTextFile {
  private static final AtomicInteger CALLS = new AtomicInteger();

  @TempDir
  Path parent;

  private static Sluice session(int maxAttempts) {
    return Sluice.builder()
        .master("local[2]")
        .appName("TestSaveAsTextFile")
        .config("sluice.task.maxAttempts", String.valueOf(maxAttempts))
        .getOrCreate();
  }

  static Stream<Arguments> seedsAndPartitions() {
    List<Arguments> cases = new ArrayList<>();
    for (long seed : new long[] {5, 55}) {
      for (int partitions : new int[] {1, 3, 200}) {
        cases.add(Arguments.of(seed, partitions));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("seedsAndPartitions")
  void testRoundTripWritesOnePartFilePerPartitionAndReadsBackTheInput(long seed, int partitions) throws IOException {
    List<String> input = SampleRows.strings(seed, seed == 5 ? 5000 : 150, 0.05);
    List<String> lines = input.stream().map(String::valueOf).collect(Collectors.toList());
    Path target = parent.resolve("out");

    try (Sluice sluice = session(4)) {
      sluice.parallelize(input, partitions).saveAsTextFile(target.toString());

      Set<String> expectedFiles = new TreeSet<>();
      expectedFiles.add("_SUCCESS");
      IntStream.range(0, partitions).forEach(p -> expectedFiles.add(String.format("part-%05d", p)));
      assertThat(names(target)).containsExactlyElementsOf(expectedFiles);
      assertThat(names(parent)).containsExactly("out");
      List<List<String>> slices = SampleRows.slices(lines, partitions);
      for (int p = 0; p < partitions; p++) {
        assertThat(Files.readAllLines(target.resolve(String.format("part-%05d", p)), StandardCharsets.UTF_8))
            .as("part %d", p).containsExactlyElementsOf(slices.get(p));
      }
      assertThat(sluice.textFile(target.toString()).collect()).containsExactlyElementsOf(lines);
      assertThat(sluice.textFile(target.toString(), 7).collect()).containsExactlyInAnyOrderElementsOf(lines);
    }
  }

  @Test
  void testEmptyDatasetWritesEmptyPartsAndTheMarker() throws IOException {
    Path target = parent.resolve("empty");

    try (Sluice sluice = session(4)) {
      sluice.parallelize(List.<String>of(), 3).saveAsTextFile(target.toString());

      assertThat(names(target)).containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");
      assertThat(Files.size(target.resolve("part-00001"))).isZero();
      assertThat(sluice.textFile(target.toString()).collect()).isEmpty();
    }
  }

  @Test
  void testRowsAreWrittenAsStringValueOfIncludingLongsRecordsAndNulls() throws IOException {
    Path longs = parent.resolve("longs");
    Path words = parent.resolve("words");
    List<SampleRows.Word> input = List.of(new SampleRows.Word("a", 1), new SampleRows.Word("bé", 2));

    try (Sluice sluice = session(4)) {
      sluice.range(-5, 1000, 3, 4).saveAsTextFile(longs.toString());
      sluice.parallelize(input, 2).map(w -> w.length() == 2 ? null : w).saveAsTextFile(words.toString());

      assertThat(sluice.textFile(longs.toString()).mapToLong(Long::parseLong).collect())
          .containsExactly(LongStream.iterate(-5, x -> x < 1000, x -> x + 3).toArray());
      assertThat(Files.readString(words.resolve("part-00000"))).isEqualTo("Word[text=a, length=1]\n");
      assertThat(Files.readString(words.resolve("part-00001"))).isEqualTo("null\n");
    }
  }

  @Test
  void testAnExistingTargetFailsWithOutputExistsBeforeAnyTaskRuns() throws IOException {
    Path existingDir = Files.createDirectory(parent.resolve("existing"));
    Files.writeString(existingDir.resolve("keep.txt"), "precious\n");
    Path existingFile = Files.writeString(parent.resolve("file.txt"), "also precious\n");
    ConcurrentLinkedQueue<SchedulerEvent> jobs = new ConcurrentLinkedQueue<>();
    CALLS.set(0);

    try (Sluice sluice = session(4)) {
      sluice.addListener(event -> {
        if (event instanceof SchedulerEvent.JobSubmitted) {
          jobs.add(event);
        }
      });
      Dataset<Integer> counted = sluice.parallelize(List.of(1, 2, 3), 2).map(x -> {
        CALLS.incrementAndGet();
        return x;
      });

      for (Path target : List.of(existingDir, existingFile)) {
        assertThatThrownBy(() -> counted.saveAsTextFile(target.toString()))
            .isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_EXISTS))
            .hasMessageContaining(target.toString());
      }

      assertThat(CALLS.get()).isZero();
      assertThat(jobs).isEmpty();
    }
    assertThat(names(parent)).containsExactly("existing", "file.txt");
    assertThat(names(existingDir)).containsExactly("keep.txt");
    assertThat(Files.readString(existingDir.resolve("keep.txt"))).isEqualTo("precious\n");
    assertThat(Files.readString(existingFile)).isEqualTo("also precious\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200})
  void testAJobThatFailsAfterItsOnlyAttemptLeavesNothingBehind(int partitions) throws IOException {
    Files.writeString(parent.resolve("unrelated.txt"), "stays\n");
    int rows = 20_000;

    try (Sluice sluice = session(1)) {
      for (int failing : new int[] {0, rows / 2, rows - 1}) {
        Path target = parent.resolve("out-" + failing);
        Dataset<Integer> failingAt = sluice.parallelize(IntStream.range(0, rows).boxed().toList(), partitions)
            .map(x -> {
              if (x == failing) {
                throw new IllegalStateException("row " + x + " is poison");
              }
              return x;
            });

        assertThatThrownBy(() -> failingAt.saveAsTextFile(target.toString()))
            .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
            .hasRootCauseInstanceOf(IllegalStateException.class)
            .hasRootCauseMessage("row " + failing + " is poison");
        assertThat(target).doesNotExist();
        assertThat(names(parent)).as("after failing at row %d", failing).containsExactly("unrelated.txt");
      }
      sluice.parallelize(List.of("works"), partitions).saveAsTextFile(parent.resolve("after").toString());
      assertThat(sluice.textFile(parent.resolve("after").toString()).collect()).containsExactly("works");
    }
  }

  @Test
  void testFailedJobsLeaveNothingBehindWhileTheirOtherTasksAreStillWriting() throws IOException {
    // one row per partition: when one task fails, the other slot is busy creating part files, so the
    // clean-up of the temporary directory races with tasks that have not noticed the failure yet
    List<Integer> rows = IntStream.range(0, 1000).boxed().toList();

    try (Sluice sluice = session(1)) {
      for (int round = 0; round < 40; round++) {
        int poison = 20 + round;
        Path target = parent.resolve("out-" + round);

        assertThatThrownBy(() -> sluice.parallelize(rows, rows.size()).map(x -> 1000 / (x - poison))
            .saveAsTextFile(target.toString()))
            .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED));
        assertThat(names(parent)).as("round %d", round).isEmpty();
      }
    }
  }

  @Test
  void testAJobThatFailsOnEveryRetryLeavesNothingBehind() throws IOException {
    Path target = parent.resolve("retried");

    try (Sluice sluice = session(3)) {
      Dataset<Integer> failing = sluice.parallelize(IntStream.range(0, 1000).boxed().toList(), 5).map(x -> {
        if (x == 999) {
          throw new ArithmeticException("always");
        }
        return x;
      });

      assertThatThrownBy(() -> failing.saveAsTextFile(target.toString()))
          .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
          .hasMessageContaining("3 times")
          .hasRootCauseInstanceOf(ArithmeticException.class);
    }
    assertThat(names(parent)).isEmpty();
  }

  /** The names in {@code dir}, hidden ones included, sorted. */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
