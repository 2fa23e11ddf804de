package dev.sluice.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console progress line: rendering and estimates as pure functions, then the drawing thread. */
@Timeout(30)
class TestConsoleProgress {
  private static final long NOW = 100_000;

  @Test
  void testNoEstimateBeforeATaskFinished() {
    StageProgress stage = new StageProgress(3, "reduceByKey at X.java:12", 40, 0, 2, NOW - 7_400, -1, 4);
    assertThat(stage.estimateMillis()).isEqualTo(-1);
    assertThat(ConsoleProgress.render(List.of(stage), NOW)).isEqualTo("[Stage 3 (reduceByKey at X.java:12): 0+2/40 | 7s]");
  }

  @Test
  void testEstimateIsRemainingTasksTimesMeanOverRunningTasks() {
    // 28 tasks left × 500 ms ÷ 2 running = 7 s
    StageProgress stage = new StageProgress(3, "reduceByKey at X.java:12", 40, 12, 2, NOW - 7_000, 500, 8);
    assertThat(stage.estimateMillis()).isEqualTo(7_000);
    assertThat(ConsoleProgress.render(List.of(stage), NOW))
        .isEqualTo("[Stage 3 (reduceByKey at X.java:12): 12+2/40 | 7s | ~7s left]");
    // nothing running at this instant: the application's slots are the concurrency; rounded up
    assertThat(new StageProgress(1, "s", 10, 3, 0, NOW, 1_000, 3).estimateMillis()).isEqualTo(2_334);
    assertThat(new StageProgress(1, "s", 10, 3, 0, NOW, 1_000, 0).estimateMillis()).isEqualTo(7_000);
    assertThat(ConsoleProgress.render(List.of(new StageProgress(1, "s", 10, 3, 0, NOW, 1_000, 3)), NOW))
        .endsWith("| ~3s left]");
  }

  @Test
  void testSeveralStagesStandSideBySideAndLongNamesAreCut() {
    StageProgress left = new StageProgress(1, "map at A.java:1", 4, 4, 0, NOW - 65_000, 10, 2);
    StageProgress right = new StageProgress(2, "x".repeat(60), 3, 0, 1, NOW - 3_725_000, -1, 2);
    assertThat(ConsoleProgress.render(List.of(left, right), NOW)).isEqualTo(
        "[Stage 1 (map at A.java:1): 4+0/4 | 1m05s | ~0s left][Stage 2 (" + "x".repeat(37) + "...): 0+1/3 | 1h02m]");
    assertThat(ConsoleProgress.render(List.of(), NOW)).isEmpty();
  }

  @Test
  void testFramesOverwriteAndClearTheLine() {
    assertThat(ConsoleProgress.frame("[Stage 1: 0+1/2 | 0s]", 0)).isEqualTo("\r[Stage 1: 0+1/2 | 0s]");
    assertThat(ConsoleProgress.frame("ab", 5)).isEqualTo("\rab   ");
    assertThat(ConsoleProgress.frame("", 5)).isEqualTo("\r     \r");
    assertThat(ConsoleProgress.frame("", 0)).isEmpty();
  }

  @Test
  void testNothingIsWrittenWhileNoStageRuns() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      progress.onEvent(new SchedulerEvent.ExecutorRegistered("e0", 2), System.currentTimeMillis());
      progress.onEvent(new SchedulerEvent.JobSubmitted(0, "job", List.of(0)), System.currentTimeMillis());
      Thread.sleep(3 * ConsoleProgress.REDRAW_MILLIS);
    }
    assertThat(bytes.size()).isZero();
  }

  @Test
  void testRunningStageIsDrawnAndTheLineClearedWhenItCompletes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      long now = System.currentTimeMillis();
      TaskKey key = new TaskKey(0, 5, 0);
      progress.onEvent(new SchedulerEvent.ExecutorRegistered("e0", 2), now);
      progress.onEvent(new SchedulerEvent.StageSubmitted(0, 5, "count at C.java:9", 2), now);
      progress.onEvent(new SchedulerEvent.TaskLaunched(key, 0, "e0", 0, false, true), now);
      progress.onEvent(new SchedulerEvent.TaskSucceeded(key, 0, "e0", new TaskMetrics(1, 1, 1, 1, 0)), now + 400);
      String drawn = awaitOutput(bytes, "[Stage 5 (count at C.java:9): 1+0/2 | ");
      assertThat(drawn).startsWith("\r").contains("| ~1s left]"); // 1 task × 400 ms ÷ 2 slots, rounded up
      progress.onEvent(new SchedulerEvent.StageCompleted(0, 5), now + 500);
      String cleared = awaitOutput(bytes, "]" + "\r");
      assertThat(cleared).doesNotContain("\n");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r");
  }

  private static String awaitOutput(ByteArrayOutputStream bytes, String expected) throws InterruptedException {
    while (true) {
      String written = bytes.toString(StandardCharsets.UTF_8);
      if (written.replaceAll(" +\r", "\r").contains(expected)) {
        return written;
      }
      Thread.sleep(20);
    }
  }
}
