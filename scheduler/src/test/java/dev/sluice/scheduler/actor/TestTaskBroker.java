package dev.sluice.scheduler.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.FifoPlacementPolicy;
import dev.sluice.scheduler.placement.PendingTask;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker with test probes standing in for executors and stage coordinators. */
@Timeout(60)
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
    ActorRef<TaskBroker.Command> broker =
        KIT.spawn(TaskBroker.create(bus, new FifoPlacementPolicy(), new MapOutputRegistry()));
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
    ActorRef<TaskBroker.Command> broker = KIT.spawn(TaskBroker.create(new EventBus(), new FifoPlacementPolicy(),
        new MapOutputRegistry()));
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

  /** An executor agent that forwards what it gets to {@code probe}, and can be stopped. */
  private static Behavior<ExecutorProtocol.Command> forwardingTo(TestProbe<ExecutorProtocol.Command> probe) {
    return Behaviors.receiveMessage(message -> {
      probe.getRef().tell(message);
      return Behaviors.same();
    });
  }

  @Test
  void testLostExecutorFailsItsRunningTasksForgetsItsOutputsAndItsSlots() {
    List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus();
    bus.addListener(events::add);
    MapOutputRegistry registry = new MapOutputRegistry();
    registry.registerShuffle(3, 2);
    registry.register(3, 0, new MapStatus("e0", "/tmp/shuffle_3_0_0.data", new long[] {1}));
    registry.register(3, 1, new MapStatus("e1", "/tmp/shuffle_3_1_0.data", new long[] {1}));
    ActorRef<TaskBroker.Command> broker = KIT.spawn(TaskBroker.create(bus, new FifoPlacementPolicy(), registry));
    TestProbe<ExecutorProtocol.Command> lostProbe = KIT.createTestProbe();
    ActorRef<ExecutorProtocol.Command> lost = KIT.spawn(forwardingTo(lostProbe));
    TestProbe<ExecutorProtocol.Command> survivor = KIT.createTestProbe();
    TestProbe<TaskOutcome> coordinator = KIT.createTestProbe();

    broker.tell(new TaskBroker.RegisterExecutor("e0", 2, lost));
    broker.tell(new TaskBroker.RegisterExecutor("e1", 1, survivor.getRef()));
    broker.tell(new TaskBroker.RequestTask("e0", 0));
    broker.tell(new TaskBroker.RequestTask("e0", 1));
    broker.tell(new TaskBroker.SubmitTasks(List.of(task(5, 0, coordinator))));
    assertThat(lostProbe.expectMessageClass(ExecutorProtocol.LaunchTask.class).slot()).isZero();

    KIT.stop(lost);

    TaskOutcome.Failed failed = coordinator.expectMessageClass(TaskOutcome.Failed.class);
    assertThat(failed.key()).isEqualTo(new TaskKey(5, 0, 0));
    assertThat(failed.executorId()).isEqualTo("e0");
    assertThat(failed.error()).isInstanceOf(EngineException.class).hasMessageContaining("Executor e0");
    assertThat(((EngineException) failed.error()).code()).isEqualTo(ErrorCode.EXECUTOR_LOST);
    assertThat(registry.output(3, 0)).isNull();
    assertThat(registry.output(3, 1)).isNotNull();

    broker.tell(new TaskBroker.RequestTask("e0", 1));
    broker.tell(new TaskBroker.SubmitTasks(List.of(task(5, 1, coordinator))));
    survivor.expectNoMessage(QUIET);
    broker.tell(new TaskBroker.RequestTask("e1", 0));
    assertThat(survivor.expectMessageClass(ExecutorProtocol.LaunchTask.class).task().key().partition()).isEqualTo(1);
    assertThat(events).filteredOn(SchedulerEvent.ExecutorRemoved.class::isInstance)
        .extracting(e -> ((SchedulerEvent.ExecutorRemoved) e).executorId()).containsExactly("e0");
    assertThat(events).filteredOn(SchedulerEvent.TaskLaunched.class::isInstance)
        .extracting(e -> ((SchedulerEvent.TaskLaunched) e).executorId()).containsExactly("e0", "e1");
    coordinator.expectNoMessage(QUIET);
  }

  @Test
  void testTaskThatFinishedBeforeTheLossIsNotFailed() {
    ActorRef<TaskBroker.Command> broker = KIT.spawn(TaskBroker.create(new EventBus(), new FifoPlacementPolicy(),
        new MapOutputRegistry()));
    TestProbe<ExecutorProtocol.Command> probe = KIT.createTestProbe();
    ActorRef<ExecutorProtocol.Command> executor = KIT.spawn(forwardingTo(probe));
    TestProbe<TaskOutcome> coordinator = KIT.createTestProbe();
    broker.tell(new TaskBroker.RegisterExecutor("e0", 1, executor));
    broker.tell(new TaskBroker.RegisterExecutor("e0", 1, executor));
    broker.tell(new TaskBroker.SubmitTasks(List.of(task(9, 0, coordinator))));
    broker.tell(new TaskBroker.RequestTask("e0", 0));
    probe.expectMessageClass(ExecutorProtocol.LaunchTask.class);
    broker.tell(new TaskBroker.RequestTask("e0", 0)); // the task ended: its slot asks again

    KIT.stop(executor);

    coordinator.expectNoMessage(QUIET);
  }
}
