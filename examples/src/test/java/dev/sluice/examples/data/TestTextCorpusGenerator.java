package dev.sluice.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTextCorpusGenerator {
  private static final Pattern LINE = Pattern.compile("[a-z]{2,10}( [a-z]{2,10}){4,19}");

  // The 1 MiB corpus, pinned so that a change to the generation rule shows up here and not only in
  // W2's checksum on the 256 MiB corpus (37460985 words + 100000 distinct = 37560985).
  private static final long PINNED_WORDS = 146_180;
  private static final int PINNED_DISTINCT = 31_324;
  private static final String PINNED_FIRST_LINE = "llmp wbnhuody nigdzvrou arf vim ridezmhx pinkrl zubq wt awaoujbaii "
      + "nhebuwp te wiktfbhyen ojsbtmp bknmscj qrqcdj cjakuo slqct hgzcslukcy";

  @TempDir
  Path temp;

  @Test
  void testOneMibLayout() throws IOException {
    TextCorpusGenerator.Summary summary = TextCorpusGenerator.write(temp, 1);
    long budget = TextCorpusGenerator.fileBudgetBytes(1);
    assertThat(budget).isEqualTo(131_072);
    Path text = temp.resolve("text");
    try (Stream<Path> entries = Files.list(text)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "part-0.txt", "part-1.txt", "part-2.txt", "part-3.txt", "part-4.txt", "part-5.txt", "part-6.txt",
          "part-7.txt");
    }
    assertThat(summary.files()).hasSize(8);
    long bytes = 0;
    long lines = 0;
    long words = 0;
    for (Path file : summary.files()) {
      long size = Files.size(file);
      // Whole lines until the budget is reached: the last line may pass it, by less than one line.
      assertThat(size).isBetween(budget, budget + TextCorpusGenerator.MAX_LINE_BYTES - 1);
      byte[] content = Files.readAllBytes(file);
      assertThat(content[content.length - 1]).isEqualTo((byte) '\n');
      List<String> fileLines = List.of(new String(content, StandardCharsets.US_ASCII).split("\n"));
      for (String line : fileLines) {
        assertThat(line).matches(LINE);
        words += line.split(" ").length;
      }
      String withoutLast = String.join("\n", fileLines.subList(0, fileLines.size() - 1)) + "\n";
      assertThat((long) withoutLast.length()).isLessThan(budget);
      bytes += size;
      lines += fileLines.size();
    }
    assertThat(summary.bytes()).isEqualTo(bytes);
    assertThat(summary.lines()).isEqualTo(lines);
    assertThat(summary.words()).isEqualTo(words);
  }

  @Test
  void testSameBytesEveryTimeAndAtomicRewrite() throws IOException {
    TextCorpusGenerator.write(temp.resolve("a"), 1);
    TextCorpusGenerator.write(temp.resolve("b"), 1);
    TextCorpusGenerator.write(temp.resolve("b"), 1); // replaces the files in place
    for (int i = 0; i < TextCorpusGenerator.FILES; i++) {
      String name = TextCorpusGenerator.partFileName(i);
      assertThat(Files.readAllBytes(temp.resolve("b/text").resolve(name)))
          .isEqualTo(Files.readAllBytes(temp.resolve("a/text").resolve(name)));
    }
    try (Stream<Path> entries = Files.list(temp.resolve("b/text"))) {
      assertThat(entries.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void testPinnedOneMibCorpus() throws IOException {
    TextCorpusGenerator.write(temp, 1);
    Set<String> distinct = new HashSet<>();
    long total = 0;
    for (int i = 0; i < TextCorpusGenerator.FILES; i++) {
      for (String line : Files.readAllLines(temp.resolve("text").resolve(TextCorpusGenerator.partFileName(i)))) {
        for (String word : line.split(" ")) {
          distinct.add(word);
          total++;
        }
      }
    }
    assertThat(total).isEqualTo(PINNED_WORDS);
    assertThat(distinct).hasSize(PINNED_DISTINCT);
    String first = Files.readAllLines(temp.resolve("text/part-0.txt")).get(0);
    assertThat(first).isEqualTo(PINNED_FIRST_LINE);
  }

  @Test
  void testVocabularyIsDistinctLowercaseWords() {
    List<String> vocabulary = TextCorpusGenerator.vocabulary();
    assertThat(vocabulary).hasSize(TextCorpusGenerator.VOCABULARY_SIZE);
    assertThat(new HashSet<>(vocabulary)).hasSize(TextCorpusGenerator.VOCABULARY_SIZE);
    assertThat(vocabulary).allSatisfy(word -> assertThat(word).matches("[a-z]{2,10}"));
  }

  @Test
  void testZipfSamplingByInverseCdf() {
    double[] cdf = TextCorpusGenerator.zipfCdf(4);
    // weights 1, 1/2, 1/3, 1/4 over 25/12: cdf 0.48, 0.72, 0.88, 1
    assertThat(cdf[3]).isEqualTo(1.0);
    assertThat(TextCorpusGenerator.sampleRank(cdf, 0.0)).isEqualTo(1);
    assertThat(TextCorpusGenerator.sampleRank(cdf, 0.47)).isEqualTo(1);
    assertThat(TextCorpusGenerator.sampleRank(cdf, cdf[0])).isEqualTo(2);
    assertThat(TextCorpusGenerator.sampleRank(cdf, 0.8)).isEqualTo(3);
    assertThat(TextCorpusGenerator.sampleRank(cdf, Math.nextDown(1.0))).isEqualTo(4);
  }

  @Test
  void testRejectsAnEmptyCorpus() {
    assertThatThrownBy(() -> TextCorpusGenerator.fileBudgetBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 MiB");
  }
}
