package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The life of a {@link Sluice} session: master and setting validation, {@code getOrCreate}
 * returning the active session, closing (twice, and with failed jobs behind it, without leaking
 * Arrow memory), and {@code explain()}. Every test opens and closes its own sessions.
 */
class TestSessionLifecycle {
  @TempDir
  Path directory;

  private static Sluice.Builder builder(String master) {
    return Sluice.builder().master(master).appName("TestSessionLifecycle");
  }

  @Test
  void testLocalMasterHasOneSlot() {
    try (Sluice sluice = builder("local").getOrCreate()) {
      assertThat(sluice.master().slots()).isEqualTo(1);
      assertThat(sluice.defaultParallelism()).isEqualTo(1);
      assertThat(sluice.range(0, 100).getNumPartitions()).isEqualTo(1);
      assertThat(sluice.range(0, 100).sum()).isEqualTo(4950);
    }
  }

  @Test
  void testLocalWithACountHasThatManySlots() {
    try (Sluice sluice = builder("local[3]").getOrCreate()) {
      assertThat(sluice.master().slots()).isEqualTo(3);
      assertThat(sluice.defaultParallelism()).isEqualTo(3);
      assertThat(sluice.parallelize(List.of(1, 2, 3, 4)).getNumPartitions()).isEqualTo(3);
      assertThat(sluice.parallelize(List.of(1, 2, 3, 4)).map(x -> x * 2).collect()).containsExactly(2, 4, 6, 8);
    }
  }

