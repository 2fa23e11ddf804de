package dev.sluice.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.Sluice;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.ui.AppStatusStore;
import dev.sluice.scheduler.ui.EventLogReplay;
import dev.sluice.scheduler.ui.UiServer;
import dev.sluice.scheduler.ui.UiSettings;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's own web UI after a real two-stage job (map → shuffle → reduce), read over HTTP, and
 * the same answers again from the job's event log served by the history server.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TestWebUiRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final int MAP_PARTITIONS = 4;
  private static final int REDUCE_PARTITIONS = 3;

  @TempDir
  Path temp;

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Every answer of the REST API for the application at {@code base}, keyed by path. */
  private static Map<String, JsonNode> answers(String base, String appId, int jobId) throws Exception {
    String app = base + "/api/v1/applications/" + appId;
    Map<String, JsonNode> answers = new java.util.TreeMap<>();
    answers.put("jobs", get(app + "/jobs"));
    answers.put("dag", get(app + "/jobs/" + jobId + "/dag"));
    answers.put("plan", get(app + "/jobs/" + jobId + "/plan"));
    answers.put("stages", get(app + "/stages"));
    for (JsonNode stage : answers.get("stages")) {
      int id = stage.get("stageId").asInt();
      answers.put("tasks-" + id, get(app + "/stages/" + id + "/tasks"));
      answers.put("summary-" + id, get(app + "/stages/" + id + "/summary"));
    }
    return answers;
  }

  @Test
  void aTwoStageJobAsTheRestApiShowsItLiveAndFromItsEventLog() throws Exception {
    Path logs = temp.resolve("events");
    Map<Long, Long> expected = new java.util.TreeMap<>();
    for (long x = 0; x < 10_000; x++) {
      expected.merge(x % 7, x, Long::sum);
    }
    String appId;
    Map<String, JsonNode> live;
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("ui-rest")
        .config("sluice.ui.enabled", "true").config("sluice.ui.port", "0")
        .config("sluice.eventLog.enabled", "true").config("sluice.eventLog.dir", logs.toString())
        .getOrCreate()) {
      String base = sluice.uiUrl().orElseThrow();
      appId = sluice.appId();
      List<Pair<Long, Long>> sums = sluice.range(0, 10_000, 1, MAP_PARTITIONS)
          .mapToObj(x -> Pair.of(x % 7, x))
          .mapToPair(pair -> pair)
          .reduceByKey(Long::sum, REDUCE_PARTITIONS)
          .collect();
      assertThat(sums).hasSize(7);
      sums.forEach(pair -> assertThat(pair.value()).isEqualTo(expected.get(pair.key())));

      JsonNode applications = get(base + "/api/v1/applications");
      assertThat(applications).hasSize(1);
      assertThat(applications.get(0).get("id").asText()).isEqualTo(appId);
      assertThat(applications.get(0).get("name").asText()).isEqualTo("ui-rest");
      assertThat(applications.get(0).get("uiUrl").asText()).isEqualTo(base);

      JsonNode jobs = get(base + "/api/v1/applications/" + appId + "/jobs");
      assertThat(jobs).hasSize(1);
      JsonNode job = jobs.get(0);
      int jobId = job.get("jobId").asInt();
      assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(job.get("numStages").asInt()).isEqualTo(2);
      assertThat(job.get("numCompletedStages").asInt()).isEqualTo(2);
      assertThat(job.get("numTasks").asInt()).isEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS);
      assertThat(job.get("numCompletedTasks").asInt()).isEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS);

      JsonNode dag = get(base + "/api/v1/applications/" + appId + "/jobs/" + jobId + "/dag");
      assertThat(dag.get("nodes")).hasSize(2);
      assertThat(dag.get("edges")).hasSize(1);
      JsonNode edge = dag.get("edges").get(0);
      int mapStage = edge.get("from").asInt();
      int reduceStage = edge.get("to").asInt();
      JsonNode stages = get(base + "/api/v1/applications/" + appId + "/stages");
      assertThat(stages).hasSize(2);
      long written = 0;
      long rowsWritten = 0;
      for (JsonNode task : get(base + "/api/v1/applications/" + appId + "/stages/" + mapStage + "/tasks")) {
        assertThat(task.get("status").asText()).isEqualTo("SUCCESS");
        written += task.get("shuffleWriteBytes").asLong();
        rowsWritten += task.get("rowsOut").asLong();
      }
      // map-side combining: each map task writes at most one row per key
      assertThat(rowsWritten).isBetween(7L, 7L * MAP_PARTITIONS);
      assertThat(edge.get("rows").asLong()).isEqualTo(rowsWritten);
      assertThat(edge.get("bytes").asLong()).isEqualTo(written).isPositive();
      JsonNode reduceTasks = get(base + "/api/v1/applications/" + appId + "/stages/" + reduceStage + "/tasks");
      assertThat(reduceTasks).hasSize(REDUCE_PARTITIONS);
      long read = 0;
      for (JsonNode task : reduceTasks) {
        read += task.get("shuffleReadBytes").asLong();
      }
      assertThat(read).isEqualTo(written);
      for (JsonNode node : dag.get("nodes")) {
        assertThat(node.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(node.get("operators").size()).isPositive();
        // each operator's device beside its line: a typed job's operators all run on the CPU
        assertThat(node.get("devices")).hasSameSizeAs(node.get("operators")).allSatisfy(device -> {
          assertThat(device.get("device").asText()).isEqualTo("CPU");
          assertThat(device.get("reason").asText()).isEmpty();
        });
      }
      for (JsonNode stage : get(base + "/api/v1/applications/" + appId + "/jobs/" + jobId + "/plan").get("stages")) {
        assertThat(stage.get("operators").findValuesAsText("device")).isNotEmpty().containsOnly("CPU");
      }
      assertThat(reduceTasks).allSatisfy(task -> assertThat(task.get("gpuFallbackBatches").asLong()).isZero());
      JsonNode executors = get(base + "/api/v1/applications/" + appId + "/executors");
      assertThat(executors).hasSize(2);
      int completed = 0;
      for (JsonNode executor : executors) {
        completed += executor.get("completedTasks").asInt();
      }
      assertThat(completed).isEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS);
      live = answers(base, appId, jobId);
    }

    // the event log, replayed and served by the history server, answers the same
    Path log = logs.resolve(appId + ".jsonl");
    assertThat(log).exists();
    try (Stream<Path> files = Files.list(logs)) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactly(appId + ".jsonl");
    }
    AppStatusStore replayed = EventLogReplay.read(log);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "history-test", SchedulerSystem.actorConfig());
    try (UiServer history = UiServer.forHistory(system, UiSettings.localhost(0), () -> List.of(replayed))) {
      JsonNode applications = get(history.url() + "/api/v1/applications");
      assertThat(applications.get(0).get("completed").asBoolean()).isTrue();
      Map<String, JsonNode> fromLog = answers(history.url(), appId, live.get("jobs").get(0).get("jobId").asInt());
      assertThat(new ArrayList<>(fromLog.keySet())).isEqualTo(new ArrayList<>(live.keySet()));
      fromLog.forEach((path, answer) -> assertThat(answer).as(path).isEqualTo(live.get(path)));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
