package dev.sluice.executors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.keyed.Aggregator;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.keyed.PairKey;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.HashAggregateExec;
import dev.sluice.engine.plan.physical.LocalLimitExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.physical.RowPipelineExec;
import dev.sluice.engine.plan.physical.RowStep;
import dev.sluice.engine.plan.physical.UnionExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskMetrics.OperatorStat;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.stage.DefaultStagePlanner;
import dev.sluice.scheduler.stage.StagePlan;
import dev.sluice.scheduler.stage.StageSpec;
import dev.sluice.scheduler.stage.TaskBinaries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics a task reports through {@link TaskRunner}: stages cut and serialized as the driver
 * does ({@link TaskBinaries}), run task by task on a real runner, shuffle outputs registered as
 * the scheduler would. Every task's operator figures line up with its stage's listing.
 */
@Timeout(60)
class TestTaskRunnerMetrics {
  private static final Origin ORIGIN = new Origin("map", "TestTaskRunnerMetrics.java");
  private static final int MAPS = 2;
  private static final int REDUCERS = 3;

  private static ActorTestKit kit;
  private static ActorRef<TaskOutcome> replyTo;

  @TempDir
  Path work;

  private BufferAllocator root;
  private MapOutputRegistry registry;
  private ExecutorEnvironment environment;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
    replyTo = kit.<TaskOutcome>createTestProbe().ref();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
    registry = new MapOutputRegistry();
    environment = new ExecutorEnvironment("executor-1", work, registry);
  }

  @AfterEach
  void tearDown() {
    root.close();
  }

  /** range(0, rowsPerMap * MAPS) in MAPS partitions → (key(x), x) → sum by key over a hash shuffle. */
  private static PhysicalPlan sumByKey(long rowsPerMap, long distinctKeys) {
    List<RangeSplit> splits = new ArrayList<>();
    for (int m = 0; m < MAPS; m++) {
      splits.add(new RangeSplit(m * rowsPerMap, rowsPerMap, 1));
    }
    PhysicalPlan scan = new RangeScanExec(new PlanNodeId(1), splits);
    PhysicalPlan pairs = new RowPipelineExec(new PlanNodeId(2), scan,
        List.of(new RowStep.Map(ORIGIN, x -> new Pair((Long) x % distinctKeys, x))), Pair.class);
    Aggregator sum = new Aggregator(v -> v, (a, v) -> (Long) a + (Long) v, (a, b) -> (Long) a + (Long) b);
    PhysicalPlan partial = new HashAggregateExec(new PlanNodeId(3), pairs, sum, HashAggregateExec.Mode.PARTIAL);
    PhysicalPlan exchange = new ExchangeExec(new PlanNodeId(4), partial,
        new Partitioning.Hash(REDUCERS, PairKey.INSTANCE));
    return new HashAggregateExec(new PlanNodeId(5), exchange, sum, HashAggregateExec.Mode.FINAL);
  }

  private static List<StagePlan> stages(PhysicalPlan plan, TaskSink sink) {
    AtomicInteger stageIds = new AtomicInteger();
    AtomicInteger shuffleIds = new AtomicInteger();
    return new DefaultStagePlanner().plan(plan, sink, "test", stageIds::getAndIncrement,
        shuffleIds::getAndIncrement);
  }

  /** Runs every task of a stage; registers map outputs; returns each task's metrics by partition. */
  private List<TaskMetrics> run(StageSpec stage, TaskRunner runner) {
    if (stage.isShuffleMap()) {
      registry.registerShuffle(stage.shuffleId(), stage.partitions());
    }
    List<TaskMetrics> metrics = new ArrayList<>();
    for (int p = 0; p < stage.partitions(); p++) {
      TaskOutcome outcome = runner.run(new TaskDescriptor(new TaskKey(0, stage.stageId(), p), 0,
          stage.tasks().get(p), replyTo));
      assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
      TaskOutcome.Succeeded succeeded = (TaskOutcome.Succeeded) outcome;
      if (stage.isShuffleMap()) {
        registry.register(stage.shuffleId(), p, succeeded.mapStatus());
        assertThat(succeeded.metrics().shuffleWriteBytes()).isEqualTo(succeeded.mapStatus().totalBytes());
      }
      metrics.add(succeeded.metrics());
    }
    return metrics;
  }

  private TaskRunner runner(long memoryBudgetBytes) {
    return new TaskRunner(root, 256, 4096, memoryBudgetBytes, environment);
  }

  private static List<String> names(TaskMetrics metrics) {
    return metrics.operators().stream().map(OperatorStat::name).toList();
  }

  private static long sum(List<TaskMetrics> tasks, java.util.function.ToLongFunction<TaskMetrics> figure) {
    return tasks.stream().mapToLong(figure).sum();
  }

  /** Each task's operator names are the stage's listing, line by line (each line starts with its name). */
  private static void assertLinesUp(StageSpec stage, List<TaskMetrics> tasks) {
    for (TaskMetrics task : tasks) {
      assertThat(task.operators()).hasSameSizeAs(stage.operators());
      for (int i = 0; i < stage.operators().size(); i++) {
        assertThat(stage.operators().get(i)).startsWith(task.operators().get(i).name());
      }
    }
  }

  @Test
  void testMapAndReduceTasksReportRowsShuffleBytesAndOperatorsInListingOrder() {
    List<StagePlan> plans = stages(sumByKey(1000, 7), new TaskSink.Collect());
    StageSpec map = TaskBinaries.serialize(plans.get(0));
    StageSpec reduce = TaskBinaries.serialize(plans.get(1));
    TaskRunner runner = runner(64L << 20);

    List<TaskMetrics> maps = run(map, runner);
    assertThat(map.operators()).hasSize(4);
    assertThat(map.operators().get(0)).startsWith("ShuffleWrite: shuffle 0 hash(");
    assertThat(map.operators().get(1)).isEqualTo("HashAggregate[partial]");
    assertLinesUp(map, maps);
    for (TaskMetrics task : maps) {
      assertThat(names(task)).containsExactly("ShuffleWrite", "HashAggregate", "RowPipeline", "RangeScan");
      assertThat(task.operators()).extracting(OperatorStat::rowsOut).containsExactly(7L, 7L, 1000L, 1000L);
      assertThat(task.rowsIn()).isEqualTo(1000);
      assertThat(task.rowsOut()).isEqualTo(7);
      assertThat(task.shuffleWriteBytes()).isPositive();
      assertThat(task.shuffleReadBytes()).isZero();
      assertThat(task.spillBytes()).isZero();
      assertThat(task.device()).isEqualTo("CPU");
    }

    List<TaskMetrics> reducers = run(reduce, runner);
    assertLinesUp(reduce, reducers);
    for (TaskMetrics task : reducers) {
      assertThat(names(task)).containsExactly("Collect", "HashAggregate", "ShuffleRead");
      assertThat(task.rowsIn()).isEqualTo(task.operators().get(2).rowsOut());
      assertThat(task.rowsOut()).isEqualTo(task.operators().get(1).rowsOut());
      assertThat(task.shuffleWriteBytes()).isZero();
    }
    assertThat(sum(reducers, TaskMetrics::shuffleReadBytes)).isEqualTo(sum(maps, TaskMetrics::shuffleWriteBytes));
    assertThat(sum(reducers, TaskMetrics::rowsIn)).isEqualTo(sum(maps, TaskMetrics::rowsOut));
    assertThat(sum(reducers, TaskMetrics::rowsOut)).isEqualTo(7);
  }

  @Test
  void testAggregationBeyondATinyMemoryBudgetReportsSpilledBytes() {
    List<StagePlan> plans = stages(sumByKey(3000, Long.MAX_VALUE), new TaskSink.Count());
    TaskRunner runner = runner(16 * 1024);

    List<TaskMetrics> maps = run(TaskBinaries.serialize(plans.get(0)), runner);
    List<TaskMetrics> reducers = run(TaskBinaries.serialize(plans.get(1)), runner);

    assertThat(sum(maps, TaskMetrics::spillBytes)).isPositive();
    assertThat(sum(reducers, TaskMetrics::spillBytes)).isPositive();
    assertThat(sum(reducers, TaskMetrics::rowsOut)).isEqualTo(2 * 3000);
    assertThat(sum(reducers, TaskMetrics::shuffleReadBytes)).isEqualTo(sum(maps, TaskMetrics::shuffleWriteBytes));
  }

  @Test
  void testEveryTaskOfAUnionReportsTheWholeListingWithZerosForTheInputItDoesNotRun() {
    PhysicalPlan plan = new UnionExec(new PlanNodeId(3), List.of(
        new RangeScanExec(new PlanNodeId(1), List.of(new RangeSplit(0, 10, 1), new RangeSplit(10, 10, 1))),
        new RangeScanExec(new PlanNodeId(2), List.of(new RangeSplit(100, 5, 1)))));
    StageSpec stage = TaskBinaries.serialize(stages(plan, new TaskSink.Count()).get(0));
    assertThat(stage.operators()).containsExactly("Count", "RangeScan[2 partitions]", "RangeScan[1 partitions]");

    List<TaskMetrics> tasks = run(stage, runner(64L << 20));

    assertLinesUp(stage, tasks);
    assertThat(tasks).extracting(task -> task.operators().stream().map(OperatorStat::rowsOut).toList())
        .containsExactly(List.of(10L, 10L, 0L), List.of(10L, 10L, 0L), List.of(5L, 0L, 5L));
    assertThat(tasks).extracting(TaskMetrics::rowsIn).containsExactly(10L, 10L, 5L);
  }

  @Test
  void testALimitOverACoalesceReportsBothLimitsApartAndSumsTheCoalescedInputs() {
    // as the planner lays out limit(4): local limits, a coalesce to one partition, a final limit, all of one id
    PhysicalPlan scan = new RangeScanExec(new PlanNodeId(1),
        List.of(new RangeSplit(0, 10, 1), new RangeSplit(10, 10, 1), new RangeSplit(20, 10, 1)));
    PhysicalPlan plan = new LocalLimitExec(new PlanNodeId(5),
        new CoalesceExec(new PlanNodeId(5), new LocalLimitExec(new PlanNodeId(5), scan, 4), 1), 4);
    StageSpec stage = TaskBinaries.serialize(stages(plan, new TaskSink.Collect()).get(0));
    assertThat(stage.operators()).containsExactly("Collect", "LocalLimit[4]", "LocalLimit[4]", "RangeScan[3 partitions]");

    List<TaskMetrics> tasks = run(stage, runner(64L << 20));

    assertLinesUp(stage, tasks);
    List<OperatorStat> stats = tasks.get(0).operators();
    assertThat(stats.get(0).rowsOut()).isEqualTo(4);
    assertThat(stats.get(1).rowsOut()).isEqualTo(4);
    assertThat(stats.get(2).rowsOut()).isBetween(4L, 12L);
    assertThat(stats.get(3).rowsOut()).isEqualTo(tasks.get(0).rowsIn()).isBetween(4L, 30L);
  }
}
