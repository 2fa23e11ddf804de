package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * One attempt of a task as handed to an executor. The scheduler never looks inside {@code
 * binary}: it is the Kryo-serialized {@code TaskFragment} the executor runs. In cluster mode a
 * binary too big for a message stays on the driver and {@code binaryRef} says where the executor
 * fetches it (see {@link TaskPayloads}).
 *
 * @param key the task
 * @param attempt the attempt number, from 0
 * @param binary the serialized work (empty when {@code binaryRef} is set)
 * @param binaryRef where the serialized work is when it does not travel here; null otherwise
 * @param replyTo where the executor reports the outcome
 */
public record TaskDescriptor(TaskKey key, int attempt, byte[] binary, String binaryRef, ActorRef<TaskOutcome> replyTo)
    implements WireMessage {
  public TaskDescriptor {
    requireNonNull(key, "key is null");
    requireNonNull(binary, "binary is null");
    requireNonNull(replyTo, "replyTo is null");
  }

  /** A descriptor whose work travels with it. */
  public TaskDescriptor(TaskKey key, int attempt, byte[] binary, ActorRef<TaskOutcome> replyTo) {
    this(key, attempt, binary, null, replyTo);
  }

  @Override
  public String toString() {
    return key + "." + attempt;
  }
}
