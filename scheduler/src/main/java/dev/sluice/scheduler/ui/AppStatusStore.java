package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.ui.api.AllocatorUsage;
import dev.sluice.scheduler.ui.api.ApplicationData;
import dev.sluice.scheduler.ui.api.DagData;
import dev.sluice.scheduler.ui.api.ExecutorData;
import dev.sluice.scheduler.ui.api.JobData;
import dev.sluice.scheduler.ui.api.PlanData;
import dev.sluice.scheduler.ui.api.StageData;
import dev.sluice.scheduler.ui.api.TaskData;
import dev.sluice.scheduler.ui.api.TaskSummary;
import dev.sluice.scheduler.ui.api.UiUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the web UI shows about one application, kept from its {@link SchedulerEvent}s: jobs, their
 * stages and task attempts, and executors. Events arrive on actor threads and queries come from
 * HTTP threads at the same time: every method is thread-safe (one lock, held briefly), and queries
 * answer immutable records of the REST contract ({@code dev.sluice.scheduler.ui.api}).
 *
 * <p>Bounded: at most {@code maxJobs} jobs are kept (default {@value #DEFAULT_MAX_JOBS}); beyond
 * that the oldest finished job is dropped with its stages and tasks (running jobs are never
 * dropped). At most {@value #MAX_DEAD_EXECUTORS} dead executors are kept.
 *
 * <p>Counting: a stage's task count is its partitions; a partition is completed once an attempt
 * succeeded, however often the stage runs again to recompute lost shuffle output (each run is a
 * further {@code StageSubmitted} for the same stage id). Row and byte figures of a stage (and the
 * DAG's shuffle edges) sum the latest successful attempt of each partition. When a job fails, its
 * still-running stages become {@code FAILED} and its running attempts fail with {@code "killed: job
 * N failed"}: their coordinators are gone and report nothing more.
 *
 * <p>Listeners added with {@link #addUpdateListener} hear a {@link UiUpdate} after each event
 * changed something (called on the event's thread, outside the lock; they must not block).
 */
public final class AppStatusStore implements SchedulerListener {
  /** Jobs kept by default. */
  public static final int DEFAULT_MAX_JOBS = 1000;
  static final int MAX_DEAD_EXECUTORS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(AppStatusStore.class);

  private final String appId;
  private final int maxJobs;
  private final List<Consumer<UiUpdate>> updateListeners = new CopyOnWriteArrayList<>();
  private final Map<Integer, JobState> jobs = new LinkedHashMap<>();
  private final Map<Integer, StageState> stages = new HashMap<>();
  private final Map<String, ExecutorState> executors = new LinkedHashMap<>();
  private String name;
  private String master;
  private String uiUrl;
  private long startTime = -1;
  private long endTime = -1;
  private boolean incomplete;

  /**
   * An empty store.
   *
   * @param appId the application's id
   * @param name its name (replaced by an {@code ApplicationStarted} event's)
   * @param master where it runs (replaced likewise)
   */
  public AppStatusStore(String appId, String name, String master) {
    this(appId, name, master, DEFAULT_MAX_JOBS);
  }

  AppStatusStore(String appId, String name, String master, int maxJobs) {
    this.appId = requireNonNull(appId, "appId is null");
    this.name = requireNonNull(name, "name is null");
    this.master = requireNonNull(master, "master is null");
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
    }
    this.maxJobs = maxJobs;
  }

  /** The application's id, as given to the constructor. */
  public String appId() {
    return appId;
  }

  @Override
  public void onEvent(SchedulerEvent event) {
    onEvent(event, System.currentTimeMillis());
  }

  @Override
  public void onEvent(SchedulerEvent event, long timeMillis) {
    requireNonNull(event, "event is null");
    UiUpdate update;
    synchronized (this) {
      if (startTime < 0) {
        startTime = timeMillis;
      }
      update = apply(event, timeMillis);
    }
    if (update != null) {
      for (Consumer<UiUpdate> listener : updateListeners) {
        try {
          listener.accept(update);
        } catch (RuntimeException e) {
          LOG.warn("UI update listener {} failed on {}", listener, update, e);
        }
      }
    }
  }

  /** Hears an update after every event that changed something; see the class comment. */
  public void addUpdateListener(Consumer<UiUpdate> listener) {
    updateListeners.add(requireNonNull(listener, "listener is null"));
  }

  public void removeUpdateListener(Consumer<UiUpdate> listener) {
    updateListeners.remove(listener);
  }

  int updateListenerCount() {
    return updateListeners.size();
  }

  /** Marks the store as read from an event log that was never closed: it is not {@code completed}. */
  synchronized void markIncomplete() {
    incomplete = true;
  }

  /** The application ({@code GET /api/v1/applications} lists these). */
  public synchronized ApplicationData application() {
    return new ApplicationData(appId, name, master, startTime, endTime, endTime >= 0 && !incomplete, uiUrl);
  }

  /** Every job kept, newest first. */
  public synchronized List<JobData> jobs() {
    List<JobData> result = new ArrayList<>();
    for (JobState job : jobs.values()) {
      result.add(job.toData(stages));
    }
    Collections.reverse(result);
    return result;
  }

  /** A job, or empty when unknown (or dropped). */
  public synchronized Optional<JobData> job(int jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(job -> job.toData(stages));
  }

  /** A job's stage DAG, or empty when the job is unknown. */
  public synchronized Optional<DagData> dag(int jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(job -> job.toDag(stages));
  }

  /** A job's plans and per-operator metrics, or empty when the job is unknown. */
  public synchronized Optional<PlanData> plan(int jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(job -> job.toPlan(stages));
  }

  /** Every stage kept, newest (highest id) first. */
  public synchronized List<StageData> stages() {
    return stages.values().stream()
        .sorted((a, b) -> Integer.compare(b.stageId, a.stageId))
        .map(StageState::toData)
        .toList();
  }

  /** A stage, or empty when unknown. */
  public synchronized Optional<StageData> stage(int stageId) {
    return Optional.ofNullable(stages.get(stageId)).map(StageState::toData);
  }

  /** A stage's task attempts in launch order, or empty when the stage is unknown. */
  public synchronized Optional<List<TaskData>> tasks(int stageId) {
    return Optional.ofNullable(stages.get(stageId)).map(StageState::tasks);
  }

  /** Quantiles over a stage's successful tasks, or empty when the stage is unknown. */
  public synchronized Optional<TaskSummary> summary(int stageId) {
    return Optional.ofNullable(stages.get(stageId)).map(StageState::summary);
  }

  /**
   * Every executor kept, in the order they registered.
   *
   * @param memory the allocators to list on each alive executor (dead ones list none)
   */
  public synchronized List<ExecutorData> executors(List<AllocatorUsage> memory) {
    List<AllocatorUsage> copy = List.copyOf(memory);
    return executors.values().stream().map(executor -> executor.toData(copy)).toList();
  }

  private UiUpdate apply(SchedulerEvent event, long time) {
    if (event instanceof SchedulerEvent.TaskLaunched e) {
      StageState stage = stages.get(e.key().stageId());
      if (stage == null) {
        return null;
      }
      stage.launch(e.key().partition(), e.attempt(), e.executorId(), e.slot(), time);
      executor(e.executorId()).activeTasks++;
      return update("task", e.key().stageId());
    }
    if (event instanceof SchedulerEvent.TaskSucceeded e) {
      StageState stage = stages.get(e.key().stageId());
      if (stage == null) {
        return null;
      }
      boolean wasRunning = stage.succeed(e.key().partition(), e.attempt(), e.executorId(), e.metrics(), time);
      ExecutorState executor = executor(e.executorId());
      executor.activeTasks -= wasRunning ? 1 : 0;
      executor.completedTasks++;
      return update("task", e.key().stageId());
    }
    if (event instanceof SchedulerEvent.TaskFailed e) {
      StageState stage = stages.get(e.key().stageId());
      if (stage == null) {
        return null;
      }
      boolean wasRunning = stage.fail(e.key().partition(), e.attempt(), e.executorId(), e.error(), time);
      ExecutorState executor = executor(e.executorId());
      executor.activeTasks -= wasRunning ? 1 : 0;
      executor.failedTasks++;
      return update("task", e.key().stageId());
    }
    if (event instanceof SchedulerEvent.JobSubmitted e) {
      onJobSubmitted(e, time);
      return update("job", e.jobId());
    }
    if (event instanceof SchedulerEvent.StageSubmitted e) {
      job(e.jobId(), time);
      stage(e.jobId(), e.stageId(), time).submitted(e.name(), e.tasks(), time);
      return update("stage", e.stageId());
    }
    if (event instanceof SchedulerEvent.StageCompleted e) {
      stage(e.jobId(), e.stageId(), time).ended(StageState.COMPLETE, time);
      return update("stage", e.stageId());
    }
    if (event instanceof SchedulerEvent.StageFailed e) {
      stage(e.jobId(), e.stageId(), time).ended(StageState.FAILED, time);
      return update("stage", e.stageId());
    }
    if (event instanceof SchedulerEvent.JobSucceeded e) {
      job(e.jobId(), time).ended(JobState.SUCCEEDED, null, time);
      evictJobs();
      return update("job", e.jobId());
    }
    if (event instanceof SchedulerEvent.JobFailed e) {
      onJobFailed(e, time);
      evictJobs();
      return update("job", e.jobId());
    }
    if (event instanceof SchedulerEvent.ExecutorRegistered e) {
      ExecutorState executor = executor(e.executorId());
      executor.slots = e.slots();
      executor.status = ExecutorState.ALIVE;
      return new UiUpdate(appId, "executor", e.executorId());
    }
    if (event instanceof SchedulerEvent.ExecutorRemoved e) {
      executor(e.executorId()).status = ExecutorState.DEAD;
      evictExecutors();
      return new UiUpdate(appId, "executor", e.executorId());
    }
    if (event instanceof SchedulerEvent.ApplicationStarted e) {
      name = e.name();
      master = e.master();
      uiUrl = e.uiUrl();
      startTime = time;
      return new UiUpdate(appId, "application", appId);
    }
    if (event instanceof SchedulerEvent.ApplicationEnded) {
      endTime = time;
      return new UiUpdate(appId, "application", appId);
    }
    // SlotOffered, TaskQueued: nothing the UI shows
    return null;
  }

  private void onJobSubmitted(SchedulerEvent.JobSubmitted e, long time) {
    JobState job = job(e.jobId(), time);
    job.description = e.description();
    job.plans = e.plans();
    for (int stageId : e.stageIds()) {
      stage(e.jobId(), stageId, time);
    }
    for (StageInfo info : e.stages()) {
      stage(e.jobId(), info.stageId(), time).describe(info);
    }
  }

  private void onJobFailed(SchedulerEvent.JobFailed e, long time) {
    JobState job = job(e.jobId(), time);
    job.ended(JobState.FAILED, e.reason(), time);
    for (int stageId : job.stageIds) {
      StageState stage = stages.get(stageId);
      if (stage == null) {
        continue;
      }
      for (TaskAttemptState killed : stage.killRunning("killed: job " + e.jobId() + " failed", time)) {
        ExecutorState executor = executor(killed.executorId);
        executor.activeTasks--;
        executor.failedTasks++;
      }
    }
  }

  private JobState job(int jobId, long time) {
    return jobs.computeIfAbsent(jobId, id -> new JobState(id, time));
  }

  private StageState stage(int jobId, int stageId, long time) {
    StageState stage = stages.computeIfAbsent(stageId, id -> new StageState(id, jobId));
    JobState job = job(jobId, time);
    if (!job.stageIds.contains(stageId)) {
      job.stageIds.add(stageId);
    }
    return stage;
  }

  private ExecutorState executor(String executorId) {
    return executors.computeIfAbsent(executorId, id -> new ExecutorState(id, 0));
  }

  private void evictJobs() {
    Iterator<JobState> it = jobs.values().iterator();
    while (jobs.size() > maxJobs && it.hasNext()) {
      JobState job = it.next();
      if (job.finished()) {
        it.remove();
        job.stageIds.forEach(stages::remove);
      }
    }
  }

  private void evictExecutors() {
    long dead = executors.values().stream().filter(e -> ExecutorState.DEAD.equals(e.status)).count();
    Iterator<ExecutorState> it = executors.values().iterator();
    while (dead > MAX_DEAD_EXECUTORS && it.hasNext()) {
      if (ExecutorState.DEAD.equals(it.next().status)) {
        it.remove();
        dead--;
      }
    }
  }

  private UiUpdate update(String kind, int id) {
    return new UiUpdate(appId, kind, Integer.toString(id));
  }

  @Override
  public String toString() {
    return "AppStatusStore[" + appId + "]";
  }
}
