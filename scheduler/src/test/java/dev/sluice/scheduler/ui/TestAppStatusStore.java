package dev.sluice.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.ui.api.DagEdge;
import dev.sluice.scheduler.ui.api.OperatorData;
import dev.sluice.scheduler.ui.api.StageData;
import dev.sluice.scheduler.ui.api.TaskData;
import dev.sluice.scheduler.ui.api.UiUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The status store fed event by event: re-runs, failures, bounds, updates and concurrent use. */
@Timeout(30)
class TestAppStatusStore {
  private long time = 1_000;

  private void feed(AppStatusStore store, SchedulerEvent... events) {
    for (SchedulerEvent event : events) {
      store.onEvent(event, time += 10);
    }
  }

  private static SchedulerEvent.JobSubmitted twoStages(int jobId, int mapStage, int resultStage) {
    return new SchedulerEvent.JobSubmitted(jobId, "job " + jobId, List.of(mapStage, resultStage), List.of(
        new StageInfo(mapStage, "map", List.of(), 2, jobId, List.of("ShuffleWrite")),
        new StageInfo(resultStage, "collect", List.of(mapStage), 1, -1, List.of("Collect"))), List.of());
  }

  private static TaskMetrics wrote(long rows, long bytes) {
    return new TaskMetrics(rows, 1, 1, 0, 0, rows, 0, bytes, 0, "CPU", List.of());
  }

  private static void runTask(AppStatusStore store, long time, TaskKey key, int attempt, TaskMetrics metrics) {
    store.onEvent(new SchedulerEvent.TaskLaunched(key, attempt, "e0", 0, false, true), time);
    store.onEvent(new SchedulerEvent.TaskSucceeded(key, attempt, "e0", metrics), time + 5);
  }

  @Test
  void testRerunOfAStageAddsAttemptsNotTasksAndEdgesUseTheLatestSuccess() {
    AppStatusStore store = new AppStatusStore("app", "app", "local");
    feed(store, new SchedulerEvent.ExecutorRegistered("e0", 1), twoStages(0, 0, 1),
        new SchedulerEvent.StageSubmitted(0, 0, "map", 2));
    runTask(store, time += 10, new TaskKey(0, 0, 0), 0, wrote(10, 100));
    runTask(store, time += 10, new TaskKey(0, 0, 1), 0, wrote(20, 200));
    feed(store, new SchedulerEvent.StageCompleted(0, 0), new SchedulerEvent.StageSubmitted(0, 1, "collect", 1));
    feed(store, new SchedulerEvent.TaskLaunched(new TaskKey(0, 1, 0), 0, "e0", 0, false, true),
        new SchedulerEvent.TaskFailed(new TaskKey(0, 1, 0), 0, "e0", "fetch failed", true));
    // map output 1 was lost: stage 0 runs again for partition 1 alone, writing a little more this time
    feed(store, new SchedulerEvent.StageSubmitted(0, 0, "map", 1));
    assertThat(store.stage(0).orElseThrow().status()).isEqualTo("RUNNING");
    runTask(store, time += 10, new TaskKey(0, 0, 1), 0, wrote(21, 210));
    feed(store, new SchedulerEvent.StageCompleted(0, 0));

    StageData map = store.stage(0).orElseThrow();
    assertThat(map.numTasks()).isEqualTo(2);
    assertThat(map.numCompletedTasks()).isEqualTo(2);
    assertThat(map.status()).isEqualTo("COMPLETE");
    assertThat(map.rowsOut()).isEqualTo(31);
    assertThat(store.tasks(0).orElseThrow()).hasSize(3);
    assertThat(store.dag(0).orElseThrow().edges()).containsExactly(new DagEdge(0, 1, 0, 31, 310));
    assertThat(store.job(0).orElseThrow().numTasks()).isEqualTo(3);
    assertThat(store.job(0).orElseThrow().numCompletedTasks()).isEqualTo(2);
    assertThat(store.job(0).orElseThrow().numFailedTasks()).isEqualTo(1);
    assertThat(store.summary(1).orElseThrow().rowsOut()).isEmpty();
    assertThat(store.summary(1).orElseThrow().quantiles()).hasSize(5);
  }

  @Test
  void testOperatorsKeepTheirDevicesLineForLineAndUnknownDevicesAreNull() {
    AppStatusStore store = new AppStatusStore("app", "app", "local");
    List<OperatorDevice> devices = List.of(OperatorDevice.CPU, OperatorDevice.GPU, OperatorDevice.cpu("user lambda"));
    feed(store, new SchedulerEvent.JobSubmitted(0, "job", List.of(3, 4), List.of(
        new StageInfo(3, "collect", List.of(), 1, -1, List.of("Collect", "FilterProject [a]", "FilterProject [b]"),
            devices),
        new StageInfo(4, "count", List.of(), 1, -1, List.of("Count"))), List.of()),
        new SchedulerEvent.StageSubmitted(0, 3, "collect", 1));
    // the task reports one operator more than the listing has: its device is not known
    runTask(store, time += 10, new TaskKey(0, 3, 0), 0, new TaskMetrics(5, 1, 1, 0, 0, 9, 0, 0, 0, "GPU", 3,
        List.of(new TaskMetrics.OperatorStat("Collect", 5, 1), new TaskMetrics.OperatorStat("FilterProject", 5, 2),
            new TaskMetrics.OperatorStat("FilterProject", 7, 3), new TaskMetrics.OperatorStat("Scan", 9, 4))));

    assertThat(store.stage(3).orElseThrow().devices()).isEqualTo(devices);
    assertThat(store.dag(0).orElseThrow().nodes().get(0).devices()).isEqualTo(devices);
    assertThat(store.stage(4).orElseThrow().devices()).isEmpty();
    assertThat(store.plan(0).orElseThrow().stages().get(0).operators()).containsExactly(
        new OperatorData("Collect", 5, 1, "CPU", ""), new OperatorData("FilterProject [a]", 5, 2, "GPU", ""),
        new OperatorData("FilterProject [b]", 7, 3, "CPU", "user lambda"), new OperatorData("Scan", 9, 4, null, null));
    assertThat(store.plan(0).orElseThrow().stages().get(1).operators())
        .containsExactly(new OperatorData("Count", 0, 0, null, null));
    TaskData task = store.tasks(3).orElseThrow().get(0);
    assertThat(task.device()).isEqualTo("GPU");
    assertThat(task.gpuFallbackBatches()).isEqualTo(3);
  }

