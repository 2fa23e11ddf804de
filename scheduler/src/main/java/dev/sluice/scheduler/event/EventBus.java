package dev.sluice.scheduler.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans scheduler events out to listeners; a listener that throws is logged and kept. */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(SchedulerListener listener) {
    listeners.add(listener);
  }

  public void removeListener(SchedulerListener listener) {
    listeners.remove(listener);
  }

  public void publish(SchedulerEvent event) {
    long now = System.currentTimeMillis();
    for (SchedulerListener listener : listeners) {
      try {
        listener.onEvent(event, now);
      } catch (RuntimeException e) {
        LOG.warn("Scheduler listener {} failed on {}", listener, event, e);
      }
    }
  }
}
