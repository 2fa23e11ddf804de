package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Sluice#textFile} against a plain-Java line splitter over the same bytes: line endings,
 * empty lines, unicode, files, directories and globs, and above all that cutting files into splits
 * neither loses nor repeats a line, wherever the split boundaries fall.
 */
class TestTextFile {
  private static Sluice sluice;

  @TempDir
  Path directory;

  @BeforeAll
  static void startSession() {
    sluice = Sluice.builder().master("local[2]").appName("TestTextFile").getOrCreate();
  }

  @AfterAll
  static void closeSession() {
    sluice.close();
  }

  @Test
  void testLinesEndingInNewlineAreReadWithoutTerminators() throws IOException {
    Path file = write("plain.txt", "alpha\nbeta\n\ngamma delta\n");

    assertThat(sluice.textFile(file.toString()).collect()).containsExactly("alpha", "beta", "", "gamma delta");
  }

  @Test
  void testCarriageReturnsBeforeNewlinesAreDroppedAndOthersKept() throws IOException {
    Path file = write("windows.txt", "one\r\ntwo\r\n\r\nthree\rstill three\r\n\rlast");

    assertThat(sluice.textFile(file.toString()).collect())
        .containsExactly("one", "two", "", "three\rstill three", "\rlast");
  }

  @Test
  void testEdgeCasesOfEmptyLinesAndMissingTrailingNewline() throws IOException {
    String[] contents = {"", "\n", "\n\n", "x", "x\n", "x\ny", "\nx", "\r\n", "a\n\n\nb", "  \n\t\n"};

    for (int i = 0; i < contents.length; i++) {
      Path file = write("edge-" + i + ".txt", contents[i]);
      for (int partitions = 1; partitions <= 4; partitions++) {
        assertThat(sluice.textFile(file.toString(), partitions).collect())
            .as("%s in %d partitions", Arrays.toString(contents[i].getBytes(StandardCharsets.UTF_8)), partitions)
            .containsExactlyElementsOf(linesOf(contents[i]));
      }
    }
  }

  @Test
  void testUnicodeLinesAreDecodedAsUtf8() throws IOException {
    String content = "héllo wörld\n中文行\n😀🚀 emoji\nǅ\u00a0nbsp\n";
    Path file = write("unicode.txt", content);

    for (int partitions = 1; partitions <= 12; partitions++) {
      assertThat(sluice.textFile(file.toString(), partitions).collect()).as("%d partitions", partitions)
          .containsExactly("héllo wörld", "中文行", "😀🚀 emoji", "ǅ\u00a0nbsp");
    }
  }

  @Test
  void testADirectoryReadsItsFilesInNameOrderSkippingHiddenAndUnderscoreFiles() throws IOException {
    Path dir = Files.createDirectory(directory.resolve("input"));
    Files.writeString(dir.resolve("b.txt"), "b1\nb2\n");
    Files.writeString(dir.resolve("a.txt"), "a1\na2");
    Files.writeString(dir.resolve("c.log"), "c1\n");
    Files.writeString(dir.resolve("empty.txt"), "");
    Files.writeString(dir.resolve(".hidden"), "hidden\n");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve("_metadata"), "meta\n");
    Files.createDirectory(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested").resolve("deep.txt"), "deep\n");

    assertThat(sluice.textFile(dir.toString()).collect()).containsExactly("a1", "a2", "b1", "b2", "c1");
    assertThat(sluice.textFile(dir.toString(), 5).collect()).containsExactly("a1", "a2", "b1", "b2", "c1");
  }

