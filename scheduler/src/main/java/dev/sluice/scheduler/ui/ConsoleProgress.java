package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console progress line of running stages, redrawn in place ({@code \r}) by a daemon thread at
 * most every 200 ms, e.g. {@code [Stage 3 (reduceByKey at X.java:12): 12+2/40 | 7s | ~3s left]}
 * (12 tasks done, 2 running, 40 in all, running for 7 s, about 3 s left; see {@link
 * StageProgress#estimateMillis()}); several running stages stand side by side. The line is cleared
 * when no stage runs, and nothing is written while none does. The caller decides whether to use it
 * (e.g. only when stderr is a terminal).
 */
public final class ConsoleProgress implements SchedulerListener, AutoCloseable {
  /** The shortest time between two redraws. */
  public static final long REDRAW_MILLIS = 200;
  private static final int MAX_NAME = 40;

  private final PrintStream out;
  private final Thread thread;
  /** Running stages by id, guarded by {@code this}. */
  private final Map<Integer, StageRun> stages = new LinkedHashMap<>();
  private final Map<String, Integer> slots = new HashMap<>();
  /** Length of the line on screen now; only the drawing thread touches it. */
  private int shown;
  private volatile boolean closed;

  /** Per-stage counters of the run in progress. */
  private static final class StageRun {
    final int jobId;
    final String name;
    final int tasks;
    final long start;
    final Map<Long, Long> launched = new HashMap<>();
    int completed;
    long completedMillis;
    int timed;

    StageRun(int jobId, String name, int tasks, long start) {
      this.jobId = jobId;
      this.name = name;
      this.tasks = tasks;
      this.start = start;
    }
  }

  /** Starts the drawing thread; {@link #close()} stops it. */
  public ConsoleProgress(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
    this.thread = new Thread(this::run, "sluice-console-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void onEvent(SchedulerEvent event) {
    onEvent(event, System.currentTimeMillis());
  }

  @Override
  public synchronized void onEvent(SchedulerEvent event, long time) {
    if (event instanceof SchedulerEvent.StageSubmitted e) {
      stages.put(e.stageId(), new StageRun(e.jobId(), e.name(), e.tasks(), time));
    } else if (event instanceof SchedulerEvent.TaskLaunched e) {
      StageRun stage = stages.get(e.key().stageId());
      if (stage != null) {
        stage.launched.put(key(e.key().partition(), e.attempt()), time);
      }
    } else if (event instanceof SchedulerEvent.TaskSucceeded e) {
      StageRun stage = stages.get(e.key().stageId());
      if (stage != null) {
        stage.completed++;
        Long launch = stage.launched.remove(key(e.key().partition(), e.attempt()));
        if (launch != null) {
          stage.completedMillis += time - launch;
          stage.timed++;
        }
      }
    } else if (event instanceof SchedulerEvent.TaskFailed e) {
      StageRun stage = stages.get(e.key().stageId());
      if (stage != null) {
        stage.launched.remove(key(e.key().partition(), e.attempt()));
      }
    } else if (event instanceof SchedulerEvent.StageCompleted e) {
      stages.remove(e.stageId());
    } else if (event instanceof SchedulerEvent.StageFailed e) {
      stages.remove(e.stageId());
    } else if (event instanceof SchedulerEvent.JobSucceeded e) {
      removeJob(e.jobId());
    } else if (event instanceof SchedulerEvent.JobFailed e) {
      removeJob(e.jobId());
    } else if (event instanceof SchedulerEvent.ExecutorRegistered e) {
      slots.put(e.executorId(), e.slots());
    } else if (event instanceof SchedulerEvent.ExecutorRemoved e) {
      slots.remove(e.executorId());
    }
  }

  private void removeJob(int jobId) {
    for (Iterator<StageRun> it = stages.values().iterator(); it.hasNext(); ) {
      if (it.next().jobId == jobId) {
        it.remove();
      }
    }
  }

  /** The running stages now, in the order they were submitted. */
  synchronized List<StageProgress> snapshot() {
    int allSlots = slots.values().stream().mapToInt(Integer::intValue).sum();
    List<StageProgress> result = new ArrayList<>();
    for (Map.Entry<Integer, StageRun> entry : stages.entrySet()) {
      StageRun run = entry.getValue();
      result.add(new StageProgress(entry.getKey(), run.name, run.tasks, run.completed, run.launched.size(), run.start,
          run.timed == 0 ? -1 : run.completedMillis / run.timed, allSlots));
    }
    return result;
  }

  /**
   * The progress line for these stages, without {@code \r}: for each stage {@code [Stage <id>
   * (<name>): <completed>+<running>/<total> | <elapsed> | ~<estimate> left]}, the estimate left out
   * before a task of the stage succeeded; names longer than 40 characters are cut to 37 and
   * {@code ...}. Empty when no stage runs.
   */
  public static String render(List<StageProgress> stages, long nowMillis) {
    StringBuilder line = new StringBuilder();
    for (StageProgress stage : stages) {
      String name = stage.name().length() > MAX_NAME ? stage.name().substring(0, MAX_NAME - 3) + "..." : stage.name();
      line.append("[Stage ").append(stage.stageId());
      if (!name.isEmpty()) {
        line.append(" (").append(name).append(')');
      }
      line.append(": ").append(stage.completedTasks()).append('+').append(stage.runningTasks()).append('/')
          .append(stage.totalTasks()).append(" | ")
          .append(formatDuration(Math.max(0, nowMillis - stage.startMillis()), false));
      long estimate = stage.estimateMillis();
      if (estimate >= 0) {
        line.append(" | ~").append(formatDuration(estimate, true)).append(" left");
      }
      line.append(']');
    }
    return line.toString();
  }

  /**
   * What to print to replace a line of {@code shownLength} characters with {@code line}: {@code \r},
   * the line, and spaces over what is left of the old one; to clear (an empty line) also a final
   * {@code \r}. Empty when both are empty.
   */
  static String frame(String line, int shownLength) {
    if (line.isEmpty() && shownLength == 0) {
      return "";
    }
    String padding = " ".repeat(Math.max(0, shownLength - line.length()));
    return "\r" + line + padding + (line.isEmpty() ? "\r" : "");
  }

  /** {@code 7s}, {@code 2m05s}, {@code 1h02m}; seconds rounded down, or up when {@code roundUp}. */
  static String formatDuration(long millis, boolean roundUp) {
    long seconds = roundUp ? (millis + 999) / 1000 : millis / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
  }

  private void run() {
    String last = "";
    while (!closed) {
      try {
        Thread.sleep(REDRAW_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
      String line = render(snapshot(), System.currentTimeMillis());
      if (!line.equals(last)) {
        draw(line);
        last = line;
      }
    }
    draw("");
  }

  private void draw(String line) {
    String frame = frame(line, shown);
    if (!frame.isEmpty()) {
      out.print(frame);
      out.flush();
      shown = line.length();
    }
  }

  /** Stops the drawing thread and clears the line. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long key(int partition, int attempt) {
    return ((long) partition << 32) | (attempt & 0xffffffffL);
  }
}
