package dev.sluice.api;

import static dev.sluice.api.KeyedRows.assertSameKeyedResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lineage recovery of lost shuffle output: a listener deletes map output files of the session's
 * work directory as soon as the shuffle-map stage completes (listeners run on the scheduler's actor
 * threads, before the next stage starts). Losing a file once is repaired by running exactly the
 * lost map task again, and the job's answer is exact; losing it on every attempt fails the job with
 * {@link ErrorCode#SHUFFLE_OUTPUT_LOST} after {@code sluice.stage.maxAttempts} recoveries. Either
 * way the session closes without leaked Arrow memory and removes its work directory.
 */
class TestLineageRecovery {
  private static final int ROWS = 16_000;
  private static final int MAP_PARTITIONS = 8;
  private static final int REDUCE_PARTITIONS = 8;

  private static String keyOf(long row) {
    return row % 4 == 0 ? KeyedRows.HOT : row % 101 == 0 ? null : "k" + (row * 31 % 1000);
  }

  private static PairDataset<String, Long> sums(Sluice sluice) {
    return sluice.range(0, ROWS, 1, MAP_PARTITIONS).boxed()
        .mapToPair(row -> Pair.of(keyOf(row), row))
        .reduceByKey(Long::sum, REDUCE_PARTITIONS);
  }

  private static List<Path> filesNamed(Path directory, String suffix) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Pair<String, Long>> expectedSums() {
    Map<String, Long> sums = new HashMap<>();
    for (long row = 0; row < ROWS; row++) {
      sums.merge(keyOf(row), row, Long::sum);
    }
    List<Pair<String, Long>> pairs = new ArrayList<>();
    sums.forEach((key, sum) -> pairs.add(Pair.of(key, sum)));
    return pairs;
  }

  /**
   * Records every event and, when the first stage of the job completes (each time, or only the first
   * time), deletes the data file of map task 0 of its shuffle.
   */
  private static final class DeletingListener implements SchedulerListener {
    /** Every event, in the order published. */
    final List<SchedulerEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** The data files deleted. */
    final List<Path> deleted = Collections.synchronizedList(new ArrayList<>());
    /** The session's work directory, once the session exists. */
    final AtomicReference<Path> workDirectory = new AtomicReference<>();
    /** The map stage: the first stage of the first job with more than one stage. */
    final AtomicInteger mapStage = new AtomicInteger(-1);
    /** Whether to delete on every completion of the map stage, or only the first. */
    private final boolean everyTime;
    private final AtomicBoolean deletedOnce = new AtomicBoolean();

    DeletingListener(boolean everyTime) {
      this.everyTime = everyTime;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
      events.add(event);
      if (event instanceof SchedulerEvent.JobSubmitted submitted && submitted.stageIds().size() > 1) {
        mapStage.compareAndSet(-1, submitted.stageIds().get(0));
      } else if (event instanceof SchedulerEvent.StageCompleted completed && completed.stageId() == mapStage.get()
          && (everyTime || deletedOnce.compareAndSet(false, true))) {
        deleteMapZeroOutput();
      }
    }

    private void deleteMapZeroOutput() {
      try (DirectoryStream<Path> executors = Files.newDirectoryStream(workDirectory.get(), "executor-*")) {
        for (Path executor : executors) {
          try (DirectoryStream<Path> outputs = Files.newDirectoryStream(executor, "shuffle_*_0_*.data")) {
            for (Path output : outputs) {
              Files.delete(output);
              deleted.add(output);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    <E extends SchedulerEvent> List<E> ofType(Class<E> type) {
      synchronized (events) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
      }
    }

    List<SchedulerEvent.StageSubmitted> mapStageSubmissions() {
      return ofType(SchedulerEvent.StageSubmitted.class).stream()
          .filter(submitted -> submitted.stageId() == mapStage.get())
          .collect(Collectors.toList());
    }
  }

  @Test
  void testLostMapOutputIsRecomputedAndTheJobReturnsTheExactAnswer() {
    DeletingListener listener = new DeletingListener(false);
    Path workDirectory;
    List<Pair<String, Long>> actual;
    List<Path> dataFilesLeft;
    try (Sluice sluice = KeyedRows.sessionBuilder("lineage-once").listener(listener).getOrCreate()) {
      workDirectory = sluice.workDirectory();
      listener.workDirectory.set(workDirectory);

      actual = sums(sluice).collect();

      assertThat(sums(sluice).collect()).as("a second job, nothing deleted this time").hasSize(actual.size());
      dataFilesLeft = filesNamed(workDirectory, ".data");
    }

    assertSameKeyedResult(actual, expectedSums());
    assertThat(listener.deleted).hasSize(1);
    String deletedName = listener.deleted.get(0).getFileName().toString();
    List<SchedulerEvent.TaskFailed> failures = listener.ofType(SchedulerEvent.TaskFailed.class);
    assertThat(failures).isNotEmpty().allSatisfy(failure -> {
      assertThat(failure.error()).contains("Cannot read the output of map task 0 of shuffle");
      assertThat(failure.willRetry()).isTrue();
    });
    assertThat(failures).anySatisfy(failure -> assertThat(failure.error()).contains(deletedName));
    assertThat(listener.mapStageSubmissions()).extracting(SchedulerEvent.StageSubmitted::tasks)
        .as("the map stage, then only its lost task again").containsExactly(MAP_PARTITIONS, 1);
    assertThat(listener.ofType(SchedulerEvent.JobSucceeded.class)).hasSize(2);
    assertThat(listener.ofType(SchedulerEvent.JobFailed.class)).isEmpty();
    assertThat(dataFilesLeft).as("shuffle data files left after the jobs").isEmpty();
    assertThat(workDirectory).doesNotExist();
  }

  @Test
  void testOutputLostUnderAShuffleMapStageIsRecomputedBeforeThatStageGoesOn() {
    DeletingListener listener = new DeletingListener(false);
    Path workDirectory;
    List<Pair<Long, Long>> actual;
    try (Sluice sluice = KeyedRows.sessionBuilder("lineage-chained").listener(listener).getOrCreate()) {
      workDirectory = sluice.workDirectory();
      listener.workDirectory.set(workDirectory);

      actual = sums(sluice).asDataset()
          .mapToPair(sum -> Pair.of(sum.value() % 10, 1L))
          .reduceByKey(Long::sum, 4)
          .collect();
    }

    Map<Long, Long> expected = new HashMap<>();
    for (Pair<String, Long> sum : expectedSums()) {
      expected.merge(sum.value() % 10, 1L, Long::sum);
    }
    List<Pair<Long, Long>> expectedPairs = new ArrayList<>();
    expected.forEach((key, count) -> expectedPairs.add(Pair.of(key, count)));
    assertSameKeyedResult(actual, expectedPairs);
    List<SchedulerEvent.JobSubmitted> jobs = listener.ofType(SchedulerEvent.JobSubmitted.class);
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).stageIds()).hasSize(3);
    int secondMapStage = jobs.get(0).stageIds().get(1);
    assertThat(listener.deleted).hasSize(1);
    assertThat(listener.ofType(SchedulerEvent.TaskFailed.class)).isNotEmpty()
        .allSatisfy(failure -> assertThat(failure.key().stageId()).isEqualTo(secondMapStage));
    assertThat(listener.mapStageSubmissions()).extracting(SchedulerEvent.StageSubmitted::tasks)
        .containsExactly(MAP_PARTITIONS, 1);
    assertThat(workDirectory).doesNotExist();
  }

  @Test
  void testMapOutputLostOnEveryAttemptFailsTheJobAfterMaxStageAttempts() {
    DeletingListener listener = new DeletingListener(true);
    Path workDirectory;
    EngineException error;
    try (Sluice sluice = KeyedRows.sessionBuilder("lineage-always").config("sluice.stage.maxAttempts", "2")
        .listener(listener).getOrCreate()) {
      workDirectory = sluice.workDirectory();
      listener.workDirectory.set(workDirectory);

      error = catchThrowableOfType(EngineException.class, () -> sums(sluice).collect());

      assertThat(sluice.range(0, 100, 1, 3).count()).as("the session stays usable").isEqualTo(100);
    }

    assertThat(error).isNotNull();
    assertThat(error.code()).isEqualTo(ErrorCode.SHUFFLE_OUTPUT_LOST);
    List<SchedulerEvent.JobSubmitted> jobs = listener.ofType(SchedulerEvent.JobSubmitted.class);
    int reduceStage = jobs.get(0).stageIds().get(1);
    assertThat(error.getMessage())
        .contains("stage " + reduceStage, "sluice.stage.maxAttempts=2", "Cannot read the output of map task 0");
    List<SchedulerEvent.StageSubmitted> submissions = listener.mapStageSubmissions();
    assertThat(submissions).as("the first run and two recoveries").hasSize(3);
    assertThat(submissions.subList(1, 3)).allSatisfy(submitted -> assertThat(submitted.tasks()).isEqualTo(1));
    assertThat(listener.deleted).hasSize(3);
    assertThat(listener.ofType(SchedulerEvent.JobFailed.class)).hasSize(1);
    assertThat(workDirectory).doesNotExist();
  }
}
