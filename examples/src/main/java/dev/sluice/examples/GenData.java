package dev.sluice.examples;

import static java.util.Objects.requireNonNull;

import dev.sluice.examples.data.TextCorpusGenerator;
import dev.sluice.examples.tpch.TpchGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code gen-data --out DIR [--sf SF] [--text-mib N]}: writes the bench's input files in the layout of
 * BENCHMARKS.md under {@code DIR}: the TPC-H tables lineitem, orders and customer at scale factor
 * {@code SF} as Parquet and CSV ({@link TpchGenerator}), and the word-count corpus
 * {@code DIR/text/part-{0..7}.txt} of {@code N} MiB in all ({@link TextCorpusGenerator}). Each flag
 * is also accepted as {@code --flag=value}.
 */
public final class GenData {
  /** The usage line printed by {@code help}. */
  public static final String USAGE = "gen-data --out DIR [--sf SF] [--text-mib N]";

  private static final List<String> FLAGS = List.of("--out", "--text-mib", "--sf");

  private GenData() {}

  /**
   * The parsed command line.
   *
   * @param out the {@code --out} directory
   * @param textMib the corpus size in MiB, if {@code --text-mib} was given
   * @param scaleFactor the TPC-H scale factor as given (e.g. {@code 0.01}), if {@code --sf} was given
   */
  public record Options(Path out, OptionalInt textMib, Optional<String> scaleFactor) {
    public Options {
      requireNonNull(out, "out is null");
      requireNonNull(textMib, "textMib is null");
      requireNonNull(scaleFactor, "scaleFactor is null");
    }

    /**
     * Parses the arguments that follow {@code gen-data}.
     *
     * @throws UsageException on an unknown flag, a stray argument, a missing or repeated flag, a
     *     malformed size or scale factor, or nothing to generate
     */
    public static Options parse(String[] args) {
      Path out = null;
      OptionalInt textMib = OptionalInt.empty();
      Optional<String> scaleFactor = Optional.empty();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        String value = null;
        int equals = flag.indexOf('=');
        if (flag.startsWith("--") && equals > 0) {
          value = flag.substring(equals + 1);
          flag = flag.substring(0, equals);
        }
        if (!FLAGS.contains(flag)) {
          throw new UsageException((flag.startsWith("-") ? "unknown flag '" : "unexpected argument '") + args[i]
              + "' for gen-data; known flags: " + String.join(", ", FLAGS));
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
        if (flag.equals("--out")) {
          out = Path.of(value);
        } else if (flag.equals("--sf")) {
          scaleFactor = Optional.of(parseScaleFactor(value));
        } else {
          textMib = OptionalInt.of(parseMib(value));
        }
      }
      if (out == null) {
        throw new UsageException("gen-data needs --out DIR; usage: " + USAGE);
      }
      if (textMib.isEmpty() && scaleFactor.isEmpty()) {
        throw new UsageException("gen-data has nothing to generate: give --sf SF (TPC-H tables) and/or --text-mib N"
            + " (the bench uses " + TextCorpusGenerator.BENCH_MIB + "); usage: " + USAGE);
      }
      return new Options(out, textMib, scaleFactor);
    }

    private static String parseScaleFactor(String value) {
      try {
        double sf = Double.parseDouble(value);
        if (sf > 0 && sf <= 1000 && !value.contains("e") && !value.contains("E")) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageException("--sf must be a positive decimal scale factor such as 1 or 0.01, got '" + value + "'");
    }

    private static int parseMib(String value) {
      try {
        int mib = Integer.parseInt(value.replace("_", ""));
        if (mib >= 1) {
          return mib;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageException("--text-mib must be a whole number of MiB, at least 1, got '" + value + "'");
    }
  }

  /**
   * Parses {@code args} (what follows {@code gen-data}), writes the data and prints what it wrote.
   *
   * @return the exit status: 0
   * @throws UsageException on a malformed command line
   */
  public static int run(String[] args, PrintStream out) throws Exception {
    Options options = Options.parse(args);
    if (options.scaleFactor().isPresent()) {
      long start = System.nanoTime();
      TpchGenerator.Summary summary = TpchGenerator.write(options.out(), options.scaleFactor().get());
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int i = 0; i < summary.tables().size(); i++) {
        out.printf(Locale.ROOT, "wrote %s: %d rows as Parquet and CSV, %d parts%n",
            summary.root().resolve("{parquet,csv}").resolve(summary.tables().get(i)), summary.rows().get(i),
            TpchGenerator.PARTS);
      }
      out.printf(Locale.ROOT, "TPC-H sf%s in %.1f s%n", options.scaleFactor().get(), seconds);
    }
    if (options.textMib().isPresent()) {
      long start = System.nanoTime();
      TextCorpusGenerator.Summary summary = TextCorpusGenerator.write(options.out(), options.textMib().getAsInt());
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "wrote %s: %d files, %d bytes, %d lines, %d words in %.1f s%n",
          TextCorpusGenerator.textDirectory(options.out()), summary.files().size(), summary.bytes(),
          summary.lines(), summary.words(), seconds);
    }
    return 0;
  }

  /** Command-line entry; see {@link #run}. */
  public static void main(String[] args) {
    System.exit(Launcher.runGuarded(() -> run(args, System.out), System.err));
  }
}
