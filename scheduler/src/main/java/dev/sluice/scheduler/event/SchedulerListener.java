package dev.sluice.scheduler.event;

/**
 * Receives scheduler events. Called on the scheduler's actor threads: it must return quickly and
 * must not block; copy the event somewhere and work on it elsewhere.
 */
@FunctionalInterface
public interface SchedulerListener {
  void onEvent(SchedulerEvent event);

  /**
   * The event with the wall-clock time it was published (what the UI's status store and the event
   * log use; replaying a log calls this with the logged time). By default, {@link #onEvent(SchedulerEvent)}.
   */
  default void onEvent(SchedulerEvent event, long timeMillis) {
    onEvent(event);
  }
}
