package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.SchedulerEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Executors pull tasks, so a slot that is busy with a long task takes no more work while the other
 * slots drain the queue. Everything is asserted from the scheduler's own events, not from clocks.
 */
class TestLoadBalancing {
  private static final int PARTITIONS = 16;
  private static final CountDownLatch OTHERS_DONE = new CountDownLatch(PARTITIONS - 1);

  @Test
  void testSlowTaskHoldsOneSlotWhileOtherExecutorsPullTheRest() {
    List<SchedulerEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (Sluice sluice = Sluice.builder().master("local[4]").appName("load-balancing")
        .listener(events::add).getOrCreate()) {
      List<Long> result = sluice.range(0, PARTITIONS, 1, PARTITIONS)
          .boxed()
          .mapPartitions(TestLoadBalancing::unequalWork, Long.class)
          .collect();
      assertThat(result).hasSize(PARTITIONS);
    }

    List<SchedulerEvent> snapshot;
    synchronized (events) {
      snapshot = new ArrayList<>(events);
    }
    Map<String, Integer> launchedPerExecutor = new HashMap<>();
    String slowExecutor = null;
    for (SchedulerEvent event : snapshot) {
      if (event instanceof SchedulerEvent.TaskLaunched launched) {
        launchedPerExecutor.merge(launched.executorId(), 1, Integer::sum);
        if (launched.key().partition() == 0) {
          slowExecutor = launched.executorId();
        }
      }
    }
    assertThat(launchedPerExecutor.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PARTITIONS);
    // on a loaded machine an executor may register after the others drained the quick tasks: at
    // least the slow partition's executor and one other pulled work, never more than the four
    assertThat(launchedPerExecutor).hasSizeBetween(2, 4);
    assertThat(launchedPerExecutor.get(slowExecutor))
        .as("the executor busy with the slow partition pulled nothing else")
        .isEqualTo(1);
    assertThat(launchedPerExecutor.values().stream().distinct().count())
        .as("executors pulled different numbers of tasks: %s", launchedPerExecutor)
        .isGreaterThan(1);
    assertNoSlotIdleWhileTasksPending(snapshot);
  }

  /** Partition 0 waits until every other partition has finished; the others return at once. */
  private static Iterator<Long> unequalWork(Iterator<Long> partition) throws InterruptedException {
    List<Long> rows = new ArrayList<>();
    partition.forEachRemaining(rows::add);
    if (rows.contains(0L)) {
      assertThat(OTHERS_DONE.await(60, TimeUnit.SECONDS)).as("the other partitions finished").isTrue();
    } else {
      OTHERS_DONE.countDown();
    }
    return rows.iterator();
  }

  /** Replays the broker's events and checks that no slot was idle while a task was pending. */
  private static void assertNoSlotIdleWhileTasksPending(List<SchedulerEvent> events) {
    int idleSlots = 0;
    int pendingTasks = 0;
    int checked = 0;
    for (SchedulerEvent event : events) {
      if (event instanceof SchedulerEvent.SlotOffered) {
        idleSlots++;
      } else if (event instanceof SchedulerEvent.TaskQueued) {
        pendingTasks++;
      } else if (event instanceof SchedulerEvent.TaskLaunched launched) {
        if (launched.slotWasIdle()) {
          idleSlots--;
        }
        if (launched.wasQueued()) {
          pendingTasks--;
        }
      } else {
        continue;
      }
      checked++;
      assertThat(idleSlots).as("idle slots after %s", event).isGreaterThanOrEqualTo(0);
      assertThat(pendingTasks).as("pending tasks after %s", event).isGreaterThanOrEqualTo(0);
      assertThat(idleSlots > 0 && pendingTasks > 0)
          .as("a slot idled while %d tasks were pending, after %s", pendingTasks, event)
          .isFalse();
    }
    assertThat(checked).isGreaterThan(PARTITIONS);
    assertThat(pendingTasks).isZero();
    assertThat(idleSlots).as("every slot asks again once the job is done").isEqualTo(4);
  }
}
