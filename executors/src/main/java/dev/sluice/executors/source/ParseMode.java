package dev.sluice.executors.source;

/** What a CSV or JSON reader does with a malformed record (Spark's {@code mode} option). */
public enum ParseMode {
  /**
   * Keep the row: fields that do not parse become null, and the raw line goes to the
   * corrupt-record column if the schema declares one.
   */
  PERMISSIVE,
  /** Drop the row and count it in the operator's metrics. */
  DROPMALFORMED,
  /** Fail the task with an error naming the file, line, column and expected type. */
  FAILFAST
}
