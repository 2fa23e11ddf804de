package dev.sluice.scheduler.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scheduler.ui.api.UiUpdate;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The Server-Sent Events of {@code GET /api/v1/events} ({@code text/event-stream}): a frame
 * {@code event: update\ndata: <UiUpdate as JSON>\n\n} per {@link UiUpdate} of the given stores,
 * and a heartbeat comment {@code :\n\n} every 15 s, which EventSource clients ignore (and which
 * finds clients that went away). The frames are written here rather than with Pekko's {@code
 * ServerSentEvent}, whose heartbeat is an empty {@code data:} frame that browsers deliver as a
 * {@code message} event. Each client gets its own small queue, fed by a store listener without blocking; while a
 * client reads slowly its pending updates are merged (each distinct update once, in order), so a
 * slow client neither blocks the scheduler nor grows a buffer beyond the distinct things that
 * changed. When the client goes away (or {@link #closeAll} is called) its stream ends and its
 * listeners are removed.
 */
final class UpdateStream {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int QUEUE_SIZE = 256;
  private static final ByteString HEARTBEAT_COMMENT = ByteString.fromString(":\n\n");

  private final ObjectMapper mapper;
  private final Duration heartbeat;
  private final Set<BoundedSourceQueue<UiUpdate>> open = ConcurrentHashMap.newKeySet();

  UpdateStream(ObjectMapper mapper, Duration heartbeat) {
    this.mapper = mapper;
    this.heartbeat = heartbeat;
  }

  /** A new client's stream over these stores' updates. */
  Source<ByteString, NotUsed> source(List<AppStatusStore> stores) {
    List<AppStatusStore> copy = List.copyOf(stores);
    return Source.<UiUpdate>queue(QUEUE_SIZE)
        .mapMaterializedValue(queue -> {
          Consumer<UiUpdate> listener = queue::offer;
          open.add(queue);
          copy.forEach(store -> store.addUpdateListener(listener));
          return new Subscription(queue, listener);
        })
        .watchTermination((subscription, done) -> {
          done.whenComplete((ignored, error) -> {
            copy.forEach(store -> store.removeUpdateListener(subscription.listener()));
            open.remove(subscription.queue());
          });
          return NotUsed.notUsed();
        })
        .conflateWithSeed(UpdateStream::firstOf, UpdateStream::merge)
        .mapConcat(updates -> updates)
        .map(update -> ByteString.fromString("event: update\ndata: " + json(update) + "\n\n"))
        .keepAlive(heartbeat, () -> HEARTBEAT_COMMENT);
  }

  /** Ends every open stream (the server is closing). */
  void closeAll() {
    for (BoundedSourceQueue<UiUpdate> queue : open) {
      queue.complete();
    }
  }

  int openStreams() {
    return open.size();
  }

  private record Subscription(BoundedSourceQueue<UiUpdate> queue, Consumer<UiUpdate> listener) {}

  private static Set<UiUpdate> firstOf(UiUpdate update) {
    Set<UiUpdate> updates = new LinkedHashSet<>();
    updates.add(update);
    return updates;
  }

  private static Set<UiUpdate> merge(Set<UiUpdate> updates, UiUpdate update) {
    updates.add(update);
    return updates;
  }

  private String json(UiUpdate update) {
    try {
      return mapper.writeValueAsString(update);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
