package dev.sluice.scheduler.ui;

import static dev.sluice.scheduler.ui.TwoStageJob.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.PlanText;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log: a real two-stage job's events written by {@link EventLogWriter}, replayed by
 * {@link EventLogReplay}, and served by a history server whose REST answers equal the live UI's.
 */
@Timeout(60)
class TestEventLog {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> ENDPOINTS = List.of("/jobs", "/jobs/0", "/jobs/0/dag", "/jobs/0/plan", "/stages",
      "/stages/0", "/stages/1", "/stages/0/tasks", "/stages/1/tasks", "/stages/0/summary", "/stages/1/summary",
      "/executors");

  @TempDir
  static Path logs;
  private static ActorTestKit kit;
  private static AppStatusStore live;
  private static Path log;

  @BeforeAll
  static void runJobWithAnEventLog() throws Exception {
    kit = ActorTestKit.create("event-log-test");
    live = new AppStatusStore(APP_ID, "unnamed", "unknown");
    EventBus bus = new EventBus();
    bus.addListener(live);
    try (EventLogWriter writer = EventLogWriter.open(logs, APP_ID)) {
      assertThat(writer.file()).isEqualTo(logs.resolve(APP_ID + ".jsonl.inprogress"));
      bus.addListener(writer);
      TwoStageJob.run(bus);
    }
    log = logs.resolve(APP_ID + ".jsonl");
  }

  @AfterAll
  static void close() {
    kit.shutdownTestKit();
  }

  @Test
  void testClosedLogIsRenamedAndHoldsOneTypedEventPerLine() throws Exception {
    assertThat(log).exists();
    assertThat(logs.resolve(APP_ID + ".jsonl.inprogress")).doesNotExist();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSizeGreaterThan(20);
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertThat(first.get("time").asLong()).isPositive();
    assertThat(first.get("type").asText()).isEqualTo("ApplicationStarted");
    assertThat(first.get("event").get("appId").asText()).isEqualTo(APP_ID);
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("{\"time\":").contains("\"type\":\"JobSubmitted\""));
    assertThat(MAPPER.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("ApplicationEnded");
  }

  @Test
  void testReplayedLogAnswersTheSameRestAsTheLiveStore() throws Exception {
    AppStatusStore replayed = EventLogReplay.read(log);
    try (UiServer liveServer = UiServer.forApplication(kit.system(), UiSettings.localhost(0), live, List::of);
        UiServer history = UiServer.forHistory(kit.system(), UiSettings.localhost(0), () -> List.of(replayed))) {
      UiClient liveClient = new UiClient(liveServer.url());
      UiClient historyClient = new UiClient(history.url());
      assertThat(historyClient.json("/api/v1/applications")).isEqualTo(liveClient.json("/api/v1/applications"));
      String app = "/api/v1/applications/" + APP_ID;
      for (String endpoint : ENDPOINTS) {
        assertThat(historyClient.json(app + endpoint)).as(endpoint).isEqualTo(liveClient.json(app + endpoint));
      }
      assertThat(historyClient.json(app + "/jobs/0/dag").get("edges").get(0).get("rows").asLong())
          .isEqualTo(TwoStageJob.MAP_ROWS);
      JsonNode nodes = historyClient.json(app + "/jobs/0/dag").get("nodes");
      assertThat(TestUiServer.devices(nodes.get(0).get("devices")))
          .containsExactly("CPU:", "CPU:" + TwoStageJob.SCAN_REASON);
      assertThat(TestUiServer.devices(nodes.get(1).get("devices"))).containsExactly("GPU:", "CPU:");
      assertThat(TestUiServer.devices(historyClient.json(app + "/jobs/0/plan").get("stages").get(1).get("operators")))
          .containsExactly("GPU:", "CPU:");
      assertThat(historyClient.json(app + "/stages/1/tasks").findValues("gpuFallbackBatches").stream()
          .mapToLong(JsonNode::asLong).sum()).isEqualTo(TwoStageJob.GPU_FALLBACK_BATCHES);
    }
  }

