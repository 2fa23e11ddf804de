package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import dev.sluice.scheduler.ui.AppStatusStore;
import dev.sluice.scheduler.ui.ConsoleProgress;
import dev.sluice.scheduler.ui.EventLogWriter;
import dev.sluice.scheduler.ui.UiServer;
import dev.sluice.scheduler.ui.UiSettings;
import dev.sluice.scheduler.ui.api.AllocatorUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who watches a session's scheduler events: the status store behind the web UI and the UI server
 * itself, the event log, and the console progress line, each as configured. Events published while
 * the session starts (executors registering) are held by a {@link Buffer} until these exist, so none
 * is missed.
 */
final class SessionObservers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionObservers.class);

  private final EventBus events;
  private final String appId;
  private final UiServer ui;
  private final EventLogWriter eventLog;
  private final ConsoleProgress progress;

  private SessionObservers(EventBus events, String appId, UiServer ui, EventLogWriter eventLog,
      ConsoleProgress progress) {
    this.events = events;
    this.appId = appId;
    this.ui = ui;
    this.eventLog = eventLog;
    this.progress = progress;
  }

  /** Holds the events of a starting session until its observers exist. */
  static final class Buffer implements SchedulerListener {
    private final List<Object[]> held = new ArrayList<>();
    private List<SchedulerListener> targets;

    @Override
    public void onEvent(SchedulerEvent event) {
      onEvent(event, System.currentTimeMillis());
    }

    @Override
    public synchronized void onEvent(SchedulerEvent event, long timeMillis) {
      if (targets == null) {
        held.add(new Object[] {event, timeMillis});
      } else {
        targets.forEach(target -> target.onEvent(event, timeMillis));
      }
    }

    /** Replays what was held to {@code listeners}, then forwards everything to them. */
    synchronized void release(List<SchedulerListener> listeners) {
      targets = List.copyOf(listeners);
      for (Object[] entry : held) {
        targets.forEach(target -> target.onEvent((SchedulerEvent) entry[0], (Long) entry[1]));
      }
      held.clear();
    }
  }

  /**
   * Starts what {@code config} asks for and announces the application.
   *
   * @param config the session's settings
   * @param buffer the buffer that has held the session's events so far
   * @param events the session's event bus
   * @param scheduler its scheduler (whose actor system serves the UI)
   * @param appId the application's id
   * @param appName its name
   * @param master where it runs
   * @param allocator the session's root allocator (the UI shows its allocators)
   */
  static SessionObservers start(SluiceConfig config, Buffer buffer, EventBus events, SchedulerSystem scheduler,
      String appId, String appName, String master, BufferAllocator allocator) {
    requireNonNull(buffer, "buffer is null");
    List<SchedulerListener> listeners = new ArrayList<>();
    UiServer ui = null;
    EventLogWriter eventLog = null;
    ConsoleProgress progress = null;
    try {
      if (config.getChoice(SluiceConfig.EVENT_LOG_ENABLED, "false", "true", "false").equals("true")) {
        Path directory = Path.of(config.get(SluiceConfig.EVENT_LOG_DIR, "/tmp/sluice-events"));
        try {
          eventLog = EventLogWriter.open(directory, appId);
        } catch (RuntimeException e) {
          throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Cannot write the event log in " + directory
              + " (" + SluiceConfig.EVENT_LOG_DIR + "): " + e.getMessage(), e);
        }
        listeners.add(eventLog);
      }
      if (config.getChoice(SluiceConfig.UI_ENABLED, "true", "true", "false").equals("true")) {
        AppStatusStore store = new AppStatusStore(appId, appName, master);
        listeners.add(store);
        UiSettings settings = new UiSettings(config.get(SluiceConfig.UI_HOST, "127.0.0.1"),
            config.getInt(SluiceConfig.UI_PORT, 4040, 0));
        ui = UiServer.forApplication(scheduler.system(), settings, store, memory(allocator));
        LOG.info("Sluice UI for application {} at {}", appId, ui.url());
      }
      boolean terminal = System.console() != null;
      if (config.getChoice(SluiceConfig.UI_CONSOLE_PROGRESS, String.valueOf(terminal), "true", "false")
          .equals("true")) {
        progress = new ConsoleProgress(System.err);
        listeners.add(progress);
      }
    } catch (RuntimeException e) {
      closeQuietly(ui);
      closeQuietly(eventLog);
      closeQuietly(progress);
      throw e;
    }
    buffer.release(listeners);
    SessionObservers observers = new SessionObservers(events, appId, ui, eventLog, progress);
    events.publish(new SchedulerEvent.ApplicationStarted(appId, appName, master,
        observers.uiUrl().orElse(null)));
    return observers;
  }

  /** The session's allocators as the Executors page shows them: the root and each task's child. */
  private static Supplier<List<AllocatorUsage>> memory(BufferAllocator root) {
    return () -> {
      List<AllocatorUsage> usage = new ArrayList<>();
      usage.add(new AllocatorUsage(root.getName(), root.getAllocatedMemory(), root.getPeakMemoryAllocation()));
      for (BufferAllocator child : root.getChildAllocators()) {
        usage.add(new AllocatorUsage(child.getName(), child.getAllocatedMemory(), child.getPeakMemoryAllocation()));
      }
      return usage;
    };
  }

  Optional<String> uiUrl() {
    return ui == null ? Optional.empty() : Optional.of(ui.url());
  }

  /** Announces the end, then stops the UI and closes the event log (renamed to its final name). */
  @Override
  public void close() {
    events.publish(new SchedulerEvent.ApplicationEnded(appId));
    closeQuietly(progress);
    closeQuietly(ui);
    closeQuietly(eventLog);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Closing {} failed", closeable, e);
    }
  }
}
