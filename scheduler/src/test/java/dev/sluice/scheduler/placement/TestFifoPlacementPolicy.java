package dev.sluice.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TestFifoPlacementPolicy {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private final TaskPlacementPolicy policy = new FifoPlacementPolicy();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static PendingTask task(int partition, Set<String> failedOn) {
    TestProbe<dev.sluice.scheduler.protocol.TaskOutcome> replyTo = KIT.createTestProbe();
    return new PendingTask(new TaskDescriptor(new TaskKey(0, 0, partition), failedOn.size(), new byte[0],
        replyTo.getRef()), failedOn);
  }

  @Test
  void testOldestTaskFirst() {
    List<PendingTask> pending = List.of(task(0, Set.of()), task(1, Set.of()));
    assertThat(policy.choose(pending, "e1", Set.of("e1", "e2"))).isZero();
  }

  @Test
  void testRetrySkipsTheExecutorItFailedOnWhileAnotherExists() {
    List<PendingTask> pending = List.of(task(0, Set.of("e1")), task(1, Set.of()));
    assertThat(policy.choose(pending, "e1", Set.of("e1", "e2"))).isEqualTo(1);
    assertThat(policy.choose(pending, "e2", Set.of("e1", "e2"))).isZero();
    assertThat(policy.choose(List.of(task(0, Set.of("e1"))), "e1", Set.of("e1", "e2"))).isEqualTo(-1);
  }

  @Test
  void testRetryRunsAnywhereOnceEveryExecutorFailedIt() {
    List<PendingTask> pending = List.of(task(0, Set.of("e1", "e2")));
    assertThat(policy.choose(pending, "e1", Set.of("e1", "e2"))).isZero();
    assertThat(policy.choose(List.of(task(0, Set.of("e1"))), "e1", Set.of("e1"))).isZero();
  }
}
