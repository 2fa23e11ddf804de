package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * One attempt of a task as handed to an executor. The scheduler never looks inside {@code
 * binary}: it is the Kryo-serialized {@code TaskFragment} the executor runs.
 *
 * @param key the task
 * @param attempt the attempt number, from 0
 * @param binary the serialized work
 * @param replyTo where the executor reports the outcome
 */
public record TaskDescriptor(TaskKey key, int attempt, byte[] binary, ActorRef<TaskOutcome> replyTo) {
  public TaskDescriptor {
    requireNonNull(key, "key is null");
    requireNonNull(binary, "binary is null");
    requireNonNull(replyTo, "replyTo is null");
  }

  @Override
  public String toString() {
    return key + "." + attempt;
  }
}
