package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.examples.data.TextCorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWordCount {
  @TempDir
  static Path data;

  @BeforeAll
  static void writeCorpus() throws IOException {
    TextCorpusGenerator.write(data, 1);
  }

  /** The plain-Java count of the corpus. */
  private static Map<String, Long> referenceCounts() throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < TextCorpusGenerator.FILES; i++) {
      for (String line : Files.readAllLines(data.resolve("text").resolve(TextCorpusGenerator.partFileName(i)))) {
        for (String word : line.split(" ")) {
          counts.merge(word, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  @Test
  void testCountsEqualAPlainJavaCount() throws IOException {
    Map<String, Long> reference = referenceCounts();
    List<Map.Entry<String, Long>> expectedTop = new ArrayList<>(reference.entrySet());
    expectedTop.sort(WordCount.BY_COUNT_THEN_WORD);
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-wordcount").getOrCreate()) {
      WordCount.Counts counts = WordCount.count(sluice, data.resolve("text/part-*.txt").toString(), 25);
      assertThat(counts.totalWords()).isEqualTo(reference.values().stream().mapToLong(Long::longValue).sum());
      assertThat(counts.distinctWords()).isEqualTo(reference.size());
      assertThat(counts.top()).containsExactlyElementsOf(expectedTop.subList(0, 25));
      assertThat(counts.checksum()).isEqualTo(counts.totalWords() + counts.distinctWords());
    }
  }

  @Test
  void testWordsSkipEmptyStrings() {
    List<String> words = new ArrayList<>();
    WordCount.words("  to be  or not to be ").forEachRemaining(words::add);
    assertThat(words).containsExactly("to", "be", "or", "not", "to", "be");
    assertThat(WordCount.words("").hasNext()).isFalse();
    assertThat(WordCount.words("   ").hasNext()).isFalse();
  }

  @Test
  void testTopWordsBreakTiesByWord() {
    WordCount.TopWords top = new WordCount.TopWords(3);
    top.offer("b", 2);
    top.offer("z", 5);
    top.offer("a", 2);
    top.offer("c", 2);
    top.offer("y", 1);
    assertThat(top.sorted()).containsExactly(Map.entry("z", 5L), Map.entry("a", 2L), Map.entry("b", 2L));
    assertThat(new WordCount.TopWords(0).sorted()).isEmpty();
  }

  @Test
  void testRunExamplePrintsTotalsAndTop() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] args = {"run-example", "wordcount", data.resolve("text").toString(), "--top", "3", "--master", "local[2]"};
    int status = Launcher.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).isEqualTo("Total words: 146180");
    assertThat(lines.get(1)).isEqualTo("Distinct words: 31324");
    assertThat(lines.get(2)).isEqualTo("Top 3 words:");
    assertThat(lines.subList(3, 6)).allSatisfy(line -> assertThat(line).matches("  [ 1-3]\\d [a-z]+ \\d+"));
    assertThat(lines.get(6)).startsWith("Took ");
  }
}
