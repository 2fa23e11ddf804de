package dev.sluice.executors.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.scheduler.cluster.ClusterKeys;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DataServer} and {@link DataClient} over loopback with mutual TLS: blobs of every size
 * around the chunk and batch boundaries arrive byte for byte, from several threads at once; puts
 * arrive whole; a missing blob, a failing source and an unknown prefix reach the client as clear
 * errors; a client without the cluster key is refused; closing the server ends its streams.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestDataTransfer {
  @TempDir
  static Path keyDirectory;

  private static ClusterKeys keys;
  private static ClusterKeys otherKeys;
  private static BufferAllocator allocator;
  private static DataServer server;
  private static DataClient client;
  private static final Map<String, byte[]> BLOBS = new ConcurrentHashMap<>();
  private static final Map<String, byte[]> PUTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    keys = ClusterKeys.generate(keyDirectory.resolve("cluster"));
    otherKeys = ClusterKeys.generate(keyDirectory.resolve("other"));
    allocator = new RootAllocator();
    server = DataServer.start(allocator, "127.0.0.1", 0, keys);
    server.serve("blob", rest -> {
      byte[] bytes = BLOBS.get(rest);
      if (bytes == null) {
        throw new FileNotFoundException("there is no blob named " + rest);
      }
      return new ByteArrayInputStream(bytes);
    });
    server.serve("broken", rest -> new FailingStream(3 * BlobChunks.CHUNK_BYTES + 5));
    server.accept("upload", PUTS::put);
    server.accept("refusing", (rest, bytes) -> {
      throw new IOException("the disk is full");
    });
    client = new DataClient(allocator, keys);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (allocator != null) {
      allocator.close();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void assertSameBytes(byte[] actual, byte[] expected, String what) {
    assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
    assertThat(java.util.Arrays.mismatch(actual, expected)).as(what + ": first differing byte").isEqualTo(-1);
  }

  @Test
  void locationIsTls() {
    assertThat(server.location()).startsWith("grpc+tls://127.0.0.1:").doesNotEndWith(":0");
  }

  @Test
  void fetchesBlobsOfEverySizeByteForByte() throws IOException {
    int chunk = BlobChunks.CHUNK_BYTES;
    int batch = chunk * BlobChunks.CHUNKS_PER_BATCH;
    int[] sizes = {0, 1, chunk - 1, chunk, chunk + 1, batch, batch + 1, 20 * 1024 * 1024 + 3};
    for (int size : sizes) {
      byte[] expected = random(size, size);
      BLOBS.put("size-" + size, expected);
      assertSameBytes(client.fetch(server.location(), "blob/size-" + size), expected, size + " bytes");
    }
  }

  @Test
  void fetchesConcurrentlyFromSeveralThreads() throws Exception {
    int threads = 8;
    for (int i = 0; i < threads; i++) {
      BLOBS.put("concurrent/" + i, random(2 * BlobChunks.CHUNK_BYTES + 1000 * i, 100 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fetches = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        fetches.add(pool.submit(() -> {
          for (int round = 0; round < 4; round++) {
            String name = "concurrent/" + ((thread + round) % threads);
            assertSameBytes(client.fetch(server.location(), "blob/" + name), BLOBS.get(name), name);
          }
          return null;
        }));
      }
      for (Future<?> fetch : fetches) {
        fetch.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void putsArriveWhole() throws IOException {
    for (int size : new int[] {0, 1, BlobChunks.CHUNK_BYTES, 5 * BlobChunks.CHUNK_BYTES + 7}) {
      byte[] bytes = random(size, 7 * size);
      client.put(server.location(), "upload/result-" + size, bytes);
      assertSameBytes(PUTS.get("result-" + size), bytes, "put of " + size + " bytes");
    }
  }

  @Test
  void missingBlobIsNotFoundNamingTheTicket() {
    assertThatThrownBy(() -> client.fetch(server.location(), "blob/nothing-here"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("'blob/nothing-here'")
        .hasMessageContaining(server.location())
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("there is no blob named nothing-here");
    assertThatThrownBy(() -> client.fetch(server.location(), "nowhere/x"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("'nowhere/x'")
        .hasMessageContaining("prefixes served");
  }

  @Test
  void sourceFailingMidStreamReachesTheClient() {
    assertThatThrownBy(() -> client.fetch(server.location(), "broken/any"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'broken/any'")
        .hasMessageContaining("the disk gave up");
  }

  @Test
  void refusedPutsReachTheClient() {
    assertThatThrownBy(() -> client.put(server.location(), "refusing/x", new byte[10]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'refusing/x'")
        .hasMessageContaining("the disk is full");
    assertThatThrownBy(() -> client.put(server.location(), "nowhere/x", new byte[10]))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("prefixes accepted");
  }

  @Test
  void clientWithAnotherKeyIsRefused() {
    BLOBS.put("secret", "only for the cluster".getBytes(UTF_8));
    try (DataClient stranger = new DataClient(allocator, otherKeys)) {
      assertThatThrownBy(() -> stranger.fetch(server.location(), "blob/secret"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(server.location())
          .hasMessageContaining("UNAVAILABLE")
          .hasMessageContaining("the same cluster key");
    }
  }

  @Test
  void serverRefusesClientCertificatesNotOfTheCluster() throws Exception {
    BLOBS.put("secret", "only for the cluster".getBytes(UTF_8));
    Location location = new Location(server.location());
    // trusts the server, but presents another key, then none
    for (ClusterKeys presented : new ClusterKeys[] {otherKeys, null}) {
      FlightClient.Builder builder = FlightClient.builder(allocator, location)
          .trustedCertificates(Files.newInputStream(keys.certificatePem()))
          .overrideHostname("localhost");
      if (presented != null) {
        builder.clientCertificate(Files.newInputStream(presented.certificatePem()),
            Files.newInputStream(presented.privateKeyPem()));
      }
      try (FlightClient raw = builder.build()) {
        assertThatThrownBy(() -> {
          try (FlightStream stream = raw.getStream(new Ticket("blob/secret".getBytes(UTF_8)))) {
            while (stream.next()) {
              // nothing should arrive
            }
          }
        }).isInstanceOf(FlightRuntimeException.class);
      }
    }
  }

  @Test
  void plaintextClientCannotReachTlsServer() {
    String plaintext = server.location().replace("grpc+tls://", "grpc+tcp://");
    try (DataClient open = new DataClient(allocator, null)) {
      assertThatThrownBy(() -> open.fetch(plaintext, "blob/secret")).isInstanceOf(IOException.class)
          .hasMessageContaining(plaintext);
      assertThatThrownBy(() -> open.fetch(server.location(), "blob/secret")).isInstanceOf(IOException.class)
          .hasMessageContaining("no cluster key");
    }
    assertThatThrownBy(() -> client.fetch(plaintext, "blob/secret")).isInstanceOf(IOException.class)
        .hasMessageContaining("must speak grpc+tls");
  }

  @Test
  void unreachableServerFailsFast() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String nobody = "grpc+tls://127.0.0.1:" + port;
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.fetch(nobody, "blob/x")).isInstanceOf(IOException.class)
        .hasMessageContaining(nobody).hasMessageContaining("'blob/x'");
    // refused at once: well within the connect timeout, whatever the machine's speed
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(DataClient.CONNECT_TIMEOUT_MILLIS);
  }

  @Test
  void plaintextServerAndClientWithoutKeys() throws IOException {
    try (BufferAllocator own = new RootAllocator();
        DataServer open = DataServer.start(own, "127.0.0.1", 0, null);
        DataClient plain = new DataClient(own, null)) {
      byte[] bytes = random(BlobChunks.CHUNK_BYTES + 17, 3);
      open.serve("blob", rest -> new ByteArrayInputStream(bytes));
      Map<String, byte[]> taken = new ConcurrentHashMap<>();
      open.accept("upload", taken::put);
      assertThat(open.location()).startsWith("grpc+tcp://127.0.0.1:");
      assertSameBytes(plain.fetch(open.location(), "blob/x"), bytes, "plaintext fetch");
      plain.put(open.location(), "upload/y", bytes);
      assertSameBytes(taken.get("y"), bytes, "plaintext put");
    }
  }

  @Test
  void closingTheServerEndsStreamsInFlight() throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    try (BufferAllocator own = new RootAllocator();
        DataClient waiting = new DataClient(own, keys)) {
      DataServer stalled = DataServer.start(own, "127.0.0.1", 0, keys);
      try {
        stalled.serve("stuck", rest -> new InputStream() {
          @Override
          public int read() throws IOException {
            return read(new byte[1], 0, 1);
          }

          @Override
          public int read(byte[] bytes, int offset, int length) throws IOException {
            sending.countDown();
            try {
              new CountDownLatch(1).await();
              return -1;
            } catch (InterruptedException e) {
              throw new InterruptedIOException("interrupted");
            }
          }
        });
        ExecutorService fetcher = Executors.newSingleThreadExecutor();
        try {
          Future<byte[]> fetch = fetcher.submit(() -> waiting.fetch(stalled.location(), "stuck/forever"));
          assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
          long start = System.nanoTime();
          stalled.close();
          assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
          assertThatThrownBy(() -> fetch.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        } finally {
          fetcher.shutdownNow();
        }
      } finally {
        stalled.close();
      }
    }
  }

  /** Gives {@code good} bytes, then fails. */
  private static final class FailingStream extends InputStream {
    private int left;

    FailingStream(int good) {
      this.left = good;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (left == 0) {
        throw new IOException("the disk gave up");
      }
      int n = Math.min(left, length);
      left -= n;
      return n;
    }
  }
}
