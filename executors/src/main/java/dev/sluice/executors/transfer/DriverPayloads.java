package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.protocol.TaskPayloads;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's {@link TaskPayloads} on a cluster: bytes up to the inline limit travel inside the
 * messages; a larger task binary is kept here and served by the driver's {@link DataServer} under
 * {@code binary/<job>/<stage>/<partition>} (once per task, whatever the attempt), and an executor
 * with a larger result puts it under {@code result/<job>.<stage>.<partition>.<attempt>}, where
 * {@link #result} takes it. {@link #forgetJob} drops both for a finished job; a result put after
 * that is dropped on arrival. Thread-safe and never blocks.
 */
public final class DriverPayloads implements TaskPayloads {
  /** Bytes that travel inside a message: well below Artery's 256 KiB frame, with room for the rest. */
  public static final int DEFAULT_INLINE_LIMIT_BYTES = 128 * 1024;
  static final String BINARY_PREFIX = "binary";
  static final String RESULT_PREFIX = "result";
  private static final Logger LOG = LoggerFactory.getLogger(DriverPayloads.class);

  private final int inlineLimitBytes;
  private final String location;
  private final Map<Integer, Map<String, byte[]>> binaries = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, byte[]>> results = new ConcurrentHashMap<>();
  private final Set<Integer> forgotten = ConcurrentHashMap.newKeySet();

  /**
   * Registers the {@code binary} source and the {@code result} sink on the driver's data server.
   *
   * @param server the driver's data server
   * @param inlineLimitBytes the largest binary that travels inline ({@link #DEFAULT_INLINE_LIMIT_BYTES})
   */
  public DriverPayloads(DataServer server, int inlineLimitBytes) {
    requireNonNull(server, "server is null");
    if (inlineLimitBytes < 0) {
      throw new IllegalArgumentException("inlineLimitBytes must not be negative, got " + inlineLimitBytes);
    }
    this.inlineLimitBytes = inlineLimitBytes;
    this.location = server.location();
    server.serve(BINARY_PREFIX, this::openBinary);
    server.accept(RESULT_PREFIX, this::takeResult);
  }

  /** Where the executors put large results and fetch large binaries: the driver's data server. */
  public String location() {
    return location;
  }

  /** The reference of a task's kept binary. */
  static String binaryRef(TaskKey key) {
    return BINARY_PREFIX + "/" + key.jobId() + "/" + key.stageId() + "/" + key.partition();
  }

  /** The reference under which an attempt puts a large result. */
  static String resultRef(TaskKey key, int attempt) {
    return RESULT_PREFIX + "/" + key.jobId() + "." + key.stageId() + "." + key.partition() + "." + attempt;
  }

  @Override
  public TaskDescriptor describe(TaskKey key, int attempt, byte[] binary, ActorRef<TaskOutcome> replyTo) {
    if (binary.length <= inlineLimitBytes) {
      return new TaskDescriptor(key, attempt, binary, replyTo);
    }
    String ref = binaryRef(key);
    keep(binaries, key.jobId(), ref.substring(BINARY_PREFIX.length() + 1), binary);
    return new TaskDescriptor(key, attempt, new byte[0], ref, replyTo);
  }

  @Override
  public byte[] result(TaskOutcome.Succeeded outcome) {
    String ref = outcome.resultRef();
    if (ref == null) {
      return outcome.result();
    }
    String prefix = RESULT_PREFIX + "/";
    Map<String, byte[]> job = results.get(outcome.key().jobId());
    byte[] bytes = job == null || !ref.startsWith(prefix) ? null : job.remove(ref.substring(prefix.length()));
    if (bytes == null) {
      throw new IllegalStateException("Task " + outcome.key() + "." + outcome.attempt() + " on " + outcome.executorId()
          + " reported its result under " + ref + ", but the driver's data server at " + location
          + " holds no such result (never put there, or taken already)");
    }
    return bytes;
  }

  @Override
  public void forgetJob(int jobId) {
    forgotten.add(jobId);
    binaries.remove(jobId);
    results.remove(jobId);
  }

  private void keep(Map<Integer, Map<String, byte[]>> store, int jobId, String name, byte[] bytes) {
    store.computeIfAbsent(jobId, ignored -> new ConcurrentHashMap<>()).put(name, bytes);
    if (forgotten.contains(jobId)) {
      // the job finished meanwhile: whatever came late goes too
      store.remove(jobId);
    }
  }

  private InputStream openBinary(String rest) throws IOException {
    Map<String, byte[]> job = binaries.get(jobOf(rest, '/'));
    byte[] bytes = job == null ? null : job.get(rest);
    if (bytes == null) {
      throw new FileNotFoundException("no task binary " + BINARY_PREFIX + "/" + rest + " is kept (its job has"
          + " finished, or it was never described here)");
    }
    return new ByteArrayInputStream(bytes);
  }

  private void takeResult(String rest, byte[] bytes) {
    int jobId = jobOf(rest, '.');
    if (forgotten.contains(jobId)) {
      LOG.debug("Dropping result {}/{} of finished job {}", RESULT_PREFIX, rest, jobId);
      return;
    }
    keep(results, jobId, rest, bytes);
  }

  private static int jobOf(String rest, char separator) {
    int end = rest.indexOf(separator);
    try {
      return Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a name starting with a job id but got '" + rest + "'");
    }
  }
}
