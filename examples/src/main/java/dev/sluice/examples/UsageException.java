package dev.sluice.examples;

/**
 * A command line that cannot be run as given: an unknown subcommand, flag or name, a missing or
 * malformed value. Its message names the offending word and, where there is a fixed set of choices,
 * lists them. {@link Launcher} prints the message and exits with {@link Launcher#EXIT_USAGE}.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage error whose message is shown to the user as is. */
  public UsageException(String message) {
    super(message);
  }
}
