package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

/**
 * Where a plan node came from in the user's program, e.g. {@code map at WordCount.java:31}.
 * Stage names, explain output and error messages use it.
 *
 * @param operation the Dataset method that created the node
 * @param callSite the user's source file and line, or {@code "unknown"}
 */
public record Origin(String operation, String callSite) {
  public Origin {
    requireNonNull(operation, "operation is null");
    requireNonNull(callSite, "callSite is null");
  }

  @Override
  public String toString() {
    return operation + " at " + callSite;
  }
}