  @Test
  void testFailedJobFailsItsRunningStageAndKillsItsRunningTasks() {
    AppStatusStore store = new AppStatusStore("app", "app", "local");
    feed(store, new SchedulerEvent.ExecutorRegistered("e0", 2), twoStages(4, 8, 9),
        new SchedulerEvent.StageSubmitted(4, 8, "map", 2),
        new SchedulerEvent.TaskLaunched(new TaskKey(4, 8, 0), 0, "e0", 0, false, true),
        new SchedulerEvent.TaskLaunched(new TaskKey(4, 8, 1), 0, "e0", 1, false, true),
        new SchedulerEvent.TaskFailed(new TaskKey(4, 8, 0), 0, "e0", "user error", false),
        new SchedulerEvent.StageFailed(4, 8, "user error"),
        new SchedulerEvent.JobFailed(4, "Job 4 failed: user error"));

    assertThat(store.job(4).orElseThrow().status()).isEqualTo("FAILED");
    assertThat(store.job(4).orElseThrow().failureReason()).isEqualTo("Job 4 failed: user error");
    assertThat(store.stage(8).orElseThrow().status()).isEqualTo("FAILED");
    assertThat(store.stage(9).orElseThrow().status()).isEqualTo("PENDING");
    List<TaskData> tasks = store.tasks(8).orElseThrow();
    assertThat(tasks).extracting(TaskData::status).containsExactly("FAILED", "FAILED");
    assertThat(tasks.get(1).error()).isEqualTo("killed: job 4 failed");
    assertThat(store.executors(List.of()).get(0).activeTasks()).isZero();
    assertThat(store.executors(List.of()).get(0).failedTasks()).isEqualTo(2);
  }

  @Test
  void testOldestFinishedJobsAreDroppedBeyondTheBound() {
    AppStatusStore store = new AppStatusStore("app", "app", "local", 2);
    feed(store, twoStages(0, 0, 1)); // stays running
    for (int job = 1; job <= 3; job++) {
      feed(store, twoStages(job, 2 * job, 2 * job + 1), new SchedulerEvent.JobSucceeded(job, 1));
    }
    assertThat(store.jobs()).extracting(job -> job.jobId()).containsExactly(3, 0);
    assertThat(store.stage(2)).isEmpty();
    assertThat(store.stage(6)).isPresent();
    assertThat(store.stage(0)).isPresent();
  }

  @Test
  void testListenersHearUpdatesAndAThrowingOneIsKept() {
    AppStatusStore store = new AppStatusStore("app", "app", "local");
    List<UiUpdate> heard = new CopyOnWriteArrayList<>();
    store.addUpdateListener(update -> {
      throw new IllegalStateException("listener bug");
    });
    store.addUpdateListener(heard::add);
    feed(store, new SchedulerEvent.ApplicationStarted("app", "named", "local[2]", "http://x"), twoStages(0, 0, 1),
        new SchedulerEvent.StageSubmitted(0, 0, "map", 2), new SchedulerEvent.SlotOffered("e0", 0),
        new SchedulerEvent.ExecutorRegistered("e0", 1));
    assertThat(heard).containsExactly(new UiUpdate("app", "application", "app"), new UiUpdate("app", "job", "0"),
        new UiUpdate("app", "stage", "0"), new UiUpdate("app", "executor", "e0"));
    assertThat(store.application().name()).isEqualTo("named");
    assertThat(store.application().completed()).isFalse();
  }

  @Test
  void testConcurrentEventsAndQueriesKeepCountsRight() throws Exception {
    AppStatusStore store = new AppStatusStore("app", "app", "local");
    int threads = 4;
    int perThread = 250;
    List<StageInfo> stages = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      stages.add(new StageInfo(t, "stage " + t, List.of(), perThread, -1, List.of()));
    }
    store.onEvent(new SchedulerEvent.JobSubmitted(0, "wide", List.of(0, 1, 2, 3), stages, List.of()), 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int stage = t;
        writers.add(pool.submit(() -> {
          store.onEvent(new SchedulerEvent.StageSubmitted(0, stage, "stage " + stage, perThread), 2);
          for (int p = 0; p < perThread; p++) {
            runTask(store, 3 + p, new TaskKey(0, stage, p), 0, wrote(1, 1));
          }
        }));
      }
      Future<?> reader = pool.submit(() -> {
        while (writers.stream().anyMatch(writer -> !writer.isDone())) {
          store.jobs();
          store.dag(0);
          store.stages().forEach(stage -> store.tasks(stage.stageId()));
          store.executors(List.of());
        }
      });
      for (Future<?> writer : writers) {
        writer.get();
      }
      reader.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.job(0).orElseThrow().numCompletedTasks()).isEqualTo(threads * perThread);
    assertThat(store.executors(List.of()).get(0).completedTasks()).isEqualTo(threads * perThread);
    assertThat(store.executors(List.of()).get(0).activeTasks()).isZero();
  }
}
