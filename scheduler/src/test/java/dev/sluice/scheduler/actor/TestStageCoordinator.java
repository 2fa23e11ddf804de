package dev.sluice.scheduler.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The stage coordinator with probes as broker and job: retries, then reports once. */
class TestStageCoordinator {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final TaskMetrics METRICS = new TaskMetrics(1, 1, 0, 1, 0);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void testFailedPartitionIsResubmittedAvoidingItsExecutorThenStageSucceeds() {
    TestProbe<TaskBroker.Command> broker = KIT.createTestProbe();
    TestProbe<JobCoordinator.Command> job = KIT.createTestProbe();
    StageSpec stage = new StageSpec(3, "count at Test.java:1", List.of(), List.of(new byte[] {0}, new byte[] {1}), -1);
    KIT.spawn(StageCoordinator.create(9, stage, List.of(0, 1), broker.getRef(), job.getRef(), 2, new EventBus(),
        new MapOutputRegistry()));

    TaskBroker.SubmitTasks initial = broker.expectMessageClass(TaskBroker.SubmitTasks.class);
    assertThat(initial.tasks()).hasSize(2);
    var p0 = initial.tasks().get(0).task();
    var p1 = initial.tasks().get(1).task();
    p0.replyTo().tell(new TaskOutcome.Failed(p0.key(), 0, "e1", new IllegalStateException("boom")));

    TaskBroker.SubmitTasks retry = broker.expectMessageClass(TaskBroker.SubmitTasks.class);
    assertThat(retry.tasks()).hasSize(1);
    assertThat(retry.tasks().get(0).task().attempt()).isEqualTo(1);
    assertThat(retry.tasks().get(0).failedOn()).containsExactly("e1");

    p1.replyTo().tell(new TaskOutcome.Succeeded(p1.key(), 0, "e2", new byte[] {11}, METRICS, null));
    retry.tasks().get(0).task().replyTo().tell(new TaskOutcome.Succeeded(p0.key(), 1, "e2", new byte[] {10}, METRICS, null));
    JobCoordinator.StageSucceeded done = job.expectMessageClass(JobCoordinator.StageSucceeded.class);
    assertThat(done.stageId()).isEqualTo(3);
    assertThat(done.results()).containsExactly(new byte[] {10}, new byte[] {11});
  }

  @Test
  void testPartitionFailingEveryAttemptFailsTheStageWithTheLastError() {
    TestProbe<TaskBroker.Command> broker = KIT.createTestProbe();
    TestProbe<JobCoordinator.Command> job = KIT.createTestProbe();
    StageSpec stage = new StageSpec(4, "collect at Test.java:2", List.of(), List.of(new byte[] {0}), -1);
    KIT.spawn(StageCoordinator.create(10, stage, List.of(0), broker.getRef(), job.getRef(), 2, new EventBus(),
        new MapOutputRegistry()));

    var first = broker.expectMessageClass(TaskBroker.SubmitTasks.class).tasks().get(0).task();
    first.replyTo().tell(new TaskOutcome.Failed(first.key(), 0, "e1", new IllegalStateException("one")));
    var second = broker.expectMessageClass(TaskBroker.SubmitTasks.class).tasks().get(0).task();
    IllegalArgumentException last = new IllegalArgumentException("two");
    second.replyTo().tell(new TaskOutcome.Failed(second.key(), 1, "e2", last));

    JobCoordinator.StageFailed failed = job.expectMessageClass(JobCoordinator.StageFailed.class);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.executors()).containsExactly("e1", "e2");
    assertThat(failed.cause()).isSameAs(last);
    broker.expectNoMessage(java.time.Duration.ofMillis(200));
  }

  @Test
  void testMapTaskOutputIsRegisteredAndFetchFailureParksThePartitionUntilResumed() {
    TestProbe<TaskBroker.Command> broker = KIT.createTestProbe();
    TestProbe<JobCoordinator.Command> job = KIT.createTestProbe();
    MapOutputRegistry registry = new MapOutputRegistry();
    registry.registerShuffle(5, 1);
    StageSpec map = new StageSpec(6, "shuffle 5", List.of(), List.of(new byte[] {0}), 5);
    KIT.spawn(StageCoordinator.create(11, map, List.of(0), broker.getRef(), job.getRef(), 2, new EventBus(), registry));
    var mapTask = broker.expectMessageClass(TaskBroker.SubmitTasks.class).tasks().get(0).task();
    MapStatus status = new MapStatus("e1", "/tmp/shuffle_5_0_0.data", new long[] {7});
    mapTask.replyTo().tell(new TaskOutcome.Succeeded(mapTask.key(), 0, "e1", new byte[0], METRICS, status));
    job.expectMessageClass(JobCoordinator.StageSucceeded.class);
    assertThat(registry.output(5, 0)).isEqualTo(status);

    StageSpec reduce = new StageSpec(7, "count", List.of(6), List.of(new byte[] {1}), -1);
    var reader = KIT.spawn(StageCoordinator.create(11, reduce, List.of(0), broker.getRef(), job.getRef(), 1,
        new EventBus(), registry));
    var reduceTask = broker.expectMessageClass(TaskBroker.SubmitTasks.class).tasks().get(0).task();
    reduceTask.replyTo().tell(new TaskOutcome.Failed(reduceTask.key(), 0, "e2",
        new FetchFailedException(5, 0, "file gone", null)));
    JobCoordinator.FetchFailed lost = job.expectMessageClass(JobCoordinator.FetchFailed.class);
    assertThat(lost.shuffleId()).isEqualTo(5);
    assertThat(lost.mapIndex()).isZero();
    broker.expectNoMessage(java.time.Duration.ofMillis(200));

    reader.tell(StageCoordinator.ResumeParked.INSTANCE);
    var again = broker.expectMessageClass(TaskBroker.SubmitTasks.class).tasks().get(0).task();
    assertThat(again.attempt()).as("a fetch failure is not a failed attempt, but a new attempt number").isEqualTo(1);
    again.replyTo().tell(new TaskOutcome.Succeeded(again.key(), 1, "e2", new byte[] {3}, METRICS, null));
    assertThat(job.expectMessageClass(JobCoordinator.StageSucceeded.class).results()).containsExactly(new byte[] {3});
  }

  @Test
  void testAttemptWithNothingLeftToRunSucceedsAtOnce() {
    TestProbe<TaskBroker.Command> broker = KIT.createTestProbe();
    TestProbe<JobCoordinator.Command> job = KIT.createTestProbe();
    StageSpec map = new StageSpec(8, "shuffle 6", List.of(), List.of(new byte[] {0}, new byte[] {1}), 6);
    KIT.spawn(StageCoordinator.create(12, map, List.of(), broker.getRef(), job.getRef(), 2, new EventBus(),
        new MapOutputRegistry()));
    assertThat(job.expectMessageClass(JobCoordinator.StageSucceeded.class).stageId()).isEqualTo(8);
    broker.expectNoMessage(java.time.Duration.ofMillis(200));
  }
}
