package dev.sluice.scheduler.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event log's line format: one JSON object per line, {@code {"time":<epoch
 * millis>,"type":"<event record's simple name>","event":{<the record's components>}}}. The type
 * names map to classes through an explicit table built from {@link SchedulerEvent}'s permitted
 * subclasses (no Jackson default typing): a new event type is logged without further work.
 */
final class EventLogFormat {
  /** A finished application's log: {@code <appId>.jsonl}. */
  static final String SUFFIX = ".jsonl";
  /** A log still being written (or never closed): {@code <appId>.jsonl.inprogress}. */
  static final String IN_PROGRESS_SUFFIX = ".jsonl.inprogress";

  private static final Map<String, Class<? extends SchedulerEvent>> TYPES = types();

  /**
   * A parsed line.
   *
   * @param time when the event was published
   * @param type the logged type name
   * @param event the event, or null when the type is unknown
   */
  record Entry(long time, String type, SchedulerEvent event) {}

  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  String write(SchedulerEvent event, long time) throws JsonProcessingException {
    return "{\"time\":" + time + ",\"type\":" + mapper.writeValueAsString(event.getClass().getSimpleName())
        + ",\"event\":" + mapper.writeValueAsString(event) + "}";
  }

  /**
   * Parses a line.
   *
   * @throws JsonProcessingException when the line is not a JSON object of this format (e.g. cut
   *     short), or its event does not fit its type
   */
  Entry read(String line) throws JsonProcessingException {
    JsonNode node = mapper.readTree(line);
    if (node == null || !node.isObject() || !node.path("time").canConvertToLong() || !node.path("type").isTextual()
        || !node.path("event").isObject()) {
      throw new MalformedLine("expected {\"time\":<millis>,\"type\":\"<name>\",\"event\":{...}}");
    }
    String type = node.get("type").asText();
    Class<? extends SchedulerEvent> eventClass = TYPES.get(type);
    SchedulerEvent event = eventClass == null ? null : mapper.treeToValue(node.get("event"), eventClass);
    return new Entry(node.get("time").asLong(), type, event);
  }

  private static Map<String, Class<? extends SchedulerEvent>> types() {
    Map<String, Class<? extends SchedulerEvent>> types = new LinkedHashMap<>();
    for (Class<?> type : SchedulerEvent.class.getPermittedSubclasses()) {
      types.put(type.getSimpleName(), type.asSubclass(SchedulerEvent.class));
    }
    return Collections.unmodifiableMap(types);
  }

  /** The event types this format reads, by logged name. */
  static Map<String, Class<? extends SchedulerEvent>> eventTypes() {
    return TYPES;
  }

  /** A line that is JSON but not of this format. */
  static final class MalformedLine extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    MalformedLine(String message) {
      super(message);
    }
  }
}
