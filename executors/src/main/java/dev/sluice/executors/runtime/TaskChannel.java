package dev.sluice.executors.runtime;

import dev.sluice.scheduler.protocol.TaskDescriptor;

/**
 * The executor's side of {@link dev.sluice.scheduler.protocol.TaskPayloads}: where a task's binary
 * comes from and where its result goes. Called on task threads, so it may block (a fetch or a put
 * over Arrow Flight in cluster mode).
 */
public interface TaskChannel {
  /** Everything travels in the messages (local mode). */
  TaskChannel INLINE = new TaskChannel() {
    @Override
    public byte[] binary(TaskDescriptor task) {
      if (task.binaryRef() != null) {
        throw new IllegalStateException("Task " + task + " refers to " + task.binaryRef()
            + " but this executor has no driver to fetch it from");
      }
      return task.binary();
    }

    @Override
    public Result deliver(TaskDescriptor task, byte[] result) {
      return new Result(result, null);
    }
  };

  /**
   * How a result leaves: the bytes to put in the outcome message, and the reference under which
   * the rest was put on the driver (null when the bytes travel in the message).
   */
  record Result(byte[] inline, String ref) {}

  /** The task's serialized work. */
  byte[] binary(TaskDescriptor task);

  /** Sends (or prepares to send) the task's answer; returns what the outcome message carries. */
  Result deliver(TaskDescriptor task, byte[] result);
}
