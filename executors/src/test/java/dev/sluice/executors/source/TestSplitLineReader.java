package dev.sluice.executors.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.plan.split.FileSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSplitLineReader {
  @TempDir Path directory;

  /** Lines of a split as "number:text". */
  private static List<String> read(Path file, long start, long length, int bufferBytes) throws IOException {
    List<String> lines = new ArrayList<>();
    try (SplitLineReader reader = new SplitLineReader(new FileSplit(file.toString(), start, length), bufferBytes)) {
      while (reader.next()) {
        lines.add(reader.lineNumber() + ":" + new String(reader.array(), reader.lineStart(), reader.lineLength(),
            StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Test
  void testEverySplitWithTinyBuffersGivesEachLineOnceWithItsNumber() throws IOException {
    SplittableRandom random = new SplittableRandom(9);
    StringBuilder content = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String line = random.nextInt(6) == 0 ? "" : "line" + i + "-" + "x".repeat(random.nextInt(40));
      expected.add((i + 1) + ":" + line);
      content.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
    }
    Path file = directory.resolve("f.txt");
    Files.writeString(file, content);
    long size = Files.size(file);
    for (int buffer : new int[] {16, 37, 1 << 20}) {
      assertThat(read(file, 0, size, buffer)).containsExactlyElementsOf(expected);
      for (long cut = 0; cut <= size; cut++) {
        List<String> lines = new ArrayList<>(read(file, 0, cut, buffer));
        lines.addAll(read(file, cut, size - cut, buffer));
        assertThat(lines).as("buffer %d, cut %d", buffer, cut).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void testUnterminatedLastLineAndAtFileStart() throws IOException {
    Path file = directory.resolve("g.txt");
    Files.writeString(file, "\nab\ncd");
    assertThat(read(file, 0, 6, 16)).containsExactly("1:", "2:ab", "3:cd");
    assertThat(read(file, 1, 5, 16)).containsExactly("2:ab", "3:cd");
    assertThat(read(file, 2, 4, 16)).containsExactly("3:cd");
    assertThat(read(file, 5, 10, 16)).isEmpty();
    try (SplitLineReader reader = new SplitLineReader(new FileSplit(file.toString(), 1, 5))) {
      assertThat(reader.atFileStart()).isFalse();
    }
    try (SplitLineReader reader = new SplitLineReader(new FileSplit(file.toString(), 0, 0))) {
      assertThat(reader.atFileStart()).isTrue();
      assertThat(reader.next()).isFalse();
    }
  }
}
