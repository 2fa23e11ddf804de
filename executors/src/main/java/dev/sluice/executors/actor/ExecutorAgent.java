package dev.sluice.executors.actor;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.executors.runtime.TaskRunner;
import dev.sluice.executors.shuffle.ShuffleFiles;
import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskOutcome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * An executor: registers its slots with the {@link TaskBroker}, asks for a task for every free
 * slot, runs each launched task on its own thread pool (never on the actor's thread), reports the
 * outcome to the task's stage coordinator and then asks for the next task for that slot. A slow
 * executor therefore simply asks less often.
 */
public final class ExecutorAgent extends AbstractBehavior<ExecutorProtocol.Command> {
  private record TaskEnded(TaskDescriptor task, int slot, TaskOutcome outcome) implements ExecutorProtocol.Command {}

  private record Running(TaskDescriptor task, Future<?> future, CompletableFuture<TaskOutcome> outcome) {}

  private final String executorId;
  private final ActorRef<TaskBroker.Command> broker;
  private final TaskRunner runner;
  private final ExecutorService threads;
  private final Map<Integer, Running> running = new HashMap<>();

  private ExecutorAgent(ActorContext<ExecutorProtocol.Command> context, String executorId, int slots,
      ActorRef<TaskBroker.Command> broker, TaskRunner runner, ExecutorService threads) {
    super(context);
    this.executorId = requireNonNull(executorId, "executorId is null");
    this.broker = requireNonNull(broker, "broker is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.threads = requireNonNull(threads, "threads is null");
    broker.tell(new TaskBroker.RegisterExecutor(executorId, slots, context.getSelf()));
    for (int slot = 0; slot < slots; slot++) {
      broker.tell(new TaskBroker.RequestTask(executorId, slot));
    }
  }

  /**
   * @param executorId unique name of this executor
   * @param slots how many tasks it runs at once
   * @param broker where it registers and asks for tasks
   * @param runner runs one attempt
   * @param threads the task threads, at least {@code slots} of them, owned by the caller
   */
  public static Behavior<ExecutorProtocol.Command> create(String executorId, int slots,
      ActorRef<TaskBroker.Command> broker, TaskRunner runner, ExecutorService threads) {
    return Behaviors.setup(context -> new ExecutorAgent(context, executorId, slots, broker, runner, threads));
  }

  @Override
  public Receive<ExecutorProtocol.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ExecutorProtocol.LaunchTask.class, this::onLaunchTask)
        .onMessage(ExecutorProtocol.KillJobTasks.class, this::onKillJobTasks)
        .onMessage(ExecutorProtocol.RemoveShuffles.class, this::onRemoveShuffles)
        .onMessage(TaskEnded.class, this::onTaskEnded)
        .build();
  }

  private Behavior<ExecutorProtocol.Command> onLaunchTask(ExecutorProtocol.LaunchTask message) {
    TaskDescriptor task = message.task();
    CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
    Future<?> future;
    try {
      future = threads.submit(() -> {
        outcome.complete(runner.run(task));
      });
    } catch (RejectedExecutionException e) {
      outcome.complete(new TaskOutcome.Failed(task.key(), task.attempt(), executorId,
          new EngineException(ErrorCode.JOB_CANCELLED, "Executor " + executorId + " is shutting down")));
      future = CompletableFuture.completedFuture(null);
    }
    running.put(message.slot(), new Running(task, future, outcome));
    getContext().pipeToSelf(outcome, (result, error) -> new TaskEnded(task, message.slot(), result != null ? result
        : new TaskOutcome.Failed(task.key(), task.attempt(), executorId, error)));
    return this;
  }

  private Behavior<ExecutorProtocol.Command> onKillJobTasks(ExecutorProtocol.KillJobTasks message) {
    for (Running task : running.values()) {
      if (task.task().key().jobId() == message.jobId()) {
        task.future().cancel(true);
        task.outcome().complete(new TaskOutcome.Failed(task.task().key(), task.task().attempt(), executorId,
            new EngineException(ErrorCode.JOB_CANCELLED, "Task " + task.task() + " was cancelled")));
      }
    }
    return this;
  }

  /** Deletes the shuffles' files off the actor's thread (file system calls may block). */
  private Behavior<ExecutorProtocol.Command> onRemoveShuffles(ExecutorProtocol.RemoveShuffles message) {
    Path directory = runner.workDirectory();
    CompletableFuture.runAsync(() -> message.shuffleIds().forEach(id -> ShuffleFiles.deleteShuffle(directory, id)));
    return this;
  }

  private Behavior<ExecutorProtocol.Command> onTaskEnded(TaskEnded message) {
    running.remove(message.slot());
    message.task().replyTo().tell(message.outcome());
    broker.tell(new TaskBroker.RequestTask(executorId, message.slot()));
    return this;
  }
}
