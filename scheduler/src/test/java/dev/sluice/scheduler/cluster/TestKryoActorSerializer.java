package dev.sluice.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages through Pekko's serialization with the cluster configuration (a cluster-provider system
 * on a free loopback port that joins nothing): every WireMessage goes to {@link
 * KryoActorSerializer}, and actor refs, user exceptions and map statuses come back equal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestKryoActorSerializer {
  private static final ActorTestKit KIT = ActorTestKit.create(ClusterConfig.SYSTEM_NAME,
      ClusterConfig.of(new ClusterNode(ClusterNode.MASTER, "127.0.0.1", 0, "127.0.0.1", 0, null)));
  private static final Serialization SERIALIZATION = SerializationExtension.get(Adapter.toClassic(KIT.system()));

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** A user's exception with state of its own. */
  static final class UserException extends RuntimeException {
    final List<String> details;

    UserException(String message, List<String> details, Throwable cause) {
      super(message, cause);
      this.details = details;
    }
  }

  /** An exception that Java serialization refuses (a field that is not Serializable). */
  static final class UnserializableException extends RuntimeException {
    final transient Object fine = new Object();
    final Object notFine = new Object();

    UnserializableException(String message) {
      super(message);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T message) {
    assertThat(SERIALIZATION.findSerializerFor(message)).isInstanceOf(KryoActorSerializer.class);
    byte[] bytes = SERIALIZATION.serialize(message).get();
    String manifest = Serializers.manifestFor(SERIALIZATION.findSerializerFor(message), message);
    return (T) SERIALIZATION.deserialize(bytes, KryoActorSerializer.IDENTIFIER, manifest).get();
  }

  @Test
  void testRecordsWithActorRefsComeBackWithTheSameRefs() {
    TestProbe<TaskBroker.Command> broker = KIT.createTestProbe();
    TestProbe<MasterProtocol.ApplicationRegistered> replyTo = KIT.createTestProbe();
    MasterProtocol.RegisterApplication register = new MasterProtocol.RegisterApplication("word count",
        broker.getRef(), "grpc+tls://127.0.0.1:4242", List.of("jar-1", "jar-2"), Map.of("sluice.batch.rows", "4096"),
        replyTo.getRef());

    MasterProtocol.RegisterApplication copy = roundTrip(register);

    assertThat(copy).isEqualTo(register);
    copy.broker().tell(new TaskBroker.CancelJob(3));
    assertThat(broker.expectMessageClass(TaskBroker.CancelJob.class).jobId()).isEqualTo(3);
    WorkerProtocol.LaunchExecutor launch = new WorkerProtocol.LaunchExecutor("app-1", "app-1-w", 4, broker.getRef(),
        "grpc+tls://h:1", List.of(), Map.of("a", "b"));
    assertThat(roundTrip(launch)).isEqualTo(launch);
    MasterProtocol.ClusterState state = new MasterProtocol.ClusterState(
        List.of(new MasterProtocol.WorkerInfo("w", "h", 2, 1L << 30, Master.ALIVE)),
        List.of(new MasterProtocol.ApplicationInfo("app-1", "n", Master.RUNNING, List.of("w"), "http://127.0.0.1:4040")));
    assertThat(roundTrip(state)).isEqualTo(state);
  }

  @Test
  void testUserExceptionWithCauseSurvivesInsideAFailedOutcome() {
    UserException error = new UserException("bad row 17", List.of("a", "b"),
        new UncheckedIOException(new IOException("disk on fire")));
    TaskOutcome.Failed failed = new TaskOutcome.Failed(new TaskKey(1, 2, 3), 1, "exec-1", error);

    TaskOutcome.Failed copy = roundTrip(failed);

    assertThat(copy.key()).isEqualTo(failed.key());
    assertThat(copy.error()).isInstanceOf(UserException.class).hasMessage("bad row 17");
    assertThat(((UserException) copy.error()).details).containsExactly("a", "b");
    assertThat(copy.error().getCause()).isInstanceOf(UncheckedIOException.class);
    assertThat(copy.error().getCause().getCause()).isInstanceOf(IOException.class).hasMessage("disk on fire");
    assertThat(copy.error().getStackTrace()).isEqualTo(error.getStackTrace());
    EngineException engine = new EngineException(ErrorCode.EXECUTOR_LOST, "Executor e1 was lost");
    assertThat(((EngineException) roundTrip(new TaskOutcome.Failed(failed.key(), 0, "e1", engine)).error()).code())
        .isEqualTo(ErrorCode.EXECUTOR_LOST);
  }

  @Test
  void testExceptionThatJavaSerializationRefusesArrivesAsText() {
    TaskOutcome.Failed failed = new TaskOutcome.Failed(new TaskKey(1, 0, 0), 0, "e", new UnserializableException(
        "cannot parse"));

    Throwable copy = roundTrip(failed).error();

    assertThat(copy).isExactlyInstanceOf(RuntimeException.class)
        .hasMessageContaining(UnserializableException.class.getName())
        .hasMessageContaining("cannot parse");
    assertThat(copy.getStackTrace()).isEqualTo(failed.error().getStackTrace());
  }

  @Test
  void testSucceededOutcomeWithMapStatus() {
    MapStatus status = new MapStatus("app-1-w", "grpc+tls://10.0.0.5:7077", "/work/shuffle_1_0_0.data",
        new long[] {10, 0, 7});
    TaskOutcome.Succeeded succeeded = new TaskOutcome.Succeeded(new TaskKey(4, 1, 0), 0, "app-1-w", new byte[] {1, 2},
        new TaskMetrics(5, 6, 7, 8, 0), status);

    TaskOutcome.Succeeded copy = roundTrip(succeeded);

    assertThat(copy.mapStatus()).isEqualTo(status);
    assertThat(copy.mapStatus().partitionBytes()).containsExactly(10, 0, 7);
    assertThat(copy.result()).containsExactly(1, 2);
    assertThat(copy.metrics()).isEqualTo(succeeded.metrics());
    assertThat(copy.resultRef()).isNull();
  }
}
