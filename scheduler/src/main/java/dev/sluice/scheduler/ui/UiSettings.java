package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

/**
 * Where a web UI listens.
 *
 * @param host the address to bind ({@code sluice.ui.host}; {@value #LOCALHOST} keeps the UI to
 *     this machine, {@code 0.0.0.0} opens it to every interface)
 * @param port the first port to try ({@code sluice.ui.port}); when taken, the next {@value
 *     #PORT_RETRIES} ports are tried in turn; 0 binds any free port
 */
public record UiSettings(String host, int port) {
  /** The default host: the UI is reachable from this machine only. */
  public static final String LOCALHOST = "127.0.0.1";
  /** The driver UI's default port, as Spark's. */
  public static final int DEFAULT_PORT = 4040;
  /** How many ports after {@code port} are tried when it is taken. */
  public static final int PORT_RETRIES = 16;

  public UiSettings {
    requireNonNull(host, "host is null");
    if (host.isBlank()) {
      throw new IllegalArgumentException("sluice.ui.host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("sluice.ui.port must be between 0 and 65535, got " + port);
    }
  }

  /** Binds {@value #LOCALHOST} on this port. */
  public static UiSettings localhost(int port) {
    return new UiSettings(LOCALHOST, port);
  }
}
