package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Messages the scheduler sends to executor agents. */
public final class ExecutorProtocol {
  private ExecutorProtocol() {}

  /** What an executor agent understands. */
  public interface Command extends WireMessage {}

  /**
   * Run this task attempt on the given slot, which the executor offered before.
   *
   * @param task the attempt
   * @param slot the executor's free slot it goes to
   */
  public record LaunchTask(TaskDescriptor task, int slot) implements Command {
    public LaunchTask {
      requireNonNull(task, "task is null");
    }
  }

  /**
   * Interrupt every running attempt of this job.
   *
   * @param jobId the job
   */
  public record KillJobTasks(int jobId) implements Command {}

  /**
   * Delete this executor's files of these shuffles: their job has ended (on a cluster the files
   * are on the workers' disks, which the driver cannot reach).
   *
   * @param shuffleIds the shuffles
   */
  public record RemoveShuffles(List<Integer> shuffleIds) implements Command {
    public RemoveShuffles {
      shuffleIds = List.copyOf(shuffleIds);
    }
  }
}
