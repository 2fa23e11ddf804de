package dev.sluice.examples;

import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.ui.AppStatusStore;
import dev.sluice.scheduler.ui.EventLogReplay;
import dev.sluice.scheduler.ui.UiServer;
import dev.sluice.scheduler.ui.UiSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code sluice history --dir D [--port P] [--host H]}: serves the applications whose event logs
 * are in D with the same web UI, read-only. A log is read again only when its file changed, so an
 * application still running ({@code .jsonl.inprogress}) shows its progress on reload.
 */
public final class HistoryCommand {
  public static final String USAGE = "history --dir D [--port P] [--host H]";
  /** The history server's default port (Spark's is the same). */
  public static final int DEFAULT_PORT = 18080;

  private record Cached(long size, FileTime modified, AppStatusStore store) {}

  private HistoryCommand() {}

  public static int run(String[] args, PrintStream out) {
    String dir = null;
    String host = "127.0.0.1";
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new UsageException("history: " + flag + " needs a value; usage: " + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--dir" -> dir = value;
        case "--host" -> host = value;
        case "--port" -> port = parsePort(value);
        default -> throw new UsageException("history: unknown flag '" + flag + "'; usage: " + USAGE);
      }
    }
    if (dir == null) {
      throw new UsageException("history: --dir D is required (the sluice.eventLog.dir of the applications)");
    }
    Path directory = Path.of(dir);
    if (!Files.isDirectory(directory)) {
      throw new UsageException("history: " + directory + " is not a directory of event logs");
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "sluice-history", SchedulerSystem.actorConfig());
    Map<Path, Cached> cache = new ConcurrentHashMap<>();
    UiServer ui;
    try {
      ui = UiServer.forHistory(system, new UiSettings(host, port), () -> stores(directory, cache));
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      ui.close();
      system.terminate();
    }, "sluice-history-shutdown"));
    out.println("Sluice history server for " + directory.toAbsolutePath() + " at " + ui.url() + ". Stop with Ctrl-C.");
    out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("history: --port must be a port between 0 and 65535, got '" + value + "'");
  }

  /** The stores of the logs in {@code directory}, newest first, re-reading only changed files. */
  static List<AppStatusStore> stores(Path directory, Map<Path, Cached> cache) {
    List<Path> logs;
    try (Stream<Path> files = Files.list(directory)) {
      logs = files.filter(file -> {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.inprogress");
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the event logs in " + directory, e);
    }
    cache.keySet().retainAll(logs);
    List<Cached> current = new ArrayList<>();
    for (Path log : logs) {
      try {
        long size = Files.size(log);
        FileTime modified = Files.getLastModifiedTime(log);
        Cached cached = cache.get(log);
        if (cached == null || cached.size() != size || !cached.modified().equals(modified)) {
          cached = new Cached(size, modified, EventLogReplay.read(log));
          cache.put(log, cached);
        }
        current.add(cached);
      } catch (IOException | UncheckedIOException e) {
        // a log renamed or deleted meanwhile: shown on the next request if it is back
      }
    }
    current.sort((a, b) -> b.modified().compareTo(a.modified()));
    return current.stream().map(Cached::store).toList();
  }
}
