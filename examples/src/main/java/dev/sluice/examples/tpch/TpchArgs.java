package dev.sluice.examples.tpch;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.Sluice;
import dev.sluice.examples.UsageException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of the TPC-H examples: {@code --data DIR --sf SF [--format parquet|csv]
 * [--master M]} (each flag also as {@code --flag=value}).
 *
 * @param data the gen-data output directory
 * @param scaleFactor the scale factor as written in the directory name ({@code 1}, {@code 0.01})
 * @param format the table files to read
 * @param master the master, if given
 */
public record TpchArgs(Path data, String scaleFactor, TpchQueries.Format format, Optional<String> master) {
  public static final String USAGE = "--data DIR --sf SF [--format parquet|csv] [--master M]";

  public TpchArgs {
    requireNonNull(data, "data is null");
    requireNonNull(scaleFactor, "scaleFactor is null");
    requireNonNull(format, "format is null");
    requireNonNull(master, "master is null");
  }

  /**
   * Parses the arguments of one TPC-H example.
   *
   * @throws UsageException naming the flag that is unknown, repeated, missing or malformed
   */
  public static TpchArgs parse(String[] args) {
    Path data = null;
    String scaleFactor = null;
    TpchQueries.Format format = TpchQueries.Format.PARQUET;
    Optional<String> master = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int equals = flag.indexOf('=');
      if (flag.startsWith("--") && equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException(flag.startsWith("--") ? flag + " needs a value; usage: " + USAGE
            : "unexpected argument '" + flag + "'; usage: " + USAGE);
      }
      switch (flag) {
        case "--data" -> data = Path.of(value);
        case "--sf" -> scaleFactor = value;
        case "--master" -> master = Optional.of(value);
        case "--format" -> {
          try {
            format = TpchQueries.Format.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new UsageException("--format must be parquet or csv, got '" + value + "'");
          }
        }
        default -> throw new UsageException("unknown flag '" + flag + "'; usage: " + USAGE);
      }
    }
    if (data == null || scaleFactor == null) {
      throw new UsageException("the TPC-H examples need --data DIR and --sf SF (write them with "
          + "`bin/sluice gen-data --out DIR --sf SF`); usage: " + USAGE);
    }
    return new TpchArgs(data, scaleFactor, format, master);
  }

  /** A session for the example, on the given master or the default one. */
  public Sluice session(String appName) {
    Sluice.Builder builder = Sluice.builder().appName(appName);
    master.ifPresent(builder::master);
    return builder.getOrCreate();
  }
}
