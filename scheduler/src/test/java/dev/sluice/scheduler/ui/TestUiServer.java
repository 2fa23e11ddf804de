package dev.sluice.scheduler.ui;

import static dev.sluice.scheduler.ui.TwoStageJob.APP_ID;
import static dev.sluice.scheduler.ui.TwoStageJob.GPU_FALLBACK_BATCHES;
import static dev.sluice.scheduler.ui.TwoStageJob.MAP_BYTES;
import static dev.sluice.scheduler.ui.TwoStageJob.MAP_ROWS;
import static dev.sluice.scheduler.ui.TwoStageJob.SCAN_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.scheduler.cluster.MasterProtocol;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.ui.api.AllocatorUsage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST API over a real HTTP server, after a real two-stage job (with a lost shuffle output and
 * the map stage's re-run) ran on a real scheduler: what {@code /api/v1} answers, 404s, static
 * files, port fallback, the events stream and the master's cluster route.
 */
@Timeout(60)
class TestUiServer {
  private static final AllocatorUsage ROOT = new AllocatorUsage("root", 1024, 4096);
  private static ActorTestKit kit;
  private static AppStatusStore store;
  private static UiServer server;
  private static UiClient client;
  private static String app;

  @BeforeAll
  static void runJobAndServe() throws Exception {
    kit = ActorTestKit.create("ui-server-test");
    store = new AppStatusStore(APP_ID, "unnamed", "unknown");
    EventBus bus = new EventBus();
    bus.addListener(store);
    TwoStageJob.run(bus);
    server = UiServer.start(kit.system(), UiSettings.localhost(0),
        new UiRoutes(() -> List.of(store), () -> List.of(ROOT), null, "sluice-ui-test", UpdateStream.HEARTBEAT));
    client = new UiClient(server.url());
    app = "/api/v1/applications/" + APP_ID;
  }

  @AfterAll
  static void close() {
    if (server != null) {
      server.close();
    }
    kit.shutdownTestKit();
  }

  @Test
  void testApplicationsListTheApplicationWithItsStartAndEnd() throws Exception {
    JsonNode apps = client.json("/api/v1/applications");
    assertThat(apps).hasSize(1);
    JsonNode application = apps.get(0);
    assertThat(application.get("id").asText()).isEqualTo(APP_ID);
    assertThat(application.get("name").asText()).isEqualTo("ui test");
    assertThat(application.get("master").asText()).isEqualTo("local[4]");
    assertThat(application.get("uiUrl").asText()).isEqualTo("http://127.0.0.1:4040");
    assertThat(application.get("completed").asBoolean()).isTrue();
    assertThat(application.get("startTime").asLong()).isPositive();
    assertThat(application.get("endTime").asLong()).isGreaterThanOrEqualTo(application.get("startTime").asLong());
    assertThat(server.url()).startsWith("http://127.0.0.1:");
  }

  @Test
  void testJobCountsTasksOfBothStagesOnceAndTheFetchFailure() throws Exception {
    JsonNode jobs = client.json(app + "/jobs");
    assertThat(jobs).hasSize(1);
    JsonNode job = jobs.get(0);
    assertThat(client.json(app + "/jobs/0")).isEqualTo(job);
    assertThat(job.get("jobId").asInt()).isZero();
    assertThat(job.get("description").asText()).isEqualTo("collect at Words.java:12");
    assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(ints(job.get("stageIds"))).containsExactly(0, 1);
    assertThat(job.get("numStages").asInt()).isEqualTo(2);
    assertThat(job.get("numCompletedStages").asInt()).isEqualTo(2);
    assertThat(job.get("numTasks").asInt()).isEqualTo(5);
    assertThat(job.get("numCompletedTasks").asInt()).isEqualTo(5);
    assertThat(job.get("numActiveTasks").asInt()).isZero();
    assertThat(job.get("numFailedTasks").asInt()).isEqualTo(1);
    assertThat(job.get("failureReason").isNull()).isTrue();
    assertThat(job.get("durationMillis").asLong())
        .isEqualTo(job.get("completionTime").asLong() - job.get("submissionTime").asLong());
  }

  @Test
  void testStagesCountTheRerunMapPartitionOnce() throws Exception {
    JsonNode stages = client.json(app + "/stages");
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0).get("stageId").asInt()).isEqualTo(1);
    JsonNode map = client.json(app + "/stages/0");
    assertThat(stages.get(1)).isEqualTo(map);
    assertThat(map.get("status").asText()).isEqualTo("COMPLETE");
    assertThat(map.get("name").asText()).isEqualTo("map at Words.java:10");
    assertThat(map.get("jobId").asInt()).isZero();
    assertThat(map.get("numTasks").asInt()).isEqualTo(3);
    assertThat(map.get("numCompletedTasks").asInt()).isEqualTo(3);
    assertThat(map.get("numFailedTasks").asInt()).isZero();
    assertThat(map.get("shuffleId").asInt()).isZero();
    assertThat(map.get("rowsOut").asLong()).isEqualTo(MAP_ROWS);
    assertThat(map.get("shuffleWriteBytes").asLong()).isEqualTo(MAP_BYTES);
    assertThat(map.get("rowsIn").asLong()).isEqualTo(15 + 25 + 35);
    assertThat(map.get("operators").get(0).asText()).isEqualTo("ShuffleWrite(hash(word), 2)");

    JsonNode collect = client.json(app + "/stages/1");
    assertThat(ints(collect.get("parentIds"))).containsExactly(0);
    assertThat(collect.get("shuffleId").asInt()).isEqualTo(-1);
    assertThat(collect.get("numTasks").asInt()).isEqualTo(2);
    assertThat(collect.get("numCompletedTasks").asInt()).isEqualTo(2);
    assertThat(collect.get("numFailedTasks").asInt()).isEqualTo(1);
    assertThat(collect.get("rowsOut").asLong()).isEqualTo(5);
    assertThat(collect.get("shuffleReadBytes").asLong()).isEqualTo(600);
  }

  @Test
  void testTasksListEveryAttemptWithItsOutcome() throws Exception {
    JsonNode mapTasks = client.json(app + "/stages/0/tasks");
    assertThat(mapTasks).hasSize(4); // 3 partitions, partition 0 twice (recomputed after its output was lost)
    for (JsonNode task : mapTasks) {
      assertThat(task.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(task.get("device").asText()).isEqualTo("CPU");
      assertThat(task.get("executorId").asText()).startsWith("exec-");
      assertThat(task.get("durationMillis").asLong())
          .isEqualTo(task.get("finishTime").asLong() - task.get("launchTime").asLong());
      assertThat(task.get("peakMemoryBytes").asLong()).isEqualTo(4096);
      assertThat(task.get("gpuFallbackBatches").asLong()).isZero();
    }
    assertThat(mapTasks.findValues("partition").stream().map(JsonNode::asInt).sorted().toList())
        .containsExactly(0, 0, 1, 2);

    JsonNode collectTasks = client.json(app + "/stages/1/tasks");
    assertThat(collectTasks).hasSize(3);
    List<JsonNode> failed = new ArrayList<>();
    collectTasks.forEach(task -> {
      if (task.get("status").asText().equals("FAILED")) {
        failed.add(task);
      }
    });
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("partition").asInt()).isZero();
    assertThat(failed.get(0).get("attempt").asInt()).isZero();
    assertThat(failed.get(0).get("error").asText()).contains("the file is gone");
    assertThat(failed.get(0).get("device").isNull()).isTrue();
    assertThat(failed.get(0).get("gpuFallbackBatches").asLong()).isZero();
  }

  @Test
  void testSucceededTasksReportTheirDeviceAndGpuFallbackBatches() throws Exception {
    List<String> succeeded = new ArrayList<>();
    for (JsonNode task : client.json(app + "/stages/1/tasks")) {
      if (task.get("status").asText().equals("SUCCESS")) {
        succeeded.add(task.get("partition").asInt() + ":" + task.get("device").asText() + ":"
            + task.get("gpuFallbackBatches").asLong());
      }
    }
    assertThat(succeeded).containsExactlyInAnyOrder("0:GPU:0", "1:GPU:" + GPU_FALLBACK_BATCHES);
  }

  @Test
  void testEachOperatorsDeviceComesThroughStagesDagAndPlan() throws Exception {
    List<String> mapDevices = List.of("CPU:", "CPU:" + SCAN_REASON);
    List<String> collectDevices = List.of("GPU:", "CPU:");
    assertThat(devices(client.json(app + "/stages/0").get("devices"))).isEqualTo(mapDevices);
    assertThat(devices(client.json(app + "/stages/1").get("devices"))).isEqualTo(collectDevices);

    JsonNode nodes = client.json(app + "/jobs/0/dag").get("nodes");
    assertThat(devices(nodes.get(0).get("devices"))).isEqualTo(mapDevices);
    assertThat(devices(nodes.get(1).get("devices"))).isEqualTo(collectDevices);
    assertThat(nodes.get(1).get("operators")).hasSameSizeAs(nodes.get(1).get("devices"));

    JsonNode stages = client.json(app + "/jobs/0/plan").get("stages");
    assertThat(devices(stages.get(0).get("operators"))).isEqualTo(mapDevices);
    assertThat(devices(stages.get(1).get("operators"))).isEqualTo(collectDevices);
    assertThat(stages.get(1).get("operators").get(0).get("name").asText()).isEqualTo("HashAggregate(keys=[word])");
  }

  /** Each element's {@code device:reason}. */
  static List<String> devices(JsonNode array) {
    List<String> devices = new ArrayList<>();
    array.forEach(node -> devices.add(node.get("device").asText() + ":" + node.get("reason").asText()));
    return devices;
  }

  @Test
  void testDagHasBothStagesAndTheShuffleEdgeWithWhatTheMapStageWrote() throws Exception {
    JsonNode dag = client.json(app + "/jobs/0/dag");
    assertThat(dag.get("jobId").asInt()).isZero();
    JsonNode nodes = dag.get("nodes");
    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).get("stageId").asInt()).isZero();
    assertThat(nodes.get(0).get("status").asText()).isEqualTo("COMPLETE");
    assertThat(nodes.get(0).get("numTasks").asInt()).isEqualTo(3);
    assertThat(nodes.get(0).get("numCompletedTasks").asInt()).isEqualTo(3);
    assertThat(nodes.get(1).get("operators").get(0).asText()).isEqualTo("HashAggregate(keys=[word])");
    JsonNode edges = dag.get("edges");
    assertThat(edges).hasSize(1);
    JsonNode edge = edges.get(0);
    assertThat(edge.get("from").asInt()).isZero();
    assertThat(edge.get("to").asInt()).isEqualTo(1);
    assertThat(edge.get("shuffleId").asInt()).isZero();
    assertThat(edge.get("rows").asLong()).isEqualTo(MAP_ROWS);
    assertThat(edge.get("bytes").asLong()).isEqualTo(MAP_BYTES);
  }

  @Test
  void testPlanHasThePlanTextsAndOperatorsSummedOverSuccessfulTasks() throws Exception {
    JsonNode plan = client.json(app + "/jobs/0/plan");
    assertThat(plan.get("plans").findValues("title").stream().map(JsonNode::asText).toList())
        .containsExactly("Logical", "Physical");
    assertThat(plan.get("plans").get(0).get("text").asText()).isEqualTo("Aggregate\n  Scan");
    JsonNode mapOperators = plan.get("stages").get(0).get("operators");
    assertThat(mapOperators.get(0).get("name").asText()).isEqualTo("ShuffleWrite(hash(word), 2)");
    assertThat(mapOperators.get(0).get("rows").asLong()).isEqualTo(MAP_ROWS);
    assertThat(mapOperators.get(0).get("nanos").asLong()).isEqualTo(3 * 300);
    assertThat(mapOperators.get(1).get("name").asText()).isEqualTo("Scan(words.csv)");
    assertThat(mapOperators.get(1).get("rows").asLong()).isEqualTo(15 + 25 + 35);
  }

  @Test
  void testSummaryQuantilesOverSuccessfulTasks() throws Exception {
    JsonNode summary = client.json(app + "/stages/0/summary");
    assertThat(summary.get("quantiles").findValuesAsText("x")).isEmpty();
    assertThat(doubles(summary.get("quantiles"))).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
    assertThat(longs(summary.get("rowsOut"))).containsExactly(10L, 10L, 20L, 30L, 30L);
    assertThat(longs(summary.get("shuffleWriteBytes"))).containsExactly(100L, 100L, 200L, 300L, 300L);
    assertThat(summary.get("durationMillis")).hasSize(5);
    assertThat(longs(client.json(app + "/stages/1/summary").get("shuffleReadBytes")))
        .containsExactly(250L, 250L, 350L, 350L, 350L);
  }

  @Test
  void testExecutorsCountTheirTasksAndListMemoryWhileAlive() throws Exception {
    JsonNode executors = client.json(app + "/executors");
    assertThat(executors.findValues("executorId").stream().map(JsonNode::asText).toList())
        .containsExactlyInAnyOrder("exec-0", "exec-1");
    int completed = 0;
    int failed = 0;
    for (JsonNode executor : executors) {
      assertThat(executor.get("slots").asInt()).isEqualTo(2);
      assertThat(executor.get("activeTasks").asInt()).isZero();
      completed += executor.get("completedTasks").asInt();
      failed += executor.get("failedTasks").asInt();
      boolean alive = executor.get("status").asText().equals("ALIVE");
      assertThat(executor.get("memory")).hasSize(alive ? 1 : 0);
      if (alive) {
        assertThat(executor.get("memory").get(0).get("name").asText()).isEqualTo("root");
        assertThat(executor.get("memory").get(0).get("peakBytes").asLong()).isEqualTo(4096);
      }
    }
    assertThat(completed).isEqualTo(6);
    assertThat(failed).isEqualTo(1);
  }

  @Test
  void testUnknownApplicationsJobsStagesAndPathsAnswer404NamingThem() throws Exception {
    assertNotFound("/api/v1/applications/nope/jobs", "No application nope");
    assertNotFound(app + "/jobs/99", "No job 99 in application " + APP_ID);
    assertNotFound(app + "/jobs/99/dag", "No job 99");
    assertNotFound(app + "/jobs/99/plan", "No job 99");
    assertNotFound(app + "/stages/42", "No stage 42");
    assertNotFound(app + "/stages/42/tasks", "No stage 42");
    assertNotFound(app + "/stages/42/summary", "No stage 42");
    assertNotFound(app + "/jobs/abc", "No API endpoint /api/v1/applications/" + APP_ID + "/jobs/abc");
    assertNotFound("/api/v1/nothing", "No API endpoint /api/v1/nothing");
    assertNotFound("/api/v1/cluster", "not a master");
  }

  @Test
  void testPageStaticFilesAndTheDagreBundleAreServed() throws Exception {
    HttpResponse<String> page = client.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("Sluice test page");
    assertThat(client.get("/static/index.html").body()).contains("Sluice test page");
    HttpResponse<String> dagre = client.get("/static/vendor/dagre.min.js");
    assertThat(dagre.statusCode()).isEqualTo(200);
    assertThat(dagre.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(dagre.body()).contains("dagre").hasSizeGreaterThan(100_000);
    assertThat(client.get("/static/missing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void testTakenPortMovesTheUiToTheNextFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Assumptions.assumeTrue(port + UiSettings.PORT_RETRIES <= 65535, "port too high to test the fallback");
      try (UiServer moved = UiServer.forApplication(kit.system(), UiSettings.localhost(port), store, List::of)) {
        assertThat(moved.port()).isGreaterThan(port).isLessThanOrEqualTo(port + UiSettings.PORT_RETRIES);
        assertThat(moved.url()).isEqualTo("http://127.0.0.1:" + moved.port());
        assertThat(new UiClient(moved.url()).json("/api/v1/applications")).hasSize(1);
      }
    }
  }

  @Test
  void testEveryPortTakenFailsNamingTheSetting() throws Exception {
    List<ServerSocket> taken = new ArrayList<>();
    try {
      ServerSocket first = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      taken.add(first);
      int port = first.getLocalPort();
      Assumptions.assumeTrue(port + UiSettings.PORT_RETRIES <= 65535, "port too high to test the fallback");
      for (int next = port + 1; next <= port + UiSettings.PORT_RETRIES; next++) {
        ServerSocket socket = new ServerSocket();
        try {
          socket.bind(new InetSocketAddress("127.0.0.1", next));
        } catch (IOException e) {
          socket.close();
          Assumptions.abort("port " + next + " is in use elsewhere; cannot take 17 consecutive ports");
        }
        taken.add(socket);
      }
      assertThatThrownBy(() -> UiServer.forApplication(kit.system(), UiSettings.localhost(port), store, List::of))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("ports " + port + " to " + (port + 16))
          .hasMessageContaining("sluice.ui.port");
    } finally {
      for (ServerSocket socket : taken) {
        socket.close();
      }
    }
  }

  @Test
  void testEventsStreamDeliversAnUpdateAfterAnEventAndForgetsAClosedClient() throws Exception {
    AppStatusStore live = new AppStatusStore("app-live", "live", "local[1]");
    try (UiServer liveServer = UiServer.forApplication(kit.system(), UiSettings.localhost(0), live, List::of)) {
      UiClient liveClient = new UiClient(liveServer.url());
      HttpResponse<Stream<String>> response = liveClient.http().sendAsync(
          HttpRequest.newBuilder(URI.create(liveServer.url() + "/api/v1/events")).build(),
          HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
      // the client's subscription starts when the response streams: publish until an update arrives
      String data = null;
      for (int i = 0; data == null; i++) {
        live.onEvent(new SchedulerEvent.ExecutorRegistered("exec-" + i, 1), System.currentTimeMillis());
        for (String line = lines.poll(100, TimeUnit.MILLISECONDS); line != null && data == null;
            line = lines.poll(10, TimeUnit.MILLISECONDS)) {
          if (line.startsWith("data:")) {
            data = line.substring("data:".length()).trim();
          } else if (!line.isEmpty()) {
            assertThat(line).matches("event: ?update");
          }
        }
      }
      JsonNode update = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
      assertThat(update.get("app").asText()).isEqualTo("app-live");
      assertThat(update.get("kind").asText()).isEqualTo("executor");
      assertThat(update.get("id").asText()).startsWith("exec-");

      response.body().close();
      reader.cancel(true);
      // the server notices the closed connection at its next write; then the client's listener is gone
      for (int i = 0; live.updateListenerCount() > 0; i++) {
        live.onEvent(new SchedulerEvent.ExecutorRemoved("exec-" + i, "test"), System.currentTimeMillis());
        Thread.sleep(50);
      }
      assertThat(liveServer.updates().openStreams()).isZero();
    }
  }

  @Test
  void testMasterServesTheClusterState() throws Exception {
    MasterProtocol.ClusterState state = new MasterProtocol.ClusterState(
        List.of(new MasterProtocol.WorkerInfo("worker-1", "10.0.0.1", 8, 1L << 30, "ALIVE")),
        List.of(new MasterProtocol.ApplicationInfo("app-1", "etl", "RUNNING", List.of("worker-1"), "http://10.0.0.9:4040")));
    try (UiServer master = UiServer.forMaster(kit.system(), UiSettings.localhost(0),
        () -> CompletableFuture.completedFuture(state))) {
      UiClient masterClient = new UiClient(master.url());
      JsonNode cluster = masterClient.json("/api/v1/cluster");
      JsonNode worker = cluster.get("workers").get(0);
      assertThat(worker.get("workerId").asText()).isEqualTo("worker-1");
      assertThat(worker.get("host").asText()).isEqualTo("10.0.0.1");
      assertThat(worker.get("cores").asInt()).isEqualTo(8);
      assertThat(worker.get("memoryBytes").asLong()).isEqualTo(1L << 30);
      assertThat(worker.get("state").asText()).isEqualTo("ALIVE");
      JsonNode application = cluster.get("applications").get(0);
      assertThat(application.get("appId").asText()).isEqualTo("app-1");
      assertThat(application.get("state").asText()).isEqualTo("RUNNING");
      assertThat(application.get("executors").get(0).asText()).isEqualTo("worker-1");
      assertThat(application.get("uiUrl").asText()).isEqualTo("http://10.0.0.9:4040");
      assertThat(masterClient.json("/api/v1/applications")).isEmpty();
    }
    try (UiServer master = UiServer.forMaster(kit.system(), UiSettings.localhost(0),
        () -> CompletableFuture.failedFuture(new IllegalStateException("no master yet")))) {
      HttpResponse<String> response = new UiClient(master.url()).get("/api/v1/cluster");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("no master yet");
    }
  }

  private static void assertNotFound(String path, String message) throws Exception {
    HttpResponse<String> response = client.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("error").asText())
        .contains(message);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asInt()));
    return values;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asLong()));
    return values;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asDouble()));
    return values;
  }
}
