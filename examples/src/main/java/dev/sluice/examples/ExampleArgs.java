package dev.sluice.examples;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.Sluice;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The command line shared by the small examples: {@code [COUNT] [--master M]}, one optional
 * positional number (underscores allowed, as in {@code 100_000_000}) and an optional master.
 *
 * @param count the positional number, if given
 * @param master the {@code --master} value, if given; when absent the session falls back to the
 *     {@code sluice.master} system property and then to the engine's default
 */
public record ExampleArgs(OptionalLong count, Optional<String> master) {
  public ExampleArgs {
    requireNonNull(count, "count is null");
    requireNonNull(master, "master is null");
  }

  /**
   * Parses {@code args}.
   *
   * @param countName what the positional number means, used in error messages (e.g. "samples")
   * @param minimum the smallest accepted count
   * @throws UsageException on an unknown flag, a second positional argument, a missing
   *     {@code --master} value or a count that is not a number of at least {@code minimum}
   */
  public static ExampleArgs parse(String[] args, String countName, long minimum) {
    OptionalLong count = OptionalLong.empty();
    Optional<String> master = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--master")) {
        if (i + 1 >= args.length) {
          throw new UsageException("--master needs a value, e.g. --master local[2]");
        }
        master = Optional.of(args[++i]);
      } else if (arg.startsWith("--master=")) {
        master = Optional.of(arg.substring("--master=".length()));
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown flag '" + arg + "'; known flags: --master M");
      } else if (count.isPresent()) {
        throw new UsageException("unexpected argument '" + arg + "'; expected at most one " + countName);
      } else {
        count = OptionalLong.of(parseCount(arg, countName, minimum));
      }
    }
    return new ExampleArgs(count, master);
  }

  private static long parseCount(String text, String countName, long minimum) {
    long value;
    try {
      value = Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(countName + " must be a whole number, got '" + text + "'");
    }
    if (value < minimum) {
      throw new UsageException(countName + " must be at least " + minimum + ", got " + value);
    }
    return value;
  }

  /** The count, or {@code fallback} when none was given. */
  public long countOr(long fallback) {
    return count.orElse(fallback);
  }

  /** Opens (or joins) a session named {@code appName} on the given master; the caller closes it. */
  public Sluice openSession(String appName) {
    Sluice.Builder builder = Sluice.builder().appName(appName);
    master.ifPresent(builder::master);
    return builder.getOrCreate();
  }
}
