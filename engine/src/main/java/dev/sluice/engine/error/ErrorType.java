package dev.sluice.engine.error;

/**
 * The category of an {@link ErrorCode}. Retry decisions depend on it: a {@link #USER_ERROR} is never
 * retried as a whole job, {@link #INSUFFICIENT_RESOURCES} may succeed elsewhere, and an
 * {@link #INTERNAL_ERROR} is a bug in Sluice.
 */
public enum ErrorType {
  USER_ERROR,
  INTERNAL_ERROR,
  INSUFFICIENT_RESOURCES
}
