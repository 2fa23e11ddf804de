package dev.sluice.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.cluster.ClusterKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster on loopback: a master and two workers, each a JVM of its own started through the
 * launcher that {@code bin/sluice} runs, with mutual TLS from a generated key. Applications are
 * submitted from a jar the test compiles (its classes are on no worker's class path) with {@code
 * submit}, and their answers compared with {@code local[2]} and with plain Java.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TestClusterMode {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration JOB = Duration.ofSeconds(240);

  @TempDir
  static Path work;

  private static ClusterKeys keys;
  private static Path appJar;
  private static String masterUrl;
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static NodeProcess master;

  @BeforeAll
  static void startCluster() throws Exception {
    keys = ClusterKeys.generate(work.resolve("keys"));
    appJar = ApplicationJar.build(work);
    int port = freePort();
    master = start("master", "master", "--port", String.valueOf(port), "--keys", keys.directory().toString(),
        "--ui-port", "0");
    masterUrl = master.await("listening at (sluice://\\S+)", START).group(1);
    for (int i = 1; i <= 2; i++) {
      startWorker("worker-" + i, keys.directory());
    }
    master.await("(?s)registered.*registered", START);
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }

  private static NodeProcess startWorker(String name, Path keyDirectory) throws IOException {
    return start(name, "worker", "--master", masterUrl, "--cores", "2", "--memory", "512m", "--work-dir",
        work.resolve(name).toString(), "--keys", keyDirectory.toString());
  }

  private static NodeProcess start(String name, String... args) throws IOException {
    NodeProcess node = NodeProcess.start(name, work, List.of(), args);
    nodes.add(node);
    return node;
  }

  /** Runs {@code submit} of the test application as its own JVM and returns the answer it wrote. */
  private static List<String> submit(String master, String name, String... appArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--master", master, "--class",
        "dev.sluice.testapp.ClusterApp", "--conf", "sluice.cluster.keys=" + keys.directory(), appJar.toString()));
    args.addAll(List.of(appArgs));
    try (NodeProcess driver = NodeProcess.start(name, work, List.of(), args.toArray(String[]::new))) {
      int status = driver.awaitExit(JOB);
      assertThat(status).as("%s exit status; output:%n%s", name, driver.output()).isZero();
    }
    return Files.readAllLines(Path.of(appArgs[appArgs.length - 1]));
  }

  @Test
  @Order(1)
  void wordCountOnTheClusterEqualsLocalModeAndPlainJava() throws Exception {
    Path input = Files.createDirectories(work.resolve("words"));
    Map<String, Long> expected = new TreeMap<>();
    Random random = new Random(42);
    for (int file = 0; file < 4; file++) {
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 5_000; line++) {
        int words = random.nextInt(12);
        for (int w = 0; w < words; w++) {
          // skewed: word-0 is about a third of all words
          String word = random.nextInt(3) == 0 ? "word-0" : "word-" + random.nextInt(2_000);
          text.append(word).append(random.nextInt(10) == 0 ? "  " : " ");
          expected.merge(word, 1L, Long::sum);
        }
        text.append('\n');
      }
      Files.writeString(input.resolve("part-" + file + ".txt"), text);
    }
    List<String> reference = lines(expected);

    List<String> cluster = submit(masterUrl, "driver-wordcount", "wordcount", input.toString(),
        work.resolve("wordcount-cluster.txt").toString());
    List<String> local = submit("local[2]", "driver-wordcount-local", "wordcount", input.toString(),
        work.resolve("wordcount-local.txt").toString());

    assertThat(cluster).isEqualTo(reference);
    assertThat(local).isEqualTo(reference);
  }

  @Test
  @Order(2)
  void keyedJoinOnTheClusterEqualsLocalModeAndPlainJava() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    for (long i = 0; i < 60_000; i++) {
      int customer = (int) (i * 7919 % 1_000);
      if (customer % 3 != 0) {
        expected.merge("customer-" + customer, i % 997, Long::sum);
      }
    }
    List<String> cluster = submit(masterUrl, "driver-join", "join", work.resolve("join-cluster.txt").toString());
    List<String> local = submit("local[2]", "driver-join-local", "join", work.resolve("join-local.txt").toString());

    assertThat(cluster).isEqualTo(lines(expected));
    assertThat(local).isEqualTo(cluster);
    assertApplicationsCleanedUp();
    assertMasterUiShowsTheCluster();
  }

  /** The master's UI lists the workers and the finished applications, with links to the drivers' UIs. */
  private static void assertMasterUiShowsTheCluster() throws Exception {
    String ui = master.await("Master UI at (http://\\S+)\\.", START).group(1);
    assertThat(ui).startsWith("http://127.0.0.1:");
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(ui + "/api/v1/cluster")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode cluster = new ObjectMapper().readTree(response.body());
    assertThat(cluster.get("workers").findValuesAsText("state")).containsOnly("ALIVE").hasSizeGreaterThanOrEqualTo(2);
    JsonNode join = null;
    for (JsonNode application : cluster.get("applications")) {
      if (application.get("name").asText().equals("cluster-join")) {
        join = application;
      }
    }
    assertThat(join).as("the join application in %s", response.body()).isNotNull();
    assertThat(join.get("state").asText()).isEqualTo("FINISHED");
    assertThat(join.get("uiUrl").asText()).startsWith("http://127.0.0.1:");
  }

  /** Ended applications leave nothing on the workers: their directories (jars, shuffle files) are deleted. */
  private static void assertApplicationsCleanedUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<Path> left;
    do {
      left = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        try (var files = Files.list(work.resolve("worker-" + i))) {
          files.forEach(left::add);
        }
      }
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    assertThat(left).as("files left on the workers after their applications ended").isEmpty();
  }

  @Test
  @Order(3)
  void aWorkerKilledMidJobLosesNothing() throws Exception {
    NodeProcess victim = startWorker("worker-victim", keys.directory());
    victim.await("registered with the master", START);
    long n = 3_000_000;
    Map<Long, Long> expected = new TreeMap<>();
    for (long x = 0; x < n; x++) {
      expected.merge(x % 1_000, x, Long::sum);
    }
    Path answer = work.resolve("heavy-cluster.txt");
    List<String> args = List.of("submit", "--master", masterUrl, "--class", "dev.sluice.testapp.ClusterApp",
        "--conf", "sluice.cluster.keys=" + keys.directory(), appJar.toString(), "heavy", String.valueOf(n),
        answer.toString());
    try (NodeProcess driver = NodeProcess.start("driver-heavy", work, List.of(), args.toArray(String[]::new))) {
      driver.await("JOB STARTED", START);
      // let the victim take tasks and write map outputs, then take it away without a word
      victim.await("Starting executor", START);
      Thread.sleep(2_500);
      victim.kill();
      int status = driver.awaitExit(JOB);
      assertThat(status).as("driver exit status; output:%n%s", driver.output()).isZero();
      // the loss was real: the driver's broker failed what ran there and forgot what it had written
      assertThat(driver.output()).containsPattern(
          "Executor \\S+worker-127\\.0\\.0\\.1-\\d+ was lost \\(.*\\): (\\d+ running task\\(s\\) failed, [1-9]|[1-9]\\d* running)");
      System.out.println(driver.output());
    }
    List<String> reference = new ArrayList<>();
    expected.forEach((key, sum) -> reference.add(key + "\t" + sum));
    reference.sort(null);
    assertThat(Files.readAllLines(answer)).isEqualTo(reference);
    String victimId = workerId(victim.output());
    assertThat(master.output()).as("the master saw %s go", victimId).containsPattern("(?i)" + victimId + ".*(dead|lost|removed|terminated)");
  }

  @Test
  @Order(4)
  void aWorkerWithAnotherKeyIsRefusedAndSaysWhy() throws Exception {
    ClusterKeys stranger = ClusterKeys.generate(work.resolve("other-keys"));
    NodeProcess intruder = startWorker("worker-intruder", stranger.directory());
    intruder.await("could not join the cluster", START);
    String said = intruder.output();
    // the worker found out why with a handshake of its own: the master refused its certificate, or it the master's
    assertThat(said).containsPattern("could not join the cluster .*(refused this node's certificate|does not trust "
        + "the master's certificate), so the two hold different cluster keys");
    assertThat(master.output()).doesNotContain(workerId(said));
    intruder.close();
  }

  private static String workerId(String output) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("Sluice worker (\\S+)").matcher(output);
    return matcher.find() ? matcher.group(1) : "no worker id printed";
  }

  private static <K> List<String> lines(Map<K, Long> counts) {
    List<String> lines = new ArrayList<>();
    counts.forEach((key, value) -> lines.add(key + "\t" + value));
    lines.sort(null);
    return lines;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