  @Test
  void testLocalStarHasOneSlotPerProcessor() {
    try (Sluice sluice = builder("local[*]").getOrCreate()) {
      assertThat(sluice.master().slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(sluice.range(0, 1000).count()).isEqualTo(1000);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local[0]", "yarn", "local[x]", "local[-1]", "local[]", "local[2", "spark://host:7077",
      "", "LOCAL[2]x", "local[99999999999]"})
  void testBadMastersFailNamingTheSettingAndValue(String master) {
    assertThatThrownBy(() -> builder(master).getOrCreate())
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
        .hasMessageContaining("sluice.master")
        .hasMessageContaining("'" + master + "'");

    try (Sluice sluice = builder("local[2]").getOrCreate()) {
      assertThat(sluice.master().slots()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "abc", "", "1.5", "99999999999"})
  void testBadMaxAttemptsFailsNamingTheSetting(String value) {
    assertThatThrownBy(() -> builder("local[2]").config("sluice.task.maxAttempts", value).getOrCreate())
        .isInstanceOfSatisfying(EngineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
        .hasMessageContaining("sluice.task.maxAttempts")
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void testGetOrCreateReturnsTheActiveSessionUntilItIsClosed() {
    Sluice first = builder("local[2]").getOrCreate();
    Sluice second;
    try {
      second = Sluice.builder().appName("another name").config("sluice.task.maxAttempts", "1").getOrCreate();

      assertThat(second).isSameAs(first);
      assertThat(second.appName()).isEqualTo("TestSessionLifecycle");
    } finally {
      first.close();
    }
    try (Sluice third = builder("local[2]").getOrCreate()) {
      assertThat(third).isNotSameAs(first);
      assertThat(third.isClosed()).isFalse();
      assertThat(third.range(0, 10).count()).isEqualTo(10);
    }
  }

  @Test
  void testActionsAfterCloseFailAndClosingTwiceIsFine() throws IOException {
    Sluice sluice = builder("local[2]").getOrCreate();
    Dataset<Integer> numbers = sluice.parallelize(List.of(1, 2, 3), 2);
    LongDataset range = sluice.range(0, 10);
    Path target = directory.resolve("out");

    sluice.close();

    assertThat(sluice.isClosed()).isTrue();
    assertClosed(numbers::collect);
    assertClosed(numbers::count);
    assertClosed(() -> numbers.reduce(Integer::sum));
    assertClosed(() -> numbers.fold(0, Integer::sum));
    assertClosed(() -> numbers.take(1));
    assertClosed(numbers::first);
    assertClosed(() -> numbers.foreach(x -> { }));
    assertClosed(range::sum);
    assertClosed(range::collect);
    assertClosed(range::max);
    assertClosed(() -> numbers.saveAsTextFile(target.toString()));
    try (Stream<Path> leftovers = Files.list(directory)) {
      assertThat(leftovers).isEmpty();
    }
    assertThatCode(sluice::close).doesNotThrowAnyException();
    assertThat(sluice.isClosed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void testTheSessionClosesWithoutLeaksAfterJobsFailedWhileOtherTasksRan(int maxAttempts) {
    try (Sluice sluice = builder("local[2]").config("sluice.task.maxAttempts", String.valueOf(maxAttempts))
        .getOrCreate()) {
      for (int round = 0; round < 15; round++) {
        int poison = 10 + round;
        List<Integer> rows = IntStream.range(0, 300).boxed().toList();

        assertFails(() -> sluice.parallelize(rows, 300).map(x -> 100 / (x - poison)).count());
        assertFails(() -> sluice.parallelize(rows, 300).filter(x -> 100 / (x - poison) > 0).collect());
        assertFails(() -> sluice.parallelize(rows, 300).mapToLong(x -> 100 / (x - poison)).sum());
        assertFails(() -> sluice.range(0, 300, 1, 300).map(x -> 100 / (x - poison)).sum());
        assertFails(() -> sluice.range(0, 300, 1, 300).mapToObj(x -> 100 / (x - poison)).count());
        assertFails(() -> sluice.range(0, 300, 1, 300).boxed().mapPartitions(it -> {
          while (it.hasNext()) {
            long ignored = 100 / (it.next() - poison);
          }
          return it;
        }).count());
      }
      assertThat(sluice.range(0, 300, 1, 300).sum()).isEqualTo(299 * 300 / 2);
    }
  }

  @Test
  void testExplainShowsTheLogicalAndPhysicalPlansAndTheStages() {
    try (Sluice sluice = builder("local[2]").getOrCreate()) {
      Dataset<String> dataset = sluice.parallelize(List.of(1, 2, 3, 4), 3)
          .map(x -> x + 1)
          .filter(x -> x > 2)
          .union(sluice.parallelize(List.of(9), 1))
          .map(x -> "n" + x)
          .limit(2);
      LongDataset range = sluice.range(0, 100, 1, 4).map(x -> x * 2).filter(x -> x > 10);

      String explained = dataset.explainString();
      String explainedRange = range.explainString();

      assertThat(explained).contains("== Logical Plan ==", "== Physical Plan ==", "== Stages ==");
      assertThat(explained.indexOf("== Logical Plan ==")).isLessThan(explained.indexOf("== Physical Plan =="));
      assertThat(explained.indexOf("== Physical Plan ==")).isLessThan(explained.indexOf("== Stages =="));
      assertThat(explained).contains("Limit[2]", "Map[", "Filter[", "Union[2 inputs]", "Values(3 partitions, 4 rows",
          "LocalLimit[2]", "Coalesce[4 -> 1 partitions]", "RowPipeline[map", "ValuesScan[3 partitions]",
          "TestSessionLifecycle.java");
      assertThat(explainedRange).contains("== Logical Plan ==", "== Physical Plan ==", "== Stages ==",
          "Range(start=0, end=100, step=1, partitions=4)", "LongMap[", "LongFilter[", "RangeScan[4 partitions]",
          "LongPipeline[map", "4 tasks");
    }
  }

  @Test
  void testExplainPrintsWhatExplainStringReturns() {
    try (Sluice sluice = builder("local[2]").getOrCreate()) {
      Dataset<Integer> dataset = sluice.parallelize(List.of(1, 2), 2).map(x -> x * 2);
      PrintStream original = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      try {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        dataset.explain();
      } finally {
        System.setOut(original);
      }

      assertThat(captured.toString(StandardCharsets.UTF_8)).contains(dataset.explainString())
          .contains("== Stages ==");
    }
  }

  private static void assertClosed(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
    assertThatThrownBy(action)
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("closed");
  }

  private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
    assertThatThrownBy(action)
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
        .hasRootCauseInstanceOf(ArithmeticException.class);
  }
}
