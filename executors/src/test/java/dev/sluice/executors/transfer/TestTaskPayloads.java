package dev.sluice.executors.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.executors.runtime.TaskChannel;
import dev.sluice.scheduler.cluster.ClusterKeys;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskOutcome;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DriverPayloads} and {@link ExecutorPayloads} through a real driver data server over mutual
 * TLS: small bytes travel inline; a large binary is fetched by reference, the same reference for
 * every attempt; a large result is put and then taken once; a finished job's bytes are dropped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestTaskPayloads {
  private static final int LIMIT = 1024;

  @TempDir
  static Path directory;

  private static ActorTestKit kit;
  private static ActorRef<TaskOutcome> replyTo;
  private static BufferAllocator allocator;
  private static DataServer driverServer;
  private static DataClient client;
  private static DriverPayloads driver;
  private static ExecutorPayloads executor;

  @BeforeAll
  static void start() {
    ClusterKeys keys = ClusterKeys.generate(directory.resolve("keys"));
    kit = ActorTestKit.create();
    replyTo = kit.<TaskOutcome>createTestProbe().ref();
    allocator = new RootAllocator();
    driverServer = DataServer.start(allocator, "127.0.0.1", 0, keys);
    driver = new DriverPayloads(driverServer, LIMIT);
    client = new DataClient(allocator, keys);
    executor = new ExecutorPayloads(client, driverServer.location(), LIMIT);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (driverServer != null) {
      driverServer.close();
    }
    if (allocator != null) {
      allocator.close();
    }
    if (kit != null) {
      kit.shutdownTestKit();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static TaskOutcome.Succeeded succeeded(TaskDescriptor task, TaskChannel.Result result) {
    return new TaskOutcome.Succeeded(task.key(), task.attempt(), "executor-1", result.inline(),
        new TaskMetrics(1, 1, 0, 0, 0), null, result.ref());
  }

  @Test
  void defaultInlineLimitLeavesRoomInAnArteryFrame() {
    assertThat(DriverPayloads.DEFAULT_INLINE_LIMIT_BYTES).isEqualTo(128 * 1024);
  }

  @Test
  void smallBytesTravelInline() {
    TaskKey key = new TaskKey(1, 1, 0);
    byte[] binary = random(LIMIT, 1);
    TaskDescriptor task = driver.describe(key, 0, binary, replyTo);
    assertThat(task.binaryRef()).isNull();
    assertThat(executor.binary(task)).isEqualTo(binary);
    byte[] answer = random(LIMIT, 2);
    TaskChannel.Result result = executor.deliver(task, answer);
    assertThat(result.ref()).isNull();
    assertThat(driver.result(succeeded(task, result))).isEqualTo(answer);
  }

  @Test
  void largeBinaryIsFetchedByReferenceOncePerTask() {
    TaskKey key = new TaskKey(2, 5, 3);
    byte[] binary = random(300 * 1024, 3);
    TaskDescriptor first = driver.describe(key, 0, binary, replyTo);
    TaskDescriptor retry = driver.describe(key, 1, binary, replyTo);
    assertThat(first.binary()).isEmpty();
    assertThat(first.binaryRef()).isEqualTo("binary/2/5/3").isEqualTo(retry.binaryRef());
    assertThat(executor.binary(first)).isEqualTo(binary);
    assertThat(executor.binary(retry)).isEqualTo(binary);
  }

  @Test
  void largeResultIsPutThenTakenOnce() {
    TaskKey key = new TaskKey(3, 7, 1);
    TaskDescriptor first = driver.describe(key, 0, new byte[10], replyTo);
    TaskDescriptor second = driver.describe(key, 1, new byte[10], replyTo);
    byte[] answer = random(3 * 1024 * 1024 + 5, 4);
    byte[] other = random(LIMIT + 1, 5);
    TaskChannel.Result delivered = executor.deliver(first, answer);
    TaskChannel.Result delivered2 = executor.deliver(second, other);
    assertThat(delivered.inline()).isEmpty();
    assertThat(delivered.ref()).isEqualTo("result/3.7.1.0").isNotEqualTo(delivered2.ref());
    assertThat(driver.result(succeeded(first, delivered))).isEqualTo(answer);
    assertThat(driver.result(succeeded(second, delivered2))).isEqualTo(other);
    assertThatThrownBy(() -> driver.result(succeeded(first, delivered)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("result/3.7.1.0")
        .hasMessageContaining("holds no such result");
  }

  @Test
  void forgetJobDropsItsBinariesAndResults() {
    TaskKey key = new TaskKey(4, 9, 0);
    TaskDescriptor task = driver.describe(key, 0, random(LIMIT + 1, 6), replyTo);
    TaskChannel.Result delivered = executor.deliver(task, random(LIMIT + 1, 7));
    TaskKey kept = new TaskKey(5, 9, 0);
    TaskDescriptor other = driver.describe(kept, 0, random(LIMIT + 1, 8), replyTo);
    driver.forgetJob(4);
    assertThatThrownBy(() -> executor.binary(task))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("binary/4/9/0");
    assertThatThrownBy(() -> driver.result(succeeded(task, delivered))).isInstanceOf(IllegalStateException.class);
    // a late attempt's result is dropped on arrival
    TaskChannel.Result late = executor.deliver(new TaskDescriptor(key, 1, new byte[0], replyTo), random(LIMIT + 1, 9));
    assertThatThrownBy(() -> driver.result(succeeded(task, late))).isInstanceOf(IllegalStateException.class);
    assertThat(executor.binary(other)).hasSize(LIMIT + 1);
  }

  @Test
  void unreachableDriverFailsTheAttemptClearly() {
    ExecutorPayloads cut = new ExecutorPayloads(client, "grpc+tls://127.0.0.1:1", LIMIT);
    TaskDescriptor task = driver.describe(new TaskKey(6, 1, 0), 0, random(LIMIT + 1, 10), replyTo);
    assertThatThrownBy(() -> cut.binary(task)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("job-6/stage-1/task-0").hasMessageContaining("grpc+tls://127.0.0.1:1");
    assertThatThrownBy(() -> cut.deliver(task, random(LIMIT + 1, 11))).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("result/6.1.0.0");
  }
}
