package dev.sluice.examples.bench;

import static java.util.Objects.requireNonNull;

import dev.sluice.examples.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line of {@code bench}:
 * {@code --data DIR --sf SF [--only w1,w3] [--runs N] [--master M]}, each flag also accepted as
 * {@code --flag=value}.
 *
 * @param data where the input files are (unchecked here: a workload that reads them fails naming the path)
 * @param only the {@code --only} selectors as given, empty for every workload
 * @param runs timed runs per workload, at least 1 (default 3)
 * @param master the session master (default {@code local[2]}, or the {@code sluice.master} property)
 */
public record BenchOptions(BenchData data, List<String> only, int runs, String master) {
  /** Timed runs when {@code --runs} is not given. */
  public static final int DEFAULT_RUNS = 3;

  /** The master when neither {@code --master} nor {@code -Dsluice.master} is given, as the peers ran. */
  public static final String DEFAULT_MASTER = "local[2]";

  /** The usage line printed by {@code help}. */
  public static final String USAGE = "bench --data DIR --sf SF [--only w1,w2,...] [--runs N] [--master M]";

  private static final List<String> FLAGS = List.of("--data", "--sf", "--only", "--runs", "--master");

  public BenchOptions {
    requireNonNull(data, "data is null");
    only = List.copyOf(only);
    requireNonNull(master, "master is null");
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }
  }

  /**
   * Parses the arguments that follow {@code bench}.
   *
   * @throws UsageException on an unknown flag (listing the known ones), a flag without a value, a
   *     repeated flag, a stray argument or a malformed value
   */
  public static BenchOptions parse(String[] args) {
    Optional<Path> data = Optional.empty();
    Optional<String> scaleFactor = Optional.empty();
    List<String> only = List.of();
    int runs = DEFAULT_RUNS;
    String master = System.getProperty("sluice.master", DEFAULT_MASTER);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int equals = flag.indexOf('=');
      if (flag.startsWith("--") && equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else {
        value = null;
      }
      if (!FLAGS.contains(flag)) {
        throw new UsageException((flag.startsWith("-") ? "unknown flag '" : "unexpected argument '") + args[i]
            + "' for bench; known flags: " + String.join(", ", FLAGS));
      }
      if (seen.contains(flag)) {
        throw new UsageException(flag + " is given twice");
      }
      seen.add(flag);
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException(flag + " needs a value; usage: " + USAGE);
        }
        value = args[++i];
      }
      if (value.isBlank()) {
        throw new UsageException(flag + " needs a non-empty value");
      }
      switch (flag) {
        case "--data":
          data = Optional.of(Path.of(value));
          break;
        case "--sf":
          scaleFactor = Optional.of(parseScaleFactor(value));
          break;
        case "--only":
          only = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
          if (only.isEmpty()) {
            throw new UsageException("--only needs at least one workload id, e.g. --only w1");
          }
          break;
        case "--runs":
          runs = parseRuns(value);
          break;
        case "--master":
          master = value;
          break;
        default:
          throw new AssertionError(flag);
      }
    }
    return new BenchOptions(new BenchData(data, scaleFactor), only, runs, master);
  }

  private static String parseScaleFactor(String value) {
    try {
      if (Double.parseDouble(value) > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--sf must be a positive number such as 1 or 0.01, got '" + value + "'");
  }

  private static int parseRuns(String value) {
    try {
      int runs = Integer.parseInt(value);
      if (runs >= 1) {
        return runs;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--runs must be a whole number of at least 1, got '" + value + "'");
  }
}
