package dev.sluice.scheduler.actor;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.PendingTask;
import dev.sluice.scheduler.placement.TaskPlacementPolicy;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.protocol.WireMessage;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Matches pending task attempts with free executor slots, one session-wide actor. Executors pull:
 * each free slot sends {@link RequestTask}; stage coordinators push their tasks with {@link
 * SubmitTasks}. A slot that finds nothing to do waits here, and a task that finds no free slot
 * waits here; whichever arrives second is launched at once, so no slot idles while a task it may
 * run is pending. Which pending task a slot gets is up to the {@link TaskPlacementPolicy}.
 *
 * <p>The broker watches every executor. A launched task occupies its slot until the executor asks
 * for that slot again. When an executor is lost (its actor stops, or, in a cluster, its machine is
 * removed after the split brain resolver downs it) the broker forgets it and its idle slots, fails
 * each task it was running with {@link ErrorCode#EXECUTOR_LOST} (so the stage coordinators retry
 * them elsewhere), and unregisters the map outputs it wrote, so that reducers find them missing and
 * lineage recovery recomputes them.
 */
public final class TaskBroker extends AbstractBehavior<TaskBroker.Command> {
  /** What the broker understands. */
  public sealed interface Command extends WireMessage
      permits RegisterExecutor, RequestTask, SubmitTasks, CancelJob, RemoveShuffles, ExecutorTerminated {}

  /**
   * An executor joins with its slots; it then sends one {@link RequestTask} per free slot.
   *
   * @param executorId unique name of the executor
   * @param slots how many tasks it runs at once
   * @param executor where launches go
   */
  public record RegisterExecutor(String executorId, int slots, ActorRef<ExecutorProtocol.Command> executor)
      implements Command {
    public RegisterExecutor {
      requireNonNull(executorId, "executorId is null");
      requireNonNull(executor, "executor is null");
    }
  }

  /**
   * A slot of a registered executor is free and wants a task.
   *
   * @param executorId the executor
   * @param slot the free slot
   */
  public record RequestTask(String executorId, int slot) implements Command {}

