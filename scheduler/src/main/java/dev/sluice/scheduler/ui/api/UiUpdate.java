package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * Something changed: the data of an {@code update} event on {@code GET /api/v1/events}. Pages
 * refetch what they show.
 *
 * @param app the application
 * @param kind {@code application}, {@code job}, {@code stage}, {@code task} or {@code executor}
 * @param id what changed: the application's id, the job's id, the stage's id, for {@code task} the
 *     id of the task's stage, or the executor's id
 */
public record UiUpdate(String app, String kind, String id) {
  public UiUpdate {
    requireNonNull(app, "app is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(id, "id is null");
  }
}
