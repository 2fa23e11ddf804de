package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.sluice.scheduler.event.SchedulerEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads event logs written by {@link EventLogWriter} back into {@link AppStatusStore}s, for the
 * history server. Each event is replayed with its logged time. Lines of an unknown event type, or
 * whose event does not fit its type (a log from another version), are skipped with a warning; a
 * last line cut short (the application died while writing it) is skipped with a warning; any other
 * line that is not JSON fails the file.
 */
public final class EventLogReplay {
  private static final Logger LOG = LoggerFactory.getLogger(EventLogReplay.class);

  private EventLogReplay() {}

  /**
   * Replays one log. The application's id, name and master come from its {@code
   * ApplicationStarted} event, or else the id from the file's name. A {@code .jsonl.inprogress}
   * file gives an application that is not {@code completed}.
   *
   * @throws IOException when the file cannot be read or a line other than the last is not JSON
   */
  public static AppStatusStore read(Path file) throws IOException {
    requireNonNull(file, "file is null");
    String fileName = file.getFileName().toString();
    boolean inProgress = fileName.endsWith(EventLogFormat.IN_PROGRESS_SUFFIX);
    EventLogFormat format = new EventLogFormat();
    List<EventLogFormat.Entry> entries = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String badLine = null;
      int lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        if (badLine != null) {
          throw new IOException("Event log " + file + " line " + (lineNumber - 1) + " is not an event: " + badLine);
        }
        try {
          EventLogFormat.Entry entry = format.read(line);
          if (entry.event() == null) {
            LOG.warn("Event log {} line {}: skipping an event of unknown type {}", file, lineNumber, entry.type());
          } else {
            entries.add(entry);
          }
        } catch (StreamReadException | EventLogFormat.MalformedLine e) {
          badLine = e.getOriginalMessage();
        } catch (JsonProcessingException e) {
          LOG.warn("Event log {} line {}: skipping an event that does not fit its type: {}", file, lineNumber,
              e.getOriginalMessage());
        }
      }
      if (badLine != null) {
        LOG.warn("Event log {}: its last line is cut short and was skipped ({})", file, badLine);
      }
    }
    AppStatusStore store = newStore(file, fileName, entries);
    if (inProgress) {
      store.markIncomplete();
    }
    for (EventLogFormat.Entry entry : entries) {
      store.onEvent(entry.event(), entry.time());
    }
    return store;
  }

  /**
   * Replays every event log in a directory ({@code *.jsonl} and {@code *.jsonl.inprogress}), in
   * file name order. A file that cannot be read is skipped with a warning.
   *
   * @throws IOException when the directory cannot be listed
   */
  public static List<AppStatusStore> readDirectory(Path directory) throws IOException {
    requireNonNull(directory, "directory is null");
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(EventLogFormat.SUFFIX)
              || path.getFileName().toString().endsWith(EventLogFormat.IN_PROGRESS_SUFFIX))
          .sorted()
          .toList();
    }
    List<AppStatusStore> stores = new ArrayList<>();
    for (Path file : files) {
      try {
        stores.add(read(file));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Skipping event log {}: {}", file, e.toString());
      }
    }
    return stores;
  }

  private static AppStatusStore newStore(Path file, String fileName, List<EventLogFormat.Entry> entries) {
    for (EventLogFormat.Entry entry : entries) {
      if (entry.event() instanceof SchedulerEvent.ApplicationStarted started) {
        return new AppStatusStore(started.appId(), started.name(), started.master());
      }
    }
    String appId = fileName.endsWith(EventLogFormat.IN_PROGRESS_SUFFIX)
        ? fileName.substring(0, fileName.length() - EventLogFormat.IN_PROGRESS_SUFFIX.length())
        : fileName.endsWith(EventLogFormat.SUFFIX)
            ? fileName.substring(0, fileName.length() - EventLogFormat.SUFFIX.length())
            : fileName;
    LOG.warn("Event log {} has no ApplicationStarted event; naming the application {}", file, appId);
    return new AppStatusStore(appId, appId, "unknown");
  }
}
