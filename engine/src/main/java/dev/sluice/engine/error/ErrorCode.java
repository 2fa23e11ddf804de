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
  /** An executor ran out of memory for a task. */
  EXCEEDED_MEMORY_LIMIT(ErrorType.INSUFFICIENT_RESOURCES),
  /** A reducer could not read a map task's shuffle output (file lost, executor gone). */
  SHUFFLE_OUTPUT_LOST(ErrorType.INSUFFICIENT_RESOURCES),
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
