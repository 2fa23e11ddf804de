package dev.sluice.engine.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Sluice raises to users. It carries an {@link ErrorCode} (and so an
 * {@link ErrorType}) so that callers and the scheduler can decide about retries without parsing
 * messages. Internal errors say "this is a bug" in their text.
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public EngineException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public EngineException(ErrorCode code, String message, Throwable cause) {
    super(decorate(requireNonNull(code, "code is null"), message), cause);
    this.code = code;
  }

  private static String decorate(ErrorCode code, String message) {
    return code.type() == ErrorType.INTERNAL_ERROR
        ? message + " (this is a bug in Sluice, please report it)"
        : message;
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorType type() {
    return code.type();
  }
}
