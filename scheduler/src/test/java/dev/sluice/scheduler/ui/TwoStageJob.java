package dev.sluice.scheduler.ui;

import static dev.sluice.scheduler.ui.ScriptedExecutor.script;

import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.PlanText;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.FifoPlacementPolicy;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real two-stage job on a real {@link SchedulerSystem} with two {@link ScriptedExecutor}s
 * (2 slots each), publishing every event on the given bus: stage 0 ({@code map}, 3 partitions)
 * writes shuffle 0, partition {@code p} writing {@code 10 (p + 1)} rows and {@code 100 (p + 1)}
 * bytes; stage 1 ({@code collect}, 2 partitions) reads it. Partition 0 of stage 1 first fails
 * to fetch map output 0, so stage 0 runs a second time for partition 0 (lineage recovery) before
 * the job succeeds. The application's start and end events are published around it. The map
 * stage's scan is on the CPU for {@link #SCAN_REASON}, the result stage's aggregation on the GPU,
 * and its partition 1 reports {@link #GPU_FALLBACK_BATCHES} batches that fell back to the CPU.
 */
final class TwoStageJob {
  static final String APP_ID = "app-test-0001";
  static final int JOB_ID = 0;
  static final int MAP_STAGE = 0;
  static final int RESULT_STAGE = 1;
  static final long MAP_ROWS = 10 + 20 + 30;
  static final long MAP_BYTES = 100 + 200 + 300;
  static final String SCAN_REASON = "type decimal(38,10) not supported";
  static final long GPU_FALLBACK_BATCHES = 2;

  private TwoStageJob() {}

  static void run(EventBus bus) throws Exception {
    run(bus, APP_ID);
  }

  static void run(EventBus bus, String appId) throws Exception {
    bus.publish(new SchedulerEvent.ApplicationStarted(appId, "ui test", "local[4]", "http://127.0.0.1:4040"));
    try (SchedulerSystem scheduler = new SchedulerSystem("ui-test-job", new SchedulerSettings(2, 2), bus,
        new FifoPlacementPolicy())) {
      scheduler.spawn(ScriptedExecutor.create("exec-0", 2, scheduler.broker()), "exec-0");
      scheduler.spawn(ScriptedExecutor.create("exec-1", 2, scheduler.broker()), "exec-1");
      StageSpec map = new StageSpec(MAP_STAGE, "map at Words.java:10", List.of(),
          List.of(script("shuffle=0;rows=10;bytes=100;rowsIn=15"), script("shuffle=0;rows=20;bytes=200;rowsIn=25"),
              script("shuffle=0;rows=30;bytes=300;rowsIn=35")),
          0, List.of("ShuffleWrite(hash(word), 2)", "Scan(words.csv)"),
          List.of(OperatorDevice.CPU, OperatorDevice.cpu(SCAN_REASON)));
      StageSpec collect = new StageSpec(RESULT_STAGE, "collect at Words.java:12", List.of(MAP_STAGE),
          List.of(script("rows=2;rowsIn=25;fetchFail=0;gpu"),
              script("rows=3;rowsIn=35;gpu;gpuFallback=" + GPU_FALLBACK_BATCHES)), -1,
          List.of("HashAggregate(keys=[word])", "ShuffleRead(0)"), List.of(OperatorDevice.GPU, OperatorDevice.CPU));
      JobSpec job = new JobSpec(JOB_ID, "collect at Words.java:12", List.of(map, collect),
          List.of(new PlanText("Logical", "Aggregate\n  Scan"), new PlanText("Physical", "HashAggregate\n  Scan")));
      JobResult result = scheduler.submit(job).get(30, TimeUnit.SECONDS);
      if (result.partitionResults().size() != 2) {
        throw new AssertionError("expected 2 results, got " + result.partitionResults().size());
      }
    }
    bus.publish(new SchedulerEvent.ApplicationEnded(appId));
  }
}
