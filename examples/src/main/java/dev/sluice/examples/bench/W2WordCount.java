package dev.sluice.examples.bench;

import dev.sluice.api.Sluice;
import dev.sluice.examples.UsageException;
import dev.sluice.examples.WordCount;
import dev.sluice.examples.data.TextCorpusGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * W2-wordcount: counts every word of the text corpus {@code DATA/text/part-*.txt} with
 * {@link WordCount}; the checksum is total words + distinct words ({@code 37560985} on the 256 MiB
 * corpus). Its baseline reads the same files with a {@link BufferedReader} on one thread, splits on
 * {@code ' '} and counts in a {@link HashMap}. After the result line the bench prints the top
 * {@value #TOP} words of the last run, as {@code "  top <rank> <word> <count>"}.
 */
public final class W2WordCount implements Workload {
  /** The id printed in result lines. */
  public static final String ID = "W2-wordcount";

  /** Words listed after the result line. */
  public static final int TOP = 10;

  /** The corpus files, relative to the data directory's {@code text}. */
  public static final String GLOB = "part-*.txt";

  /** The top words of the last Sluice run, as printed lines. */
  private volatile List<String> details = List.of();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    Path text = requireCorpus(data);
    WordCount.Counts counts = WordCount.count(sluice, text.resolve(GLOB).toString(), TOP);
    List<String> lines = new ArrayList<>(counts.top().size());
    int rank = 1;
    for (Map.Entry<String, Long> entry : counts.top()) {
      lines.add(String.format(Locale.ROOT, "top %d %s %d", rank++, entry.getKey(), entry.getValue()));
    }
    details = List.copyOf(lines);
    return Long.toString(counts.checksum());
  }

  @Override
  public List<String> details() {
    return details;
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(data -> Long.toString(baselineChecksum(requireCorpus(data))));
  }

  /**
   * The plain single-thread count of the corpus files in {@code textDirectory}: total words +
   * distinct words, words being the non-empty strings between single spaces.
   */
  public static long baselineChecksum(Path textDirectory) throws IOException {
    Map<String, long[]> counts = new HashMap<>(1 << 18);
    long total = 0;
    for (Path file : corpusFiles(textDirectory)) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          for (String word : line.split(" ")) {
            if (!word.isEmpty()) {
              counts.computeIfAbsent(word, w -> new long[1])[0]++;
              total++;
            }
          }
        }
      }
    }
    return total + counts.size();
  }

  /** {@code textDirectory/part-{0..7}.txt}. */
  private static List<Path> corpusFiles(Path textDirectory) {
    List<Path> files = new ArrayList<>(TextCorpusGenerator.FILES);
    for (int i = 0; i < TextCorpusGenerator.FILES; i++) {
      files.add(textDirectory.resolve(TextCorpusGenerator.partFileName(i)));
    }
    return files;
  }

  /**
   * {@code DATA/text}, once every part file is there.
   *
   * @throws UsageException naming the directory, the missing files and the {@code gen-data} command
   *     that writes them
   */
  static Path requireCorpus(BenchData data) {
    Path text = data.textCorpus();
    List<String> missing = new ArrayList<>();
    for (Path file : corpusFiles(text)) {
      if (!Files.isRegularFile(file)) {
        missing.add(file.getFileName().toString());
      }
    }
    if (!missing.isEmpty()) {
      String problem;
      if (!Files.isDirectory(text)) {
        problem = "which does not exist";
      } else if (missing.size() == TextCorpusGenerator.FILES) {
        problem = "which holds no part-{0.." + (TextCorpusGenerator.FILES - 1) + "}.txt";
      } else {
        problem = "which lacks " + String.join(", ", missing);
      }
      Path root = data.directory().orElseThrow();
      throw new UsageException(ID + " needs the text corpus in " + text.toAbsolutePath() + ", " + problem
          + "; write it with: bin/sluice gen-data --out " + root + " --text-mib " + TextCorpusGenerator.BENCH_MIB);
    }
    return text;
  }
}
