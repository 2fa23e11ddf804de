package dev.sluice.scheduler.protocol;

/**
 * How a task's bytes travel between the driver and its executors. In local mode everything is in
 * one JVM and travels inside the messages ({@link #INLINE}). On a cluster, Artery's messages are
 * capped at 256 KiB, so the driver keeps a large task binary and hands out a reference that the
 * executor fetches over Arrow Flight, and an executor puts a large result on the driver's data
 * server before it reports success with a reference. Implementations are thread-safe and never
 * block: actors call them.
 */
public interface TaskPayloads {
  /** Everything travels inside the messages. */
  TaskPayloads INLINE = new TaskPayloads() {
    @Override
    public TaskDescriptor describe(TaskKey key, int attempt, byte[] binary, org.apache.pekko.actor.typed.ActorRef<
        TaskOutcome> replyTo) {
      return new TaskDescriptor(key, attempt, binary, replyTo);
    }

    @Override
    public byte[] result(TaskOutcome.Succeeded outcome) {
      if (outcome.resultRef() != null) {
        throw new IllegalStateException("Task " + outcome.key() + " answered a reference " + outcome.resultRef()
            + " but results travel inline here");
      }
      return outcome.result();
    }

    @Override
    public void forgetJob(int jobId) {}
  };

  /** The descriptor of one attempt: the binary inline, or kept on the driver under a reference. */
  TaskDescriptor describe(TaskKey key, int attempt, byte[] binary,
      org.apache.pekko.actor.typed.ActorRef<TaskOutcome> replyTo);

  /** The answer of a successful attempt, taken from wherever it travelled. */
  byte[] result(TaskOutcome.Succeeded outcome);

  /** Drops whatever is kept for the job's tasks (its action has returned). */
  void forgetJob(int jobId);
}
