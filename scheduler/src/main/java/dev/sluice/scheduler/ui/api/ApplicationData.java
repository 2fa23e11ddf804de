package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * An application ({@code GET /api/v1/applications}).
 *
 * @param id the application's id
 * @param name its name
 * @param master where it runs, e.g. {@code local[4]}
 * @param startTime when it started (epoch millis), -1 when unknown
 * @param endTime when it ended, -1 while it runs
 * @param completed whether it ended (false for an event log that was not closed)
 * @param uiUrl its live web UI, or null
 */
public record ApplicationData(String id, String name, String master, long startTime, long endTime, boolean completed,
    String uiUrl) {
  public ApplicationData {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(master, "master is null");
  }
}
