package dev.sluice.executors.operator;

import dev.sluice.engine.plan.Origin;

/**
 * Carries an exception thrown by a user function out of an operator, with where the function was
 * defined. The task runner unwraps it, so the job's error has the user's own exception as its
 * cause.
 */
public final class UserFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Origin origin;

  public UserFunctionException(Origin origin, Throwable userException) {
    super("User function failed in " + origin + ": " + userException, userException);
    this.origin = origin;
  }

  /** Where the failing function was passed to Sluice, or null if not known. */
  public Origin origin() {
    return origin;
  }

  /** Runs a user function call, wrapping anything it throws. */
  public static <T> T call(Origin origin, UserCall<T> call) {
    try {
      return call.call();
    } catch (UserFunctionException e) {
      throw e;
    } catch (Exception e) {
      throw new UserFunctionException(origin, e);
    }
  }

  /** A call into user code. */
  @FunctionalInterface
  public interface UserCall<T> {
    T call() throws Exception;
  }
}
