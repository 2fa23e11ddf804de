package dev.sluice.engine.exec;

/**
 * Counters one operator keeps about itself while a task runs. Written by the task's thread only;
 * read after the task ends.
 */
public final class OperatorMetrics {
  private final String operator;
  private long rowsOut;
  private long batchesOut;
  private long nanos;
  private long droppedRecords;

  public OperatorMetrics(String operator) {
    this.operator = operator;
  }

  public String operator() {
    return operator;
  }

  /** Records a batch handed out. */
  public void recordOutput(int rows) {
    rowsOut += rows;
    batchesOut++;
  }

  /** Adds time spent in this operator itself (not in its inputs). */
  public void addNanos(long elapsed) {
    nanos += elapsed;
  }

  /** Records input records dropped as malformed (a DROPMALFORMED file scan). */
  public void addDroppedRecords(long count) {
    droppedRecords += count;
  }

  public long rowsOut() {
    return rowsOut;
  }

  public long batchesOut() {
    return batchesOut;
  }

  public long nanos() {
    return nanos;
  }

  /** Input records dropped as malformed. */
  public long droppedRecords() {
    return droppedRecords;
  }

  @Override
  public String toString() {
    return operator + "[rows=" + rowsOut + ", batches=" + batchesOut + ", ms=" + nanos / 1_000_000
        + (droppedRecords > 0 ? ", dropped=" + droppedRecords : "") + "]";
  }
}