  @Test
  void testAGlobReadsTheMatchingFilesOnly() throws IOException {
    Path dir = Files.createDirectory(directory.resolve("logs"));
    Files.writeString(dir.resolve("2024-01.log"), "jan1\njan2\n");
    Files.writeString(dir.resolve("2024-02.log"), "feb1\n");
    Files.writeString(dir.resolve("2024-02.txt"), "not a log\n");
    Files.writeString(dir.resolve("2023-12.log"), "dec1\n");

    assertThat(sluice.textFile(dir.resolve("2024-*.log").toString()).collect())
        .containsExactly("jan1", "jan2", "feb1");
    assertThat(sluice.textFile(dir.resolve("*.log").toString(), 3).collect())
        .containsExactly("dec1", "jan1", "jan2", "feb1");
    assertThat(sluice.textFile(dir.resolve("2024-0?.{log,txt}").toString()).collect())
        .containsExactly("jan1", "jan2", "feb1", "not a log");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void testSplittingAFileNeverLosesOrRepeatsALine(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder content = new StringBuilder();
    int lines = 3000 + random.nextInt(2000);
    for (int i = 0; i < lines; i++) {
      int kind = random.nextInt(50);
      String line = kind < 3 ? "" : kind == 3 ? "x".repeat(random.nextInt(2000, 70_000)) : i + ":"
          + SampleRows.string(random, 12);
      content.append(line).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
    }
    if (random.nextBoolean()) {
      content.append("no trailing newline");
    }
    Path file = write("big-" + seed + ".txt", content.toString());
    List<String> expected = linesOf(content.toString());

    for (int partitions : new int[] {1, 2, 3, 4, 5, 6, 7, 11, 16, 64, 97, 256}) {
      Dataset<String> text = sluice.textFile(file.toString(), partitions);

      assertThat(text.getNumPartitions()).as("splits for minPartitions %d", partitions)
          .isGreaterThanOrEqualTo(partitions);
      assertThat(text.collect()).as("minPartitions %d", partitions).containsExactlyElementsOf(expected);
      assertThat(text.count()).as("minPartitions %d", partitions).isEqualTo(expected.size());
    }
  }

  @Test
  void testLinesStartingExactlyAtASplitBoundaryAreReadOnce() throws IOException {
    // 100 lines of 9 characters + "\n": 1000 bytes, so for minPartitions 2, 4, 5, 8, 10, 20, 25, 50, 100
    // and 200 every split boundary (or every other one) is the first byte of a line
    String content = IntStream.range(0, 100).mapToObj(i -> String.format("line-%03d", i) + "\n")
        .collect(Collectors.joining());
    Path file = write("aligned.txt", content);
    List<String> expected = linesOf(content);

    List<Integer> minPartitions = IntStream.rangeClosed(1, 50).boxed().collect(Collectors.toList());
    minPartitions.addAll(List.of(100, 125, 200, 333));
    for (int partitions : minPartitions) {
      assertThat(sluice.textFile(file.toString(), partitions).collect()).as("minPartitions %d", partitions)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void testSplitBoundariesBetweenCarriageReturnAndNewlineAndInsideUtf8() throws IOException {
    // "ab\r\n" lines of 4 bytes: a split of 4k+3 bytes ends between \r and \n; "é€\n" lines of 6 bytes
    // put boundaries inside multi-byte characters
    String crlf = "ab\r\n".repeat(250);
    String utf8 = "é€\n".repeat(200) + "😀";
    Path crlfFile = write("crlf.txt", crlf);
    Path utf8File = write("utf8.txt", utf8);

    for (int partitions = 1; partitions <= 80; partitions++) {
      assertThat(sluice.textFile(crlfFile.toString(), partitions).collect()).as("minPartitions %d", partitions)
          .containsExactlyElementsOf(linesOf(crlf));
      assertThat(sluice.textFile(utf8File.toString(), partitions).collect()).as("minPartitions %d", partitions)
          .containsExactlyElementsOf(linesOf(utf8));
    }
  }

  @Test
  void testManySmallFilesInADirectoryAreEachReadWhole() throws IOException {
    Path dir = Files.createDirectory(directory.resolve("many"));
    List<String> expected = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(77);
    for (int f = 0; f < 30; f++) {
      StringBuilder content = new StringBuilder();
      int lines = random.nextInt(6);
      for (int i = 0; i < lines; i++) {
        content.append("f").append(f).append("-").append(i).append(random.nextBoolean() ? "\n" : "\r\n");
      }
      Files.writeString(dir.resolve(String.format("part-%03d", f)), content.toString());
      expected.addAll(linesOf(content.toString()));
    }

    for (int partitions : new int[] {1, 2, 7, 30, 100}) {
      assertThat(sluice.textFile(dir.toString(), partitions).collect()).as("minPartitions %d", partitions)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void testTransformationsAndActionsOnTextLines() throws IOException {
    String content = "the quick brown fox\njumps over\n\nthe lazy dog\n";
    Path file = write("words.txt", content);
    List<String> words = linesOf(content).stream()
        .flatMap(line -> Arrays.stream(line.split(" ")))
        .filter(word -> !word.isEmpty())
        .collect(Collectors.toList());

    Dataset<String> text = sluice.textFile(file.toString(), 3);

    assertThat(text.flatMap(line -> Arrays.asList(line.split(" ")).iterator(), String.class)
        .filter(word -> !word.isEmpty()).collect()).containsExactlyElementsOf(words);
    assertThat(text.mapToLong(String::length).sum()).isEqualTo(linesOf(content).stream().mapToLong(String::length)
        .sum());
    assertThat(text.first()).isEqualTo("the quick brown fox");
  }

  @Test
  void testAMissingFileFailsAtTextFileNamingThePath() {
    Path missing = directory.resolve("does-not-exist.txt");

    assertThatThrownBy(() -> sluice.textFile(missing.toString()))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
        .hasMessageContaining(missing.toString());
  }

  @Test
  void testMissingDirectoriesEmptyDirectoriesAndUnmatchedGlobsFailAtTextFile() throws IOException {
    Path emptyDir = Files.createDirectory(directory.resolve("empty"));
    Path missingDir = directory.resolve("missing-dir");
    Files.writeString(directory.resolve("one.txt"), "1\n");

    assertThatThrownBy(() -> sluice.textFile(emptyDir.toString()))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
        .hasMessageContaining(emptyDir.toString());
    assertThatThrownBy(() -> sluice.textFile(missingDir.resolve("*.txt").toString()))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
        .hasMessageContaining(missingDir.toString());
    assertThatThrownBy(() -> sluice.textFile(directory.resolve("*.csv").toString()))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
        .hasMessageContaining("*.csv");
  }

  @Test
  void testZeroMinPartitionsIsRejected() throws IOException {
    Path file = write("some.txt", "x\n");

    assertThatThrownBy(() -> sluice.textFile(file.toString(), 0))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  private Path write(String name, String content) throws IOException {
    return Files.write(directory.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The reference splitter: lines end at {@code \n}, one {@code \r} right before it is dropped, and
   * a final line without a terminator counts unless it is empty.
   */
  static List<String> linesOf(String content) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int newline = content.indexOf('\n', start);
      int end = newline < 0 ? content.length() : newline;
      String line = content.substring(start, end);
      lines.add(line.endsWith("\r") && newline >= 0 ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return lines;
  }
}
