package dev.sluice.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The events stream's heartbeat comments, with a short interval. */
@Timeout(30)
class TestUpdateStreamHeartbeat {
  @Test
  void testIdleStreamSendsHeartbeatComments() throws Exception {
    ActorTestKit kit = ActorTestKit.create("ui-heartbeat-test");
    AppStatusStore store = new AppStatusStore("app-idle", "idle", "local[1]");
    try (UiServer server = UiServer.start(kit.system(), UiSettings.localhost(0),
        new UiRoutes(() -> List.of(store), List::of, null, UiRoutes.RESOURCES, Duration.ofMillis(100)))) {
      UiClient client = new UiClient(server.url());
      HttpResponse<Stream<String>> response = client.http().sendAsync(
          HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/events")).build(),
          HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
      Iterator<String> lines = response.body().iterator();
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      // nothing happens in the store: only heartbeat comments arrive, each a ':' line and a blank line
      for (int i = 0; i < 3; i++) {
        assertThat(lines.next()).isEqualTo(":");
        assertThat(lines.next()).isEmpty();
      }
      response.body().close();
    } finally {
      kit.shutdownTestKit();
    }
  }
}
