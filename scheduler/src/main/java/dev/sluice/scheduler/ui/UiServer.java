package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.cluster.MasterProtocol;
import dev.sluice.scheduler.ui.api.AllocatorUsage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web UI server (Pekko HTTP on the given actor system): a driver's for its application, the
 * history server's for finished applications' event logs, or a master's for its cluster. All three
 * serve the same page ({@code /} and {@code /static/...}) and the REST API under {@code /api/v1}
 * with live updates on {@code /api/v1/events}; see {@code scheduler/README.md} for the routes.
 *
 * <p>The factories bind before returning: at {@link UiSettings#port()}, or, when that port is
 * taken, the next free one of the following {@value UiSettings#PORT_RETRIES} (as Spark's UI moves
 * from 4040 to 4041); port 0 binds any free port. Closing unbinds, ends the open event streams and
 * waits a bounded time for requests in flight.
 */
public final class UiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(2);

  private final ServerBinding binding;
  private final UiRoutes routes;
  private final String url;

  private UiServer(ServerBinding binding, UiRoutes routes, String url) {
    this.binding = binding;
    this.routes = routes;
    this.url = url;
  }

  /**
   * A driver's UI for its application.
   *
   * @param system the actor system to serve on (the session's)
   * @param settings where to listen
   * @param store the application's status
   * @param memory the Arrow allocators in use, read on each executors request: the list is shown on
   *     every alive executor of the application (in local mode the executors share the driver's
   *     allocators; pass {@code List::of} where they do not)
   */
  public static UiServer forApplication(ActorSystem<?> system, UiSettings settings, AppStatusStore store,
      Supplier<List<AllocatorUsage>> memory) {
    requireNonNull(store, "store is null");
    requireNonNull(memory, "memory is null");
    return start(system, settings, new UiRoutes(() -> List.of(store), memory, null, UiRoutes.RESOURCES,
        UpdateStream.HEARTBEAT));
  }

  /**
   * The history server's UI: read-only, lists the given applications and serves each under {@code
   * /api/v1/applications/{app}/...}.
   *
   * @param system the actor system to serve on
   * @param settings where to listen
   * @param stores the applications, read on each request (e.g. replayed event logs, cached by the caller)
   */
  public static UiServer forHistory(ActorSystem<?> system, UiSettings settings, Supplier<List<AppStatusStore>> stores) {
    requireNonNull(stores, "stores is null");
    return start(system, settings, new UiRoutes(stores, List::of, null, UiRoutes.RESOURCES, UpdateStream.HEARTBEAT));
  }

  /**
   * A master's UI: {@code /api/v1/cluster} answers the cluster's workers and applications; {@code
   * /api/v1/applications} is empty.
   *
   * @param system the actor system to serve on (the master's)
   * @param settings where to listen
   * @param state asks the master for its state, once per request
   */
  public static UiServer forMaster(ActorSystem<?> system, UiSettings settings,
      Supplier<CompletionStage<MasterProtocol.ClusterState>> state) {
    requireNonNull(state, "state is null");
    return start(system, settings, new UiRoutes(List::of, List::of, state, UiRoutes.RESOURCES,
        UpdateStream.HEARTBEAT));
  }

  static UiServer start(ActorSystem<?> system, UiSettings settings, UiRoutes routes) {
    requireNonNull(system, "system is null");
    requireNonNull(settings, "settings is null");
    int last = settings.port() == 0 ? 0 : Math.min(65535, settings.port() + UiSettings.PORT_RETRIES);
    Throwable lastError = null;
    for (int port = settings.port(); port <= last; port++) {
      if (port != 0) {
        // Pekko logs a failed bind as an error with its stack trace: try the port quietly first
        IOException taken = probe(settings.host(), port);
        if (taken != null) {
          lastError = taken;
          continue;
        }
      }
      try {
        ServerBinding binding = Http.get(system).newServerAt(settings.host(), port).bind(routes.route())
            .toCompletableFuture()
            .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String url = "http://" + urlHost(settings.host()) + ":" + binding.localAddress().getPort();
        if (port != settings.port()) {
          LOG.info("Port {} was taken; the UI listens on {}", settings.port(), url);
        }
        return new UiServer(binding, routes, url);
      } catch (ExecutionException e) {
        lastError = e.getCause();
      } catch (TimeoutException e) {
        lastError = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the UI on " + settings.host() + ":" + port, e);
      }
    }
    String ports = settings.port() == last ? "port " + last : "ports " + settings.port() + " to " + last;
    throw new IllegalStateException("The UI cannot listen on " + settings.host() + " " + ports + " (last error: "
        + lastError + "); set sluice.ui.port to a free port (0 for any free port) or sluice.ui.enabled=false",
        lastError);
  }

  /** Null when the port could be bound now, else why not. */
  private static IOException probe(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, port));
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Where the UI is, {@code http://host:port}. */
  public String url() {
    return url;
  }

  /** The port it listens on. */
  public int port() {
    return binding.localAddress().getPort();
  }

  UpdateStream updates() {
    return routes.updates();
  }

  /** Stops listening, ends open event streams and waits (at most a few seconds) for requests in flight. */
  @Override
  public void close() {
    routes.updates().closeAll();
    try {
      binding.terminate(CLOSE_DEADLINE).toCompletableFuture()
          .get(CLOSE_DEADLINE.toMillis() + 3000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("The UI at {} did not stop cleanly: {}", url, e.toString());
    }
  }

  @Override
  public String toString() {
    return "UiServer[" + url + "]";
  }
}
