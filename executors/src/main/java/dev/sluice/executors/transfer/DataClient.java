package dev.sluice.executors.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.cluster.ClusterKeys;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.LocationSchemes;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.grpc.NettyClientBuilder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Fetches blobs from and puts blobs on {@link DataServer}s, keeping one Flight client (one gRPC
 * channel) per server location. Thread-safe: task threads call it concurrently.
 *
 * <p>With a {@link ClusterKeys cluster key} it only talks TLS ({@code grpc+tls} locations), trusts
 * only the cluster certificate and presents it as its client certificate. The certificate names
 * {@code localhost}, and every node holds the same one, so the client checks the server's
 * certificate against that name whatever host it dials: holding the cluster key is the server's
 * identity. Without a key it only talks plaintext ({@code grpc+tcp}).
 *
 * <p>Every call has a deadline ({@link #DEFAULT_CALL_TIMEOUT} unless given), long enough for a large
 * transfer; a server that cannot be reached fails much sooner (refused at once, unanswered after
 * {@value #CONNECT_TIMEOUT_MILLIS} ms), and keep-alive pings notice a peer that vanished mid-call.
 * Failures are {@link IOException}s naming the location, the blob and the server's message;
 * a blob the server does not have is a {@link FileNotFoundException}.
 */
public final class DataClient implements AutoCloseable {
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(10);
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final long KEEP_ALIVE_SECONDS = 30;
  private static final long KEEP_ALIVE_TIMEOUT_SECONDS = 20;
  /** The name the cluster certificate carries (see {@link ClusterKeys#generate}). */
  private static final String CERTIFICATE_HOST = "localhost";
  private static final long READY_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final BufferAllocator allocator;
  private final byte[] certificate;
  private final byte[] privateKey;
  private final Duration callTimeout;
  private final Map<String, FlightClient> clients = new ConcurrentHashMap<>();
  private boolean closed;

  /**
   * @param allocator the parent of the client's own allocator (closed with the client)
   * @param keys the cluster key (mutual TLS), or null for plaintext
   */
  public DataClient(BufferAllocator allocator, ClusterKeys keys) {
    this(allocator, keys, DEFAULT_CALL_TIMEOUT);
  }

  /** A client whose calls end after {@code callTimeout}. */
  public DataClient(BufferAllocator allocator, ClusterKeys keys, Duration callTimeout) {
    requireNonNull(allocator, "allocator is null");
    this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
    if (keys == null) {
      certificate = null;
      privateKey = null;
    } else {
      keys.requireExisting();
      try {
        certificate = Files.readAllBytes(keys.certificatePem());
        privateKey = Files.readAllBytes(keys.privateKeyPem());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the cluster key in " + keys.directory() + ": " + e.getMessage(), e);
      }
    }
    this.allocator = allocator.newChildAllocator("data-client", 0, Long.MAX_VALUE);
  }

  /**
   * The blob {@code ticket} ({@code prefix/rest}) from the server at {@code location}.
   *
   * @throws FileNotFoundException when the server has no such blob
   * @throws IOException when the server cannot be reached or fails
   */
  public byte[] fetch(String location, String ticket) throws IOException {
    requireNonNull(ticket, "ticket is null");
    FlightClient client = client(location, ticket);
    try (FlightStream stream = client.getStream(new Ticket(ticket.getBytes(UTF_8)), deadline())) {
      BlobChunks.Assembly blob = new BlobChunks.Assembly();
      while (stream.next()) {
        blob.append(stream.getRoot());
      }
      return blob.toByteArray();
    } catch (FlightRuntimeException e) {
      throw failure("fetch", "from", location, ticket, e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot fetch '" + ticket + "' from the data server at " + location + ": " + e, e);
    }
  }

  /**
   * Puts {@code bytes} on the server at {@code location} under {@code path} ({@code prefix/rest});
   * returns once the server has taken them.
   *
   * @throws IOException when the server cannot be reached, does not accept the prefix, or fails
   */
  public void put(String location, String path, byte[] bytes) throws IOException {
    requireNonNull(path, "path is null");
    requireNonNull(bytes, "bytes is null");
    int slash = path.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("a put path is prefix/rest, got '" + path + "'");
    }
    FlightClient client = client(location, path);
    FlightDescriptor descriptor = FlightDescriptor.path(path.substring(0, slash), path.substring(slash + 1));
    PutOutcome outcome = new PutOutcome();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(BlobChunks.SCHEMA, allocator)) {
      FlightClient.ClientStreamListener listener = client.startPut(descriptor, root, outcome, deadline());
      try {
        send(bytes, root, listener, outcome);
      } catch (IOException | RuntimeException e) {
        listener.error(CallStatus.CANCELLED.withDescription("the client failed: " + e).toRuntimeException());
        throw e;
      }
      if (!outcome.isCancelled()) {
        listener.completed();
      }
      listener.getResult();
    } catch (FlightRuntimeException e) {
      throw failure("put", "on", location, path, e);
    }
  }

  private void send(byte[] bytes, VectorSchemaRoot root, FlightClient.ClientStreamListener listener,
      PutOutcome outcome) throws IOException {
    VarBinaryVector chunks = BlobChunks.column(root);
    long deadline = System.nanoTime() + callTimeout.toNanos();
    int offset = 0;
    while (offset < bytes.length) {
      // Flight's own wait for a ready stream spins; wait here politely instead
      while (!listener.isReady()) {
        if (outcome.isCancelled()) {
          return;
        }
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while putting");
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the server took no data for " + callTimeout);
        }
        LockSupport.parkNanos(READY_POLL_NANOS);
      }
      // a new buffer per batch: the previous batch's buffers may still be queued for sending
      chunks.allocateNew((long) Math.min(bytes.length - offset, BlobChunks.CHUNK_BYTES * BlobChunks.CHUNKS_PER_BATCH),
          BlobChunks.CHUNKS_PER_BATCH);
      int values = 0;
      while (values < BlobChunks.CHUNKS_PER_BATCH && offset < bytes.length) {
        int length = Math.min(BlobChunks.CHUNK_BYTES, bytes.length - offset);
        chunks.setSafe(values++, bytes, offset, length);
        offset += length;
      }
      root.setRowCount(values);
      listener.putNext();
    }
  }

  private CallOption deadline() {
    return CallOptions.timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private FlightClient client(String location, String blob) throws IOException {
    requireNonNull(location, "location is null");
    FlightClient client = clients.get(location);
    if (client != null) {
      return client;
    }
    Location parsed;
    try {
      parsed = new Location(location);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("Cannot reach '" + blob + "' at '" + location + "': not a data server location (" + e
          + ")", e);
    }
    String scheme = parsed.getUri().getScheme();
    if (certificate != null && !LocationSchemes.GRPC_TLS.equals(scheme)) {
      throw new IOException("Refusing to reach '" + blob + "' at " + location + ": this node holds the cluster key, so"
          + " every data server must speak " + LocationSchemes.GRPC_TLS);
    }
    if (certificate == null && !LocationSchemes.GRPC_INSECURE.equals(scheme)) {
      throw new IOException("Cannot reach '" + blob + "' at " + location + ": this node has no cluster key, so it"
          + " speaks only " + LocationSchemes.GRPC_INSECURE);
    }
    synchronized (clients) {
      if (closed) {
        throw new IOException("Cannot reach '" + blob + "' at " + location + ": the data client is closed");
      }
      return clients.computeIfAbsent(location, ignored -> open(parsed));
    }
  }

  private FlightClient open(Location location) {
    NettyClientBuilder builder = new NettyClientBuilder(allocator, location);
    if (certificate != null) {
      builder.trustedCertificates(new ByteArrayInputStream(certificate))
          .clientCertificate(new ByteArrayInputStream(certificate), new ByteArrayInputStream(privateKey))
          .overrideHostname(CERTIFICATE_HOST);
    }
    NettyChannelBuilder channel = builder.build()
        .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .keepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ManagedChannel built = channel.build();
    return FlightGrpcUtils.createFlightClient(allocator, built);
  }

  private static IOException failure(String action, String preposition, String location, String blob,
      FlightRuntimeException e) {
    CallStatus status = e.status();
    StringBuilder message = new StringBuilder("Cannot ").append(action).append(" '").append(blob).append("' ")
        .append(preposition).append(" the data server at ").append(location).append(": ").append(status.code());
    if (status.description() != null && !status.description().isBlank()) {
      // gRPC appends the channel pipeline on further lines
      message.append(": ").append(status.description().lines().findFirst().orElse(""));
    }
    Throwable root = e;
    boolean tls = false;
    for (Throwable cause = e.getCause(); cause != null && cause != root; cause = cause.getCause()) {
      tls |= cause instanceof SSLException;
      root = cause;
    }
    if (root != e) {
      message.append(" (").append(root).append(')');
    }
    if (tls || status.code() == FlightStatusCode.UNAVAILABLE && String.valueOf(status.description()).contains("SSL")) {
      message.append("; the TLS handshake failed: every node of the cluster needs the same cluster key");
    }
    IOException failure = status.code() == FlightStatusCode.NOT_FOUND
        ? new FileNotFoundException(message.toString())
        : new IOException(message.toString());
    failure.initCause(e);
    return failure;
  }

  /** Closes every connection and frees the client's memory; later calls fail. */
  @Override
  public void close() {
    List<FlightClient> open;
    synchronized (clients) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(clients.values());
      clients.clear();
    }
    for (FlightClient client : open) {
      try {
        client.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    allocator.close();
  }

  /** The server's answer to a put: done when it took the blob or failed. */
  private static final class PutOutcome implements FlightClient.PutListener {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override
    public void onNext(PutResult result) {
      result.close();
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
      done.complete(null);
    }

    /** Whether the call has ended, so that Flight's own wait for a ready stream stops spinning. */
    @Override
    public boolean isCancelled() {
      return done.isDone();
    }

    @Override
    public void getResult() {
      try {
        done.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof FlightRuntimeException flight) {
          throw flight;
        }
        throw CallStatus.UNKNOWN.withCause(e.getCause()).withDescription(String.valueOf(e.getCause()))
            .toRuntimeException();
      }
    }
  }
}
