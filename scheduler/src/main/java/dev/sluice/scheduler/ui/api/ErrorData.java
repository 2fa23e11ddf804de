package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * The body of an error answer, e.g. a 404 naming what was not found.
 *
 * @param error what went wrong
 */
public record ErrorData(String error) {
  public ErrorData {
    requireNonNull(error, "error is null");
  }
}
