package dev.sluice.engine.error;

/** Every error Sluice raises has one of these codes; the code decides the {@link ErrorType}. */
public enum ErrorCode {
  /** A setting has a value that is not allowed (the message names the setting). */
  INVALID_CONFIGURATION(ErrorType.USER_ERROR),
  /** An argument to the Dataset API is out of range or missing. */
  INVALID_ARGUMENT(ErrorType.USER_ERROR),
  /** A user function, or something it captures, cannot be serialized for the executors. */
  TASK_NOT_SERIALIZABLE(ErrorType.USER_ERROR),
  /** An input path or glob matched nothing, or cannot be read. */
  INPUT_NOT_FOUND(ErrorType.USER_ERROR),
  /** The output location of a write already exists. */
  OUTPUT_EXISTS(ErrorType.USER_ERROR),
  /** A value could not be encoded into, or decoded from, an Arrow column. */
  ENCODING_FAILED(ErrorType.USER_ERROR),
  /** A reduce was called on an empty dataset. */
  EMPTY_DATASET(ErrorType.USER_ERROR),
  /** A task failed more often than {@code sluice.task.maxAttempts} allows; the cause is the last failure. */
  TASK_FAILED(ErrorType.USER_ERROR),
  /** The job was cancelled, for example because its session was closed. */
  JOB_CANCELLED(ErrorType.USER_ERROR),
  /** A column name that the input does not have (the message lists the columns it has). */
  COLUMN_NOT_FOUND(ErrorType.USER_ERROR),
  /** A column name that more than one input column answers to (the message says which). */
  AMBIGUOUS_REFERENCE(ErrorType.USER_ERROR),
  /** An operand or argument of the wrong type (the message names the expression and both types). */
  TYPE_MISMATCH(ErrorType.USER_ERROR),
  /** A query that cannot be planned as written, e.g. a column neither grouped nor aggregated. */
  INVALID_QUERY(ErrorType.USER_ERROR),
  /** A malformed input record under FAILFAST (the message names file, line, column, what was expected). */
  MALFORMED_RECORD(ErrorType.USER_ERROR),
  /** A value that does not fit its type (e.g. a decimal beyond 64-bit unscaled range), naming the expression. */
  NUMERIC_OVERFLOW(ErrorType.USER_ERROR),
  /** A type the columnar path does not support here (naming the column and type). */
  UNSUPPORTED_TYPE(ErrorType.USER_ERROR),
  /** An executor ran out of memory for a task. */
  EXCEEDED_MEMORY_LIMIT(ErrorType.INSUFFICIENT_RESOURCES),
  /** A reducer could not read a map task's shuffle output (file lost, executor gone). */
  SHUFFLE_OUTPUT_LOST(ErrorType.INSUFFICIENT_RESOURCES),
  /**
   * The executor running a task was lost (its actor stopped or its machine left the cluster); the
   * message names the executor. Its tasks run again elsewhere and its map outputs are recomputed.
   */
  EXECUTOR_LOST(ErrorType.INSUFFICIENT_RESOURCES),
  /** A task's operators could not keep within the memory budget even by spilling. */
  SPILL_FAILED(ErrorType.INSUFFICIENT_RESOURCES),
  /** No executor is available to run the job. */
  NO_EXECUTORS(ErrorType.INSUFFICIENT_RESOURCES),
  /** Something that must never happen did: this is a bug in Sluice. */
  INTERNAL(ErrorType.INTERNAL_ERROR);

  private final ErrorType type;

  ErrorCode(ErrorType type) {
    this.type = type;
  }

  public ErrorType type() {
    return type;
  }
}
