package dev.sluice.scheduler.event;

/**
 * Receives scheduler events. Called on the scheduler's actor threads: it must return quickly and
 * must not block; copy the event somewhere and work on it elsewhere.
 */
@FunctionalInterface
public interface SchedulerListener {
  void onEvent(SchedulerEvent event);
}
