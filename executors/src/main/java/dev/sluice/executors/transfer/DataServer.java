package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.cluster.ClusterKeys;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Arrow Flight data server: the bulk-data plane of cluster mode (shuffle blocks, map output
 * tables, large task binaries and results), beside the actor messages, which stay small.
 *
 * <p>Names are {@code prefix/rest}. {@link #serve} answers a getStream whose ticket is the UTF-8
 * name; {@link #accept} takes a doPut whose descriptor is the path {@code [prefix, rest]}. A blob
 * travels as a stream of 1 MiB binary chunks (see {@link DataClient}); the server streams it from
 * the source's {@code InputStream} without holding it whole, one bounded pool of daemon threads
 * sending, each waiting for its client (backpressure).
 *
 * <p>With a {@link ClusterKeys cluster key} the server speaks {@code grpc+tls} with the key's
 * certificate and requires every client to present a certificate signed by it (mutual TLS: the
 * certificate is self-signed and shared, so holding the cluster key is what admits a client);
 * without one it speaks plaintext {@code grpc+tcp} (tests, or a trusted single machine).
 */
public final class DataServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);
  private static final int SENDER_THREADS = Math.max(4, Runtime.getRuntime().availableProcessors());
  /** How often clients may ping an idle call (they ping every 30 s, see {@link DataClient}). */
  private static final long PERMIT_KEEP_ALIVE_SECONDS = 10;
  private static final long CLOSE_WAIT_SECONDS = 3;

  private final BufferAllocator allocator;
  private final ThreadPoolExecutor senders;
  private final ExecutorService calls;
  private final BlobProducer producer;
  private final FlightServer server;
  private final String location;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DataServer(BufferAllocator allocator, ThreadPoolExecutor senders, ExecutorService calls,
      BlobProducer producer, FlightServer server) {
    this.allocator = allocator;
    this.senders = senders;
    this.calls = calls;
    this.producer = producer;
    this.server = server;
    this.location = server.getLocation().getUri().toString();
    producer.location(location);
  }

  /**
   * Starts a data server listening on {@code host:port}; {@code host} is also the address clients
   * are told ({@link #location()}), so it must be one that other machines reach.
   *
   * @param allocator the parent of the server's own allocator (closed with the server)
   * @param host the address to bind and advertise
   * @param port the port, or 0 for any free port
   * @param keys the cluster key for mutual TLS, or null for plaintext
   * @throws EngineException when the key is incomplete or the address cannot be bound
   */
  public static DataServer start(BufferAllocator allocator, String host, int port, ClusterKeys keys) {
    requireNonNull(allocator, "allocator is null");
    requireNonNull(host, "host is null");
    if (keys != null) {
      keys.requireExisting();
    }
    BufferAllocator own = allocator.newChildAllocator("data-server", 0, Long.MAX_VALUE);
    ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDER_THREADS, SENDER_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("sluice-data-send-"));
    senders.allowCoreThreadTimeOut(true);
    // gRPC's callbacks and the puts run here; ours, so that it outlives the calls that end on close
    ExecutorService calls = Executors.newCachedThreadPool(daemonThreads("sluice-data-call-"));
    BlobProducer producer = new BlobProducer(own, senders);
    try {
      Location bind = keys == null ? Location.forGrpcInsecure(host, port) : Location.forGrpcTls(host, port);
      Consumer<NettyServerBuilder> transport = netty -> netty
          .permitKeepAliveTime(PERMIT_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(false);
      FlightServer.Builder builder = FlightServer.builder(own, bind, producer)
          .executor(calls)
          .transportHint("grpc.builderConsumer", transport);
      if (keys != null) {
        builder.useTls(keys.certificatePem().toFile(), keys.privateKeyPem().toFile())
            .useMTlsClientVerification(keys.certificatePem().toFile());
      }
      DataServer started = new DataServer(own, senders, calls, producer, builder.build().start());
      LOG.info("Data server listening at {}", started.location);
      return started;
    } catch (IOException | RuntimeException e) {
      senders.shutdownNow();
      calls.shutdownNow();
      own.close();
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Cannot start the data server on " + host + ":"
          + port + (keys == null ? " (plaintext)" : " with the cluster key in " + keys.directory()) + ": " + e
          + (e.getCause() != null ? " (" + e.getCause() + ")" : "") + "; is the port free and the host an address"
          + " of this machine?", e);
    }
  }

  /** Where clients reach this server, e.g. {@code grpc+tls://127.0.0.1:40123}. */
  public String location() {
    return location;
  }

  /**
   * Answers tickets {@code prefix + "/" + rest} by streaming {@code source.open(rest)} (replaces an
   * earlier source of the prefix).
   */
  public void serve(String prefix, BlobSource source) {
    producer.serve(checkPrefix(prefix), requireNonNull(source, "source is null"));
  }

  /**
   * Hands puts to the descriptor path {@code [prefix, rest]} (what {@link DataClient#put} sends for
   * {@code prefix/rest}) to {@code sink.accept(rest, bytes)} (replaces an earlier sink of the prefix).
   */
  public void accept(String prefix, BlobSink sink) {
    producer.accept(checkPrefix(prefix), requireNonNull(sink, "sink is null"));
  }

  private static String checkPrefix(String prefix) {
    requireNonNull(prefix, "prefix is null");
    if (prefix.isEmpty() || prefix.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a prefix is one non-empty name without '/', got '" + prefix + "'");
    }
    return prefix;
  }

  /**
   * Stops accepting calls, ends the streams being sent (their clients get UNAVAILABLE), waits a few
   * seconds for calls to finish and frees the server's memory.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    producer.closing();
    server.shutdown();
    senders.shutdownNow();
    try {
      server.close();
      calls.shutdown();
      if (!senders.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
          || !calls.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Data server {}: threads still running {} s after it stopped", location, CLOSE_WAIT_SECONDS);
        calls.shutdownNow();
      }
      // gRPC may finish releasing the buffers of cancelled calls just after it reports termination
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
      while (allocator.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    allocator.close();
    LOG.info("Data server {} stopped", location);
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