  /**
   * Task attempts ready to run, in the order they should preferably run.
   *
   * @param tasks the attempts
   */
  public record SubmitTasks(List<PendingTask> tasks) implements Command {
    public SubmitTasks {
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * Forget the job's pending tasks and interrupt its running ones.
   *
   * @param jobId the job
   */
  public record CancelJob(int jobId) implements Command {}

  /** The watched executor actor stopped or its node was removed from the cluster. */
  private record ExecutorTerminated(String executorId, ActorRef<ExecutorProtocol.Command> executor)
      implements Command {}

  /**
   * Tell every executor to delete its files of these shuffles.
   *
   * @param shuffleIds the shuffles, whose job has ended
   */
  public record RemoveShuffles(List<Integer> shuffleIds) implements Command {
    public RemoveShuffles {
      shuffleIds = List.copyOf(shuffleIds);
    }
  }

  private record Slot(String executorId, int slot) {}

  private final EventBus events;
  private final TaskPlacementPolicy policy;
  private final MapOutputRegistry registry;
  private final Map<String, ActorRef<ExecutorProtocol.Command>> executors = new LinkedHashMap<>();
  private final List<PendingTask> pending = new ArrayList<>();
  private final List<Slot> idleSlots = new ArrayList<>();
  private final Map<Slot, TaskDescriptor> running = new LinkedHashMap<>();

  private TaskBroker(ActorContext<Command> context, EventBus events, TaskPlacementPolicy policy,
      MapOutputRegistry registry) {
    super(context);
    this.events = events;
    this.policy = policy;
    this.registry = registry;
  }

  /**
   * @param events where broker events go
   * @param policy which pending task a free slot gets
   * @param registry the session's map outputs: a lost executor's outputs are unregistered there
   */
  public static Behavior<Command> create(EventBus events, TaskPlacementPolicy policy, MapOutputRegistry registry) {
    requireNonNull(events, "events is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(registry, "registry is null");
    return Behaviors.setup(context -> new TaskBroker(context, events, policy, registry));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RegisterExecutor.class, this::onRegisterExecutor)
        .onMessage(RequestTask.class, this::onRequestTask)
        .onMessage(SubmitTasks.class, this::onSubmitTasks)
        .onMessage(CancelJob.class, this::onCancelJob)
        .onMessage(RemoveShuffles.class, this::onRemoveShuffles)
        .onMessage(ExecutorTerminated.class, this::onExecutorTerminated)
        .build();
  }

  private Behavior<Command> onRegisterExecutor(RegisterExecutor message) {
    ActorRef<ExecutorProtocol.Command> known = executors.get(message.executorId());
    if (message.executor().equals(known)) {
      getContext().getLog().debug("Executor {} registered again; nothing changes", message.executorId());
      return this;
    }
    if (known != null) {
      getContext().unwatch(known);
      removeExecutor(message.executorId(), "a new executor registered under its name");
    }
    executors.put(message.executorId(), message.executor());
    getContext().watchWith(message.executor(), new ExecutorTerminated(message.executorId(), message.executor()));
    events.publish(new SchedulerEvent.ExecutorRegistered(message.executorId(), message.slots()));
    getContext().getLog().debug("Executor {} registered with {} slots", message.executorId(), message.slots());
    return this;
  }

  private Behavior<Command> onRequestTask(RequestTask message) {
    if (!executors.containsKey(message.executorId())) {
      getContext().getLog().warn("Ignoring a task request from unregistered executor {}", message.executorId());
      return this;
    }
    running.remove(new Slot(message.executorId(), message.slot()));
    int chosen = policy.choose(pending, message.executorId(), executors.keySet());
    if (chosen >= 0) {
      launch(pending.remove(chosen), new Slot(message.executorId(), message.slot()), true, false);
    } else {
      idleSlots.add(new Slot(message.executorId(), message.slot()));
      events.publish(new SchedulerEvent.SlotOffered(message.executorId(), message.slot()));
    }
    return this;
  }

  private Behavior<Command> onSubmitTasks(SubmitTasks message) {
    for (PendingTask task : message.tasks()) {
      Slot slot = idleSlotFor(task);
      if (slot != null) {
        idleSlots.remove(slot);
        launch(task, slot, false, true);
      } else {
        pending.add(task);
        events.publish(new SchedulerEvent.TaskQueued(task.task().key(), task.task().attempt()));
      }
    }
    return this;
  }

  private Slot idleSlotFor(PendingTask task) {
    for (Slot slot : idleSlots) {
      if (policy.choose(List.of(task), slot.executorId(), executors.keySet()) == 0) {
        return slot;
      }
    }
    return null;
  }

  private void launch(PendingTask task, Slot slot, boolean wasQueued, boolean slotWasIdle) {
    events.publish(new SchedulerEvent.TaskLaunched(task.task().key(), task.task().attempt(), slot.executorId(),
        slot.slot(), wasQueued, slotWasIdle));
    running.put(slot, task.task());
    executors.get(slot.executorId()).tell(new ExecutorProtocol.LaunchTask(task.task(), slot.slot()));
  }

  private Behavior<Command> onRemoveShuffles(RemoveShuffles message) {
    for (ActorRef<ExecutorProtocol.Command> executor : executors.values()) {
      executor.tell(new ExecutorProtocol.RemoveShuffles(message.shuffleIds()));
    }
    return this;
  }

  private Behavior<Command> onCancelJob(CancelJob message) {
    for (Iterator<PendingTask> it = pending.iterator(); it.hasNext(); ) {
      if (it.next().task().key().jobId() == message.jobId()) {
        it.remove();
      }
    }
    for (ActorRef<ExecutorProtocol.Command> executor : executors.values()) {
      executor.tell(new ExecutorProtocol.KillJobTasks(message.jobId()));
    }
    return this;
  }

  private Behavior<Command> onExecutorTerminated(ExecutorTerminated message) {
    if (!message.executor().equals(executors.get(message.executorId()))) {
      return this; // an earlier registration under the same name, already replaced
    }
    boolean local = message.executor().path().address().hasLocalScope();
    removeExecutor(message.executorId(), local ? "its actor stopped"
        : "its node " + message.executor().path().address() + " left the cluster or was removed from it");
    return this;
  }

  private void removeExecutor(String executorId, String reason) {
    executors.remove(executorId);
    idleSlots.removeIf(slot -> slot.executorId().equals(executorId));
    List<TaskDescriptor> lost = new ArrayList<>();
    for (Iterator<Map.Entry<Slot, TaskDescriptor>> it = running.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Slot, TaskDescriptor> entry = it.next();
      if (entry.getKey().executorId().equals(executorId)) {
        lost.add(entry.getValue());
        it.remove();
      }
    }
    int outputs = registry.unregisterExecutor(executorId);
    if (lost.isEmpty() && outputs == 0) {
      getContext().getLog().info("Executor {} is gone ({}); it was running nothing and held no map outputs",
          executorId, reason);
    } else {
      getContext().getLog().warn("Executor {} was lost ({}): {} running task(s) failed, {} map output(s) unregistered",
          executorId, reason, lost.size(), outputs);
    }
    for (TaskDescriptor task : lost) {
      task.replyTo().tell(new TaskOutcome.Failed(task.key(), task.attempt(), executorId,
          new EngineException(ErrorCode.EXECUTOR_LOST, "Executor " + executorId + " was lost while running task "
              + task + ": " + reason)));
    }
    events.publish(new SchedulerEvent.ExecutorRemoved(executorId, reason));
  }
}
