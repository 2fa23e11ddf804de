package dev.sluice.scheduler.ui;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scheduler.cluster.MasterProtocol;
import dev.sluice.scheduler.ui.api.AllocatorUsage;
import dev.sluice.scheduler.ui.api.ClusterData;
import dev.sluice.scheduler.ui.api.ErrorData;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The UI's routes: the REST API under {@code /api/v1} (JSON, as the records of {@code
 * dev.sluice.scheduler.ui.api}), the events stream, the single page at {@code /} and its static
 * files under {@code /static/} (from the classpath directory {@code sluice-ui/}; the dagre layout
 * library from its webjar at {@code /static/vendor/dagre.min.js}). Only GET is served. Unknown
 * applications, jobs, stages and API paths answer 404 with {@code {"error": "..."}}.
 */
final class UiRoutes extends AllDirectives {
  /** Where the page's files are on the classpath. */
  static final String RESOURCES = "sluice-ui";
  /** The dagre webjar's bundle (with graphlib and lodash). */
  static final String DAGRE = "META-INF/resources/webjars/dagre/0.8.4/dist/dagre.min.js";

  private static final ContentType JAVASCRIPT =
      ContentTypes.create(MediaTypes.APPLICATION_JAVASCRIPT, HttpCharsets.UTF_8);
  private static final ContentType EVENT_STREAM = ContentTypes.create(MediaTypes.TEXT_EVENT_STREAM);

  private final Supplier<List<AppStatusStore>> stores;
  private final Supplier<List<AllocatorUsage>> memory;
  /** Null except on a master. */
  private final Supplier<CompletionStage<MasterProtocol.ClusterState>> cluster;
  private final String resources;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Marshaller<Object, RequestEntity> json = Jackson.marshaller(mapper);
  private final UpdateStream updates;
  private final ClassLoader classLoader = UiRoutes.class.getClassLoader();

  /**
   * @param stores the applications served (read on each request)
   * @param memory the allocators listed on alive executors
   * @param cluster the master's state, or null when this is not a master's UI
   * @param resources the classpath directory of the page's files
   * @param heartbeat how often the events stream sends a heartbeat
   */
  UiRoutes(Supplier<List<AppStatusStore>> stores, Supplier<List<AllocatorUsage>> memory,
      Supplier<CompletionStage<MasterProtocol.ClusterState>> cluster, String resources, Duration heartbeat) {
    this.stores = stores;
    this.memory = memory;
    this.cluster = cluster;
    this.resources = resources;
    this.updates = new UpdateStream(mapper, heartbeat);
  }

  UpdateStream updates() {
    return updates;
  }

  Route route() {
    return get(() -> concat(
        pathSingleSlash(() -> getFromResource(resources + "/index.html", ContentTypes.TEXT_HTML_UTF8, classLoader)),
        pathPrefix("static", () -> concat(
            path(segment("vendor").slash("dagre.min.js"), () -> getFromResource(DAGRE, JAVASCRIPT, classLoader)),
            getFromResourceDirectory(resources, classLoader))),
        pathPrefix(segment("api").slash("v1"), () -> respondWithHeader(CacheControl.create(CacheDirectives.NO_CACHE),
            this::api))));
  }

  private Route api() {
    return concat(
        path("applications", () -> completeOK(stores.get().stream().map(AppStatusStore::application).toList(), json)),
        pathPrefix(segment("applications").slash(segment()), appId -> application(appId)),
        path("events", () -> complete(HttpResponse.create()
            .withEntity(HttpEntities.create(EVENT_STREAM, updates.source(stores.get()))))),
        path("cluster", this::cluster),
        extractUnmatchedPath(rest -> error(StatusCodes.NOT_FOUND, "No API endpoint /api/v1" + rest)));
  }

  private Route application(String appId) {
    Optional<AppStatusStore> found = stores.get().stream().filter(store -> store.appId().equals(appId)).findFirst();
    if (found.isEmpty()) {
      return error(StatusCodes.NOT_FOUND, "No application " + appId);
    }
    AppStatusStore store = found.get();
    return concat(
        path("jobs", () -> completeOK(store.jobs(), json)),
        pathPrefix(segment("jobs").slash(integerSegment()), jobId -> concat(
            pathEnd(() -> answer(store.job(jobId), "job " + jobId, appId)),
            path("dag", () -> answer(store.dag(jobId), "job " + jobId, appId)),
            path("plan", () -> answer(store.plan(jobId), "job " + jobId, appId)))),
        path("stages", () -> completeOK(store.stages(), json)),
        pathPrefix(segment("stages").slash(integerSegment()), stageId -> concat(
            pathEnd(() -> answer(store.stage(stageId), "stage " + stageId, appId)),
            path("tasks", () -> answer(store.tasks(stageId), "stage " + stageId, appId)),
            path("summary", () -> answer(store.summary(stageId), "stage " + stageId, appId)))),
        path("executors", () -> completeOK(store.executors(memory.get()), json)),
        extractUnmatchedPath(rest -> error(StatusCodes.NOT_FOUND,
            "No API endpoint /api/v1/applications/" + appId + rest)));
  }

  private Route cluster() {
    if (cluster == null) {
      return error(StatusCodes.NOT_FOUND, "This UI is not a master's: no cluster state");
    }
    CompletionStage<MasterProtocol.ClusterState> state;
    try {
      state = cluster.get();
    } catch (RuntimeException e) {
      state = CompletableFuture.failedFuture(e);
    }
    return onComplete(state, result -> result.isSuccess()
        ? completeOK(toData(result.get()), json)
        : error(StatusCodes.SERVICE_UNAVAILABLE, "The master did not answer: " + result.failed().get()));
  }

  private static ClusterData toData(MasterProtocol.ClusterState state) {
    return new ClusterData(
        state.workers().stream().map(worker -> new ClusterData.WorkerData(worker.workerId(), worker.host(),
            worker.cores(), worker.memoryBytes(), worker.state())).toList(),
        state.applications().stream().map(app -> new ClusterData.ClusterApplicationData(app.appId(), app.name(),
            app.state(), app.executors(), app.uiUrl())).toList());
  }

  private Route answer(Optional<?> value, String what, String appId) {
    return value.<Route>map(found -> completeOK(found, json))
        .orElseGet(() -> error(StatusCodes.NOT_FOUND, "No " + what + " in application " + appId));
  }

  private Route error(StatusCode status, String message) {
    return complete(status, new ErrorData(message), json);
  }
}
