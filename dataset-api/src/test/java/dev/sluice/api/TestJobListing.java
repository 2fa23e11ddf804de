package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.keyed.Pair;
import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.PlanText;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.protocol.TaskMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job tells the session's listeners for the UI: its stages' operator listings and plans in
 * {@code JobSubmitted}, and task metrics whose per-operator figures line up with the listing of
 * their stage and whose shuffle bytes add up between map and reduce tasks, and each listed
 * operator's device (all on the CPU here; why, for the nodes that have a GPU implementation).
 */
@Timeout(120)
class TestJobListing {
  @TempDir
  Path directory;

  private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

  private Sluice session() {
    return Sluice.builder().master("local[2]").appName("TestJobListing").listener(events::add).getOrCreate();
  }

  @Test
  void testDataFrameAggregationListsOperatorsAndPlansThatTaskMetricsLineUpWith() throws Exception {
    for (int f = 0; f < 3; f++) {
      StringBuilder csv = new StringBuilder("k,v\n");
      for (int i = 0; i < 200; i++) {
        csv.append(i % 5).append(',').append(i).append('\n');
      }
      Files.writeString(directory.resolve("part-" + f + ".csv"), csv);
    }
    try (Sluice sluice = session()) {
      DataFrame frame = sluice.read().schema("k BIGINT, v BIGINT").option("header", "true")
          .csv(directory.toString());
      List<Row> rows = frame.filter(functions.col("v").gt(functions.lit(10))).groupBy("k")
          .agg(functions.sum("v")).collectAsList();
      assertThat(rows).hasSize(5);
    }
    SchedulerEvent.JobSubmitted job = onlyJob();
    assertThat(job.plans()).extracting(PlanText::title).containsExactly("Logical", "Optimized", "Physical");
    assertThat(job.plans()).allSatisfy(plan -> assertThat(plan.text()).isNotBlank());
    assertThat(job.plans().get(2).text()).contains("Aggregate(final)").contains("Exchange");
    assertThat(job.stages()).hasSize(2);
    StageInfo map = job.stages().get(0);
    assertThat(map.operators().get(0)).startsWith("ShuffleWrite: shuffle");
    assertThat(map.operators()).anySatisfy(line -> assertThat(line).startsWith("FileScan"));
    assertThat(job.stages().get(1).operators()).first().isEqualTo("Collect");
    // the partial aggregation could go to the GPU: it says why it is on the CPU
    assertThat(map.devices()).anySatisfy(device -> assertThat(device.reason()).isNotEmpty());
    assertTasksLineUp(job);
    assertShuffleBytesAddUp(job);
    List<TaskMetrics> mapTasks = tasks(map.stageId());
    // the filter is pushed into the scan, which produces the 3 * 189 rows with v > 10
    assertThat(mapTasks.stream().mapToLong(TaskMetrics::rowsIn).sum()).isEqualTo(3 * 189);
  }

  @Test
  void testTypedReduceByKeyListsOperatorsAndPlansThatTaskMetricsLineUpWith() {
    List<Pair<Integer, Integer>> input = IntStream.range(0, 1000).mapToObj(i -> new Pair<>(i % 7, i)).toList();
    try (Sluice sluice = session()) {
      List<Pair<Integer, Integer>> sums = sluice.parallelize(input, 4).mapToPair(pair -> pair)
          .reduceByKey(Integer::sum).collect();
      assertThat(sums).hasSize(7);
    }
    SchedulerEvent.JobSubmitted job = onlyJob();
    assertThat(job.plans()).extracting(PlanText::title).containsExactly("Logical", "Physical");
    assertThat(job.plans().get(0).text()).contains("reduceByKey");
    assertThat(job.stages()).hasSize(2);
    assertThat(job.stages().get(0).operators()).anySatisfy(line -> assertThat(line).startsWith("HashAggregate[partial]"));
    assertThat(job.stages().get(1).operators()).startsWith("Collect", "HashAggregate[final]");
    assertThat(job.stages()).allSatisfy(stage -> assertThat(stage.devices()).containsOnly(OperatorDevice.CPU));
    assertTasksLineUp(job);
    assertShuffleBytesAddUp(job);
    assertThat(tasks(job.stages().get(0).stageId()).stream().mapToLong(TaskMetrics::rowsIn).sum()).isEqualTo(1000);
  }

  private SchedulerEvent.JobSubmitted onlyJob() {
    List<SchedulerEvent.JobSubmitted> jobs = new ArrayList<>();
    for (SchedulerEvent event : events) {
      if (event instanceof SchedulerEvent.JobSubmitted job) {
        jobs.add(job);
      }
    }
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<TaskMetrics> tasks(int stageId) {
    List<TaskMetrics> tasks = new ArrayList<>();
    for (SchedulerEvent event : events) {
      if (event instanceof SchedulerEvent.TaskSucceeded task && task.key().stageId() == stageId) {
        tasks.add(task.metrics());
      }
    }
    return tasks;
  }

  /**
   * Every task reports one figure per listed operator, and each line starts with the figure's name;
   * every line has its device, the CPU, and a result stage's sink has no reason.
   */
  private void assertTasksLineUp(SchedulerEvent.JobSubmitted job) {
    for (StageInfo stage : job.stages()) {
      assertThat(stage.devices()).hasSameSizeAs(stage.operators())
          .allSatisfy(device -> assertThat(device.device()).isEqualTo("CPU"));
      if (stage.shuffleId() < 0) {
        // a result stage's sink only runs on the CPU; a hash exchange's shuffle write says why it is not on the GPU
        assertThat(stage.devices().get(0)).isEqualTo(OperatorDevice.CPU);
      }
      List<TaskMetrics> tasks = tasks(stage.stageId());
      assertThat(tasks).hasSize(stage.partitions());
      for (TaskMetrics task : tasks) {
        assertThat(task.operators()).hasSameSizeAs(stage.operators());
        for (int i = 0; i < stage.operators().size(); i++) {
          assertThat(stage.operators().get(i)).startsWith(task.operators().get(i).name());
        }
        assertThat(task.operators().get(0).rowsOut()).isEqualTo(task.rowsOut());
        assertThat(task.device()).isEqualTo("CPU");
      }
    }
  }

  /** What the map stage's tasks wrote is what the result stage's tasks read. */
  private void assertShuffleBytesAddUp(SchedulerEvent.JobSubmitted job) {
    StageInfo map = job.stages().get(0);
    StageInfo reduce = job.stages().get(1);
    assertThat(reduce.parents()).containsExactly(map.stageId());
    long written = tasks(map.stageId()).stream().mapToLong(TaskMetrics::shuffleWriteBytes).sum();
    long read = tasks(reduce.stageId()).stream().mapToLong(TaskMetrics::shuffleReadBytes).sum();
    assertThat(written).isPositive().isEqualTo(read);
    assertThat(tasks(reduce.stageId()).stream().mapToLong(TaskMetrics::shuffleWriteBytes).sum()).isZero();
  }
}
