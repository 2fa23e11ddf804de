package dev.sluice.examples;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.Sluice;
import dev.sluice.engine.keyed.Pair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Counts the words of text files, the classic pipeline and workload W2:
 * {@code textFile → flatMap(split on ' ') → mapToPair(w → (w, 1)) → reduceByKey(+)}. A word is what
 * lies between single spaces; empty strings (from leading, trailing or repeated spaces, or empty
 * lines) are not words. The per-word counts are collected to the driver, which adds up the total,
 * counts the distinct words and picks the top {@code N} there (count descending, then word
 * ascending): the counts are needed on the driver anyway for the totals, so a distributed
 * {@code sortBy} would only add a shuffle and a second job.
 *
 * <pre>{@code bin/sluice run-example wordcount <input path or glob> [--master M] [--top N]}</pre>
 */
public final class WordCount {
  /** The arguments of {@code run-example wordcount}. */
  public static final String USAGE = "wordcount <input path or glob> [--master M] [--top N]";

  /** Words listed when {@code --top} is not given. */
  public static final int DEFAULT_TOP = 10;

  /** The order of the top list: count descending, then word ascending. */
  public static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_WORD =
      Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
          .thenComparing(Map.Entry::getKey);

  private WordCount() {}

  /**
   * A word count's result.
   *
   * @param totalWords every occurrence of every word
   * @param distinctWords how many different words occur
   * @param top the most frequent words with their counts, by {@link #BY_COUNT_THEN_WORD}
   */
  public record Counts(long totalWords, long distinctWords, List<Map.Entry<String, Long>> top) {
    public Counts {
      top = List.copyOf(top);
    }

    /** W2-wordcount's checksum: total words + distinct words. */
    public long checksum() {
      return totalWords + distinctWords;
    }
  }

  /** The words of {@code line}: the non-empty strings between single spaces. */
  public static Iterator<String> words(String line) {
    return new Iterator<>() {
      private int start = skipSpaces(0);

      private int skipSpaces(int from) {
        while (from < line.length() && line.charAt(from) == ' ') {
          from++;
        }
        return from;
      }

      @Override
      public boolean hasNext() {
        return start < line.length();
      }

      @Override
      public String next() {
        if (start >= line.length()) {
          throw new NoSuchElementException();
        }
        int end = line.indexOf(' ', start);
        if (end < 0) {
          end = line.length();
        }
        String word = line.substring(start, end);
        start = skipSpaces(end);
        return word;
      }
    };
  }

  /**
   * Counts the words of {@code input} (a file, a directory or a glob) with {@code sluice}, keeping
   * the {@code top} most frequent.
   */
  public static Counts count(Sluice sluice, String input, int top) {
    requireNonNull(input, "input is null");
    List<Pair<String, Long>> counts = sluice.textFile(input)
        .flatMap(WordCount::words, String.class)
        .mapToPair(word -> Pair.of(word, 1L))
        .reduceByKey(Long::sum)
        .collect();
    long total = 0;
    TopWords topWords = new TopWords(top);
    for (Pair<String, Long> pair : counts) {
      total += pair.value();
      topWords.offer(pair.key(), pair.value());
    }
    return new Counts(total, counts.size(), topWords.sorted());
  }

  /**
   * The {@code limit} largest (word, count) entries by {@link #BY_COUNT_THEN_WORD}, kept in a
   * bounded heap while the counts stream by.
   */
  public static final class TopWords {
    private final int limit;
    // The heap's head is the entry that would leave first: the smallest count, then the largest word.
    private final PriorityQueue<Map.Entry<String, Long>> heap;

    /** Keeps the top {@code limit} (at least 0). */
    public TopWords(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be at least 0, got " + limit);
      }
      this.limit = limit;
      this.heap = new PriorityQueue<>(Math.max(1, limit), BY_COUNT_THEN_WORD.reversed());
    }

    /** Considers one word and its count. */
    public void offer(String word, long count) {
      if (limit == 0) {
        return;
      }
      Map.Entry<String, Long> entry = Map.entry(word, count);
      if (heap.size() < limit) {
        heap.add(entry);
      } else if (BY_COUNT_THEN_WORD.compare(entry, heap.peek()) < 0) {
        heap.poll();
        heap.add(entry);
      }
    }

    /** The entries kept, most frequent first. */
    public List<Map.Entry<String, Long>> sorted() {
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(heap);
      sorted.sort(BY_COUNT_THEN_WORD);
      return sorted;
    }
  }

  /**
   * Runs the example: parses {@code <input> [--master M] [--top N]}, prints the totals, the top
   * words and the time to {@code out}, and returns the exit status (0).
   *
   * @throws UsageException on a malformed command line
   */
  public static int run(String[] args, PrintStream out) {
    String input = null;
    Optional<String> master = Optional.empty();
    int top = DEFAULT_TOP;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--master") || arg.equals("--top")) {
        if (i + 1 >= args.length) {
          throw new UsageException(arg + " needs a value; usage: " + USAGE);
        }
        String value = args[++i];
        if (arg.equals("--master")) {
          master = Optional.of(value);
        } else {
          top = parseTop(value);
        }
      } else if (arg.startsWith("--master=")) {
        master = Optional.of(arg.substring("--master=".length()));
      } else if (arg.startsWith("--top=")) {
        top = parseTop(arg.substring("--top=".length()));
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown flag '" + arg + "'; known flags: --master M, --top N");
      } else if (input != null) {
        throw new UsageException("unexpected argument '" + arg + "'; wordcount takes one input path or glob");
      } else {
        input = arg;
      }
    }
    if (input == null) {
      throw new UsageException("wordcount needs an input path or glob, e.g. /tmp/sluice-data/text/part-*.txt");
    }
    Sluice.Builder builder = Sluice.builder().appName("wordcount");
    master.ifPresent(builder::master);
    try (Sluice sluice = builder.getOrCreate()) {
      long start = System.nanoTime();
      Counts counts = count(sluice, input, top);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "Total words: %d%n", counts.totalWords());
      out.printf(Locale.ROOT, "Distinct words: %d%n", counts.distinctWords());
      if (!counts.top().isEmpty()) {
        out.printf(Locale.ROOT, "Top %d words:%n", counts.top().size());
        int rank = 1;
        for (Map.Entry<String, Long> entry : counts.top()) {
          out.printf(Locale.ROOT, "  %2d %s %d%n", rank++, entry.getKey(), entry.getValue());
        }
      }
      out.printf(Locale.ROOT, "Took %.3f s on %s%n", seconds, sluice.master());
    }
    return 0;
  }

  private static int parseTop(String value) {
    try {
      int top = Integer.parseInt(value);
      if (top >= 0) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--top must be a whole number of at least 0, got '" + value + "'");
  }

  /** Command-line entry; see {@link #run}. */
  public static void main(String[] args) {
    System.exit(Launcher.runGuarded(() -> run(args, System.out), System.err));
  }
}
