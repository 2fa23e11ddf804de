package dev.sluice.scheduler.ui.api;

import java.util.List;

/**
 * The master's view of its cluster ({@code GET /api/v1/cluster}).
 *
 * @param workers every worker that registered, alive or dead
 * @param applications every application, running or finished
 */
public record ClusterData(List<WorkerData> workers, List<ClusterApplicationData> applications) {
  public ClusterData {
    workers = List.copyOf(workers);
    applications = List.copyOf(applications);
  }

  /**
   * A worker.
   *
   * @param workerId the worker
   * @param host its host
   * @param cores its cores
   * @param memoryBytes its memory
   * @param state {@code ALIVE} or {@code DEAD}
   */
  public record WorkerData(String workerId, String host, int cores, long memoryBytes, String state) {}

  /**
   * An application the master runs executors for.
   *
   * @param appId the application
   * @param name its name
   * @param state {@code RUNNING} or {@code FINISHED}
   * @param executors workers running an executor for it
   * @param uiUrl the driver's web UI, or null when the master does not know it
   */
  public record ClusterApplicationData(String appId, String name, String state, List<String> executors,
      String uiUrl) {
    public ClusterApplicationData {
      executors = List.copyOf(executors);
    }
  }
}
