package dev.sluice.scheduler.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.FifoPlacementPolicy;
import dev.sluice.scheduler.placement.PendingTask;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The broker with test probes standing in for executors and stage coordinators. */
class TestTaskBroker {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Duration QUIET = Duration.ofMillis(200);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static PendingTask task(int jobId, int partition, TestProbe<TaskOutcome> coordinator) {
    return new PendingTask(new TaskDescriptor(new TaskKey(jobId, 0, partition), 0, new byte[] {1},
        coordinator.getRef()), Set.of());
  }

  @Test
  void testTasksGoToSlotsThatAskedAndWaitForTheNextAsk() {
    List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus();
    bus.addListener(events::add);
    ActorRef<TaskBroker.Command> broker = KIT.spawn(TaskBroker.create(bus, new FifoPlacementPolicy()));
    TestProbe<ExecutorProtocol.Command> executor = KIT.createTestProbe();
    TestProbe<TaskOutcome> coordinator = KIT.createTestProbe();

    broker.tell(new TaskBroker.RegisterExecutor("e0", 1, executor.getRef()));
    broker.tell(new TaskBroker.RequestTask("e0", 0));
    broker.tell(new TaskBroker.SubmitTasks(List.of(task(1, 0, coordinator), task(1, 1, coordinator))));

    ExecutorProtocol.LaunchTask first = executor.expectMessageClass(ExecutorProtocol.LaunchTask.class);
    assertThat(first.task().key().partition()).isZero();
    executor.expectNoMessage(QUIET);

    broker.tell(new TaskBroker.RequestTask("e0", 0));
    ExecutorProtocol.LaunchTask second = executor.expectMessageClass(ExecutorProtocol.LaunchTask.class);
    assertThat(second.task().key().partition()).isEqualTo(1);
    assertThat(events).filteredOn(SchedulerEvent.TaskQueued.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(SchedulerEvent.TaskLaunched.class::isInstance).hasSize(2);
  }

  @Test
  void testCancelJobDropsItsPendingTasksAndKillsRunningOnes() {
    ActorRef<TaskBroker.Command> broker = KIT.spawn(TaskBroker.create(new EventBus(), new FifoPlacementPolicy()));
    TestProbe<ExecutorProtocol.Command> executor = KIT.createTestProbe();
    TestProbe<TaskOutcome> coordinator = KIT.createTestProbe();
    broker.tell(new TaskBroker.RegisterExecutor("e0", 1, executor.getRef()));
    broker.tell(new TaskBroker.SubmitTasks(List.of(task(7, 0, coordinator), task(8, 0, coordinator))));
    broker.tell(new TaskBroker.CancelJob(7));
    assertThat(executor.expectMessageClass(ExecutorProtocol.KillJobTasks.class).jobId()).isEqualTo(7);

    broker.tell(new TaskBroker.RequestTask("e0", 0));
    assertThat(executor.expectMessageClass(ExecutorProtocol.LaunchTask.class).task().key().jobId()).isEqualTo(8);
    broker.tell(new TaskBroker.RequestTask("e0", 0));
    executor.expectNoMessage(QUIET);
  }
}