  @Test
  void testHistoryServerListsTwoLogsAndServesEach(@TempDir Path directory) throws Exception {
    Files.copy(log, directory.resolve(APP_ID + ".jsonl"));
    try (EventLogWriter writer = EventLogWriter.open(directory, "app-two")) {
      writer.onEvent(new SchedulerEvent.ApplicationStarted("app-two", "second", "local[2]", null), 1_000);
      writer.onEvent(new SchedulerEvent.JobSubmitted(0, "count at Two.java:3", List.of(7),
          List.of(new StageInfo(7, "count at Two.java:3", List.of(), 1, -1, List.of("Count"))), List.of()), 1_100);
      writer.onEvent(new SchedulerEvent.JobFailed(0, "boom"), 1_300);
      writer.onEvent(new SchedulerEvent.ApplicationEnded("app-two"), 1_400);
    }
    List<AppStatusStore> stores = EventLogReplay.readDirectory(directory);
    try (UiServer history = UiServer.forHistory(kit.system(), UiSettings.localhost(0), () -> stores)) {
      UiClient client = new UiClient(history.url());
      JsonNode applications = client.json("/api/v1/applications");
      assertThat(applications.findValues("id").stream().map(JsonNode::asText).toList())
          .containsExactly(APP_ID, "app-two");
      JsonNode two = applications.get(1);
      assertThat(two.get("name").asText()).isEqualTo("second");
      assertThat(two.get("startTime").asLong()).isEqualTo(1_000);
      assertThat(two.get("endTime").asLong()).isEqualTo(1_400);
      assertThat(two.get("completed").asBoolean()).isTrue();
      assertThat(two.get("uiUrl").isNull()).isTrue();
      JsonNode failed = client.json("/api/v1/applications/app-two/jobs/0");
      assertThat(failed.get("status").asText()).isEqualTo("FAILED");
      assertThat(failed.get("failureReason").asText()).isEqualTo("boom");
      assertThat(failed.get("durationMillis").asLong()).isEqualTo(200);
      assertThat(client.json("/api/v1/applications/app-two/jobs/0/dag")
          .get("nodes").get(0).get("status").asText()).isEqualTo("PENDING");
      assertThat(client.json("/api/v1/applications/" + APP_ID + "/jobs/0").get("status").asText())
          .isEqualTo("SUCCEEDED");
      assertThat(client.get("/api/v1/applications/app-three/jobs").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void testInProgressLogWithACutLastLineReplaysAsIncomplete(@TempDir Path directory) throws Exception {
    List<String> lines = Files.readAllLines(log);
    List<String> cut = new ArrayList<>(lines.subList(0, lines.size() - 1)); // no ApplicationEnded yet
    String last = cut.remove(cut.size() - 1);
    cut.add(last.substring(0, last.length() / 2));
    Path inProgress = directory.resolve(APP_ID + ".jsonl.inprogress");
    Files.write(inProgress, cut);

    List<AppStatusStore> stores = EventLogReplay.readDirectory(directory);
    assertThat(stores).hasSize(1);
    assertThat(stores.get(0).appId()).isEqualTo(APP_ID);
    assertThat(stores.get(0).application().completed()).isFalse();
    assertThat(stores.get(0).application().endTime()).isEqualTo(-1);
    assertThat(stores.get(0).job(0)).isPresent();
  }

  @Test
  void testUnknownTypesAndEventsThatDoNotFitAreSkipped(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("app-odd.jsonl");
    Files.write(file, List.of(
        "{\"time\":5,\"type\":\"JobSubmitted\",\"event\":{\"jobId\":3,\"description\":\"d\",\"stageIds\":[1],"
            + "\"stages\":[],\"plans\":[],\"addedLater\":true}}",
        "{\"time\":6,\"type\":\"SomethingNew\",\"event\":{\"x\":1}}",
        "{\"time\":7,\"type\":\"StageSubmitted\",\"event\":{\"jobId\":3,\"stageId\":\"not a number\"}}",
        "",
        "{\"time\":8,\"type\":\"JobSucceeded\",\"event\":{\"jobId\":3,\"durationNanos\":3000000}}"));
    AppStatusStore store = EventLogReplay.read(file);
    assertThat(store.appId()).isEqualTo("app-odd");
    assertThat(store.job(3)).hasValueSatisfying(job -> {
      assertThat(job.status()).isEqualTo("SUCCEEDED");
      assertThat(job.durationMillis()).isEqualTo(3);
    });
  }

  @Test
  void testALogWrittenBeforeDevicesWereLoggedReplaysWithTheirDevicesUnknown(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("app-old.jsonl");
    Files.write(file, List.of(
        "{\"time\":5,\"type\":\"JobSubmitted\",\"event\":{\"jobId\":3,\"description\":\"d\",\"stageIds\":[1],"
            + "\"stages\":[{\"stageId\":1,\"name\":\"collect\",\"parents\":[],\"partitions\":1,"
            + "\"shuffleId\":-1,\"operators\":[\"Collect\",\"Scan\"]}],\"plans\":[]}}",
        "{\"time\":6,\"type\":\"TaskSucceeded\",\"event\":{\"key\":{\"jobId\":3,\"stageId\":1,\"partition\":0},"
            + "\"attempt\":0,\"executorId\":\"e\",\"metrics\":{\"rowsOut\":4,\"device\":\"CPU\","
            + "\"operators\":[{\"name\":\"Collect\",\"rowsOut\":4,\"nanos\":1}]}}}"));
    AppStatusStore store = EventLogReplay.read(file);
    assertThat(store.stage(1).orElseThrow().operators()).containsExactly("Collect", "Scan");
    assertThat(store.stage(1).orElseThrow().devices()).isEmpty();
    assertThat(store.dag(3).orElseThrow().nodes().get(0).devices()).isEmpty();
    assertThat(store.plan(3).orElseThrow().stages().get(0).operators())
        .allSatisfy(operator -> assertThat(operator.device()).isNull());
    assertThat(store.tasks(1).orElseThrow()).singleElement()
        .satisfies(task -> assertThat(task.gpuFallbackBatches()).isZero());
  }

  @Test
  void testALineThatIsNotJsonBeforeTheLastFailsNamingFileAndLine(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("app-bad.jsonl");
    Files.write(file, List.of("{\"time\":5,\"type\":\"ApplicationEnded\",\"event\":{\"appId\":\"a\"}}", "{\"time\":",
        "{\"time\":6,\"type\":\"ApplicationEnded\",\"event\":{\"appId\":\"a\"}}"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EventLogReplay.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2");
    assertThat(EventLogReplay.readDirectory(directory)).isEmpty();
  }

  @Test
  void testEveryEventTypeRoundTrips() throws Exception {
    TaskKey key = new TaskKey(1, 2, 3);
    TaskMetrics metrics = new TaskMetrics(10, 20, 30, 40, 1, 11, 12, 13, 14, "GPU", 2,
        List.of(new TaskMetrics.OperatorStat("Filter", 5, 6)));
    List<SchedulerEvent> events = List.of(
        new SchedulerEvent.JobSubmitted(1, "collect at A.java:1", List.of(2),
            List.of(new StageInfo(2, "collect", List.of(1), 4, -1, List.of("Collect", "FilterProject", "Scan"),
                List.of(OperatorDevice.CPU, OperatorDevice.GPU, OperatorDevice.cpu("type binary not supported")))),
            List.of(new PlanText("Physical", "Scan"))),
        new SchedulerEvent.ApplicationStarted("app", "name", "local[1]", null),
        new SchedulerEvent.ApplicationEnded("app"),
        new SchedulerEvent.StageSubmitted(1, 2, "collect", 4),
        new SchedulerEvent.ExecutorRegistered("e", 2),
        new SchedulerEvent.ExecutorRemoved("e", "gone"),
        new SchedulerEvent.SlotOffered("e", 1),
        new SchedulerEvent.TaskQueued(key, 0),
        new SchedulerEvent.TaskLaunched(key, 0, "e", 1, true, false),
        new SchedulerEvent.TaskSucceeded(key, 0, "e", metrics),
        new SchedulerEvent.TaskFailed(key, 1, "e", "boom", true),
        new SchedulerEvent.StageCompleted(1, 2),
        new SchedulerEvent.StageFailed(1, 2, "why"),
        new SchedulerEvent.JobSucceeded(1, 99),
        new SchedulerEvent.JobFailed(1, "why"));
    EventLogFormat format = new EventLogFormat();
    Set<String> covered = new LinkedHashSet<>();
    for (SchedulerEvent event : events) {
      EventLogFormat.Entry entry = format.read(format.write(event, 42));
      assertThat(entry.event()).isEqualTo(event);
      assertThat(entry.time()).isEqualTo(42);
      covered.add(entry.type());
    }
    assertThat(covered).isEqualTo(EventLogFormat.eventTypes().keySet());
  }

  @Test
  void testOpeningALogThatExistsOrWithAnUnsafeIdFails(@TempDir Path directory) throws Exception {
    Files.createFile(directory.resolve("app-1.jsonl"));
    assertThatThrownBy(() -> EventLogWriter.open(directory, "app-1"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> EventLogWriter.open(directory, "../escape"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appId");
  }
}
