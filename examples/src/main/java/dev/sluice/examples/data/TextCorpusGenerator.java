package dev.sluice.examples.data;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the word-count corpus of BENCHMARKS.md: {@code DIR/text/part-{0..7}.txt}, lines of 5..20
 * lowercase words separated by single spaces, words drawn from Zipf(s=1.0) over a 100,000-word
 * vocabulary. With 256 MiB it reproduces the published W2-wordcount checksum, total words + distinct
 * words = {@value #CHECKSUM_256_MIB} (37,460,985 words, all 100,000 distinct).
 *
 * <p>The generation rule, every draw from one {@code SplittableRandom(42)} in this order:
 *
 * <ol>
 *   <li><b>Vocabulary.</b> Draw words until there are 100,000 distinct ones: a word is
 *       {@code nextInt(2, 11)} letters long (2..10), each letter {@code 'a' + nextInt(26)}; a word
 *       already drawn is dropped and the next one drawn. Rank {@code r} (1-based) is the {@code r}-th
 *       distinct word in drawing order.
 *   <li><b>Zipf.</b> Rank {@code r} has weight {@code 1.0 / r}; {@code cdf[r]} is the running sum of
 *       the weights (ranks 1 up) divided by their total, with {@code cdf[100000] = 1}. A word is
 *       {@code u = nextDouble()} and then the smallest rank with {@code cdf[r] > u} (inverse CDF).
 *   <li><b>Lines and files.</b> The same generator goes on across files 0 to 7 in order. A line is
 *       {@code n = nextInt(5, 21)} words (5..20), then the {@code n} Zipf words, joined by single
 *       spaces and ended by {@code '\n'}. A file receives whole lines while it holds fewer than its
 *       budget ({@code N MiB / 8}) bytes: <b>the line that reaches the budget is the file's last
 *       line and is kept whole</b>, so a file is its budget plus less than one line
 *       (fewer than {@value #MAX_LINE_BYTES} bytes) and no line is ever split between files.
 * </ol>
 *
 * <p>Keeping the last line is what reproduces the published checksum: dropping the line that would
 * cross the budget (files of at most 32 MiB) gives 37,560,878, and carrying it over to the next file
 * 37,560,874. Each file is written to a hidden temporary file in the same directory and renamed into
 * place, so a reader never sees a half-written part file.
 */
public final class TextCorpusGenerator {
  /** Part files of the corpus. */
  public static final int FILES = 8;

  /** Distinct words in the vocabulary. */
  public static final int VOCABULARY_SIZE = 100_000;

  /** Seed of the one generator every draw comes from. */
  public static final long SEED = 42;

  /** Shortest and longest vocabulary word, in letters. */
  public static final int MIN_WORD_LETTERS = 2;

  /** Longest vocabulary word, in letters. */
  public static final int MAX_WORD_LETTERS = 10;

  /** Fewest words in a line. */
  public static final int MIN_LINE_WORDS = 5;

  /** Most words in a line. */
  public static final int MAX_LINE_WORDS = 20;

  /** The longest possible line, terminator included. */
  public static final int MAX_LINE_BYTES = MAX_LINE_WORDS * (MAX_WORD_LETTERS + 1);

  /** Corpus size of the bench (BENCHMARKS.md). */
  public static final int BENCH_MIB = 256;

  /** W2-wordcount's checksum (total words + distinct words) on the {@value #BENCH_MIB} MiB corpus. */
  public static final long CHECKSUM_256_MIB = 37_560_985L;

  private static final long MIB = 1L << 20;

  private TextCorpusGenerator() {}

  /**
   * What was written.
   *
   * @param files the part files, in order
   * @param bytes their total size
   * @param lines their total line count
   * @param words their total word count
   */
  public record Summary(List<Path> files, long bytes, long lines, long words) {
    public Summary {
      files = List.copyOf(files);
    }
  }

  /** {@code dataDirectory/text}, where the corpus lives. */
  public static Path textDirectory(Path dataDirectory) {
    return dataDirectory.resolve("text");
  }

  /** {@code part-<index>.txt}. */
  public static String partFileName(int index) {
    return "part-" + index + ".txt";
  }

  /** The byte budget of each part file of a {@code totalMib} MiB corpus: {@code totalMib MiB / 8}. */
  public static long fileBudgetBytes(int totalMib) {
    if (totalMib < 1) {
      throw new IllegalArgumentException("the corpus needs at least 1 MiB, got " + totalMib);
    }
    return totalMib * MIB / FILES;
  }

  /**
   * Writes the {@code totalMib} MiB corpus to {@code dataDirectory/text/part-{0..7}.txt}, creating
   * the directories and replacing part files already there (other files are left alone).
   */
  public static Summary write(Path dataDirectory, int totalMib) throws IOException {
    requireNonNull(dataDirectory, "dataDirectory is null");
    long budget = fileBudgetBytes(totalMib);
    Path textDirectory = textDirectory(dataDirectory);
    Files.createDirectories(textDirectory);
    SplittableRandom random = new SplittableRandom(SEED);
    byte[][] vocabulary = vocabulary(random);
    double[] cdf = zipfCdf(VOCABULARY_SIZE);
    List<Path> files = new ArrayList<>(FILES);
    long bytes = 0;
    long lines = 0;
    long words = 0;
    for (int index = 0; index < FILES; index++) {
      Path target = textDirectory.resolve(partFileName(index));
      // Not Files.createTempFile: that one makes the file readable by its owner only.
      Path temporary = textDirectory.resolve("." + partFileName(index) + "." + ProcessHandle.current().pid() + "-"
          + System.nanoTime() + ".tmp");
      try {
        long[] counts;
        try (OutputStream out = new BufferedOutputStream(
            Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 20)) {
          counts = writeFile(out, budget, random, vocabulary, cdf);
        }
        moveIntoPlace(temporary, target);
        bytes += counts[0];
        lines += counts[1];
        words += counts[2];
      } finally {
        Files.deleteIfExists(temporary);
      }
      files.add(target);
    }
    return new Summary(files, bytes, lines, words);
  }

  /** Writes whole lines until at least {@code budget} bytes are written; returns {bytes, lines, words}. */
  private static long[] writeFile(OutputStream out, long budget, SplittableRandom random, byte[][] vocabulary,
      double[] cdf) throws IOException {
    long bytes = 0;
    long lines = 0;
    long words = 0;
    while (bytes < budget) {
      int count = random.nextInt(MIN_LINE_WORDS, MAX_LINE_WORDS + 1);
      for (int i = 0; i < count; i++) {
        byte[] word = vocabulary[sampleRank(cdf, random.nextDouble()) - 1];
        out.write(word);
        out.write(i + 1 < count ? ' ' : '\n');
        bytes += word.length + 1;
      }
      lines++;
      words += count;
    }
    return new long[] {bytes, lines, words};
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The vocabulary in rank order (index 0 is rank 1), as ASCII bytes, drawn from {@code random} as
   * the class comment describes.
   */
  static byte[][] vocabulary(SplittableRandom random) {
    Set<String> words = new LinkedHashSet<>(2 * VOCABULARY_SIZE);
    char[] letters = new char[MAX_WORD_LETTERS];
    while (words.size() < VOCABULARY_SIZE) {
      int length = random.nextInt(MIN_WORD_LETTERS, MAX_WORD_LETTERS + 1);
      for (int i = 0; i < length; i++) {
        letters[i] = (char) ('a' + random.nextInt(26));
      }
      words.add(new String(letters, 0, length));
    }
    byte[][] vocabulary = new byte[VOCABULARY_SIZE][];
    int rank = 0;
    for (String word : words) {
      vocabulary[rank++] = word.getBytes(StandardCharsets.US_ASCII);
    }
    return vocabulary;
  }

  /** The vocabulary in rank order (index 0 is rank 1): the words of every corpus this class writes. */
  public static List<String> vocabulary() {
    byte[][] words = vocabulary(new SplittableRandom(SEED));
    List<String> list = new ArrayList<>(words.length);
    for (byte[] word : words) {
      list.add(new String(word, StandardCharsets.US_ASCII));
    }
    return List.copyOf(list);
  }

  /** {@code cdf[r - 1]} = P(rank <= r) for Zipf(s=1.0) over ranks 1..{@code ranks}, the last exactly 1. */
  static double[] zipfCdf(int ranks) {
    double[] cdf = new double[ranks];
    double sum = 0;
    for (int r = 1; r <= ranks; r++) {
      sum += 1.0 / r;
      cdf[r - 1] = sum;
    }
    for (int i = 0; i < ranks; i++) {
      cdf[i] /= sum;
    }
    cdf[ranks - 1] = 1.0;
    return cdf;
  }

  /** The smallest rank {@code r} (1-based) with {@code cdf[r - 1] > u}, for {@code u} in [0, 1). */
  static int sampleRank(double[] cdf, double u) {
    int low = 0;
    int high = cdf.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cdf[middle] > u) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low + 1;
  }
}
