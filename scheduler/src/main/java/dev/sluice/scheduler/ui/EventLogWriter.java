package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an application's scheduler events to {@code <directory>/<appId>.jsonl.inprogress}, one
 * JSON object per line ({@code {"time":...,"type":"...","event":{...}}}, see {@link
 * EventLogReplay}), and renames the file to {@code <appId>.jsonl} when closed. {@link #onEvent}
 * only queues the event: a background daemon thread serializes and writes, flushing whenever the
 * queue runs empty (no fsync). A write error is logged once and the rest of the log is dropped;
 * the application goes on.
 */
public final class EventLogWriter implements SchedulerListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);
  private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]+");
  private static final long CLOSE_WAIT_MILLIS = 10_000;
  private static final Queued END = new Queued(null, 0);

  private record Queued(SchedulerEvent event, long time) {}

  private final EventLogFormat format = new EventLogFormat();
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Path inProgress;
  private final Path finished;
  private final BufferedWriter out;
  private final Thread thread;
  private volatile boolean closed;

  private EventLogWriter(Path inProgress, Path finished, BufferedWriter out, String appId) {
    this.inProgress = inProgress;
    this.finished = finished;
    this.out = out;
    this.thread = new Thread(this::drain, "sluice-event-log-" + appId);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Creates the directory if needed and starts a log for the application.
   *
   * @param directory where event logs go
   * @param appId the application's id (letters, digits, '.', '_' and '-'): the file's name
   * @throws UncheckedIOException when the file cannot be created, or a log of this application exists
   */
  public static EventLogWriter open(Path directory, String appId) {
    requireNonNull(directory, "directory is null");
    requireNonNull(appId, "appId is null");
    if (!APP_ID.matcher(appId).matches()) {
      throw new IllegalArgumentException("appId must consist of letters, digits, '.', '_' and '-' to name an event"
          + " log file, got '" + appId + "'");
    }
    Path inProgress = directory.resolve(appId + EventLogFormat.IN_PROGRESS_SUFFIX);
    Path finished = directory.resolve(appId + EventLogFormat.SUFFIX);
    try {
      Files.createDirectories(directory);
      if (Files.exists(finished)) {
        throw new IOException("an event log of application " + appId + " already exists: " + finished);
      }
      BufferedWriter out = Files.newBufferedWriter(inProgress, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return new EventLogWriter(inProgress, finished, out, appId);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the event log " + inProgress + " in the event log directory "
          + directory + ": " + e.getMessage(), e);
    }
  }

  /** The file being written now (renamed when closed). */
  public Path file() {
    return closed ? finished : inProgress;
  }

  @Override
  public void onEvent(SchedulerEvent event) {
    onEvent(event, System.currentTimeMillis());
  }

  @Override
  public void onEvent(SchedulerEvent event, long timeMillis) {
    if (!closed) {
      queue.add(new Queued(requireNonNull(event, "event is null"), timeMillis));
    }
  }

  private void drain() {
    boolean failed = false;
    while (true) {
      Queued next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == END) {
        return;
      }
      if (failed) {
        continue;
      }
      try {
        out.write(format.write(next.event(), next.time()));
        out.newLine();
        if (queue.isEmpty()) {
          out.flush();
        }
      } catch (IOException | RuntimeException e) {
        failed = true;
        LOG.error("Cannot write the event log {}; the rest of this application's events are not logged", inProgress,
            e);
      }
    }
  }

  /**
   * Writes what was queued (waiting at most 10 s), closes the file and renames it to {@code
   * <appId>.jsonl}. Events after this are ignored.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(END);
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      LOG.warn("The event log {} was not written out within {} ms; closing it anyway", inProgress, CLOSE_WAIT_MILLIS);
      try {
        thread.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      out.close();
      Files.move(inProgress, finished, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the event log " + inProgress + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "EventLogWriter[" + file() + "]";
  }
}
