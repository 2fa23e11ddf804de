package dev.sluice.scheduler.event;

import static java.util.Objects.requireNonNull;

/**
 * One plan of a job as text, e.g. the optimized logical plan.
 *
 * @param title what plan it is ("Logical", "Optimized", "Physical")
 * @param text the plan, one operator per line, children indented
 */
public record PlanText(String title, String text) {
  public PlanText {
    requireNonNull(title, "title is null");
    requireNonNull(text, "text is null");
  }
}
