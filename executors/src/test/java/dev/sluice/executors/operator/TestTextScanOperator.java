package dev.sluice.executors.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.TextScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTextScanOperator {
  @TempDir Path directory;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<String> read(Path file, long start, long length, int batchRows) {
    TextScanExec node = new TextScanExec(new PlanNodeId(1), List.of(new FileSplit(file.toString(), start, length)));
    List<String> lines = new ArrayList<>();
    try (TextScanOperator operator = new TextScanOperator(node, OperatorContext.of("t", allocator, batchRows, 8))) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        try (Batch owned = batch) {
          VarCharVector vector = (VarCharVector) owned.root().getVector(0);
          for (int i = 0; i < owned.rowCount(); i++) {
            lines.add(new String(vector.get(i), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return lines;
  }

  @Test
  void testEverySplitPointYieldsEachLineExactlyOnce() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    List<String> expected = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      String line = "l" + i + "x".repeat(random.nextInt(5)) + (i % 9 == 0 ? "é" : "");
      if (i % 11 == 0) {
        line = "";
      }
      expected.add(line);
      content.append(line).append(i % 4 == 0 ? "\r\n" : "\n");
    }
    Path file = directory.resolve("lines.txt");
    Files.write(file, content.toString().getBytes(StandardCharsets.UTF_8));
    long size = Files.size(file);
    for (long cut = 0; cut <= size; cut++) {
      List<String> lines = new ArrayList<>(read(file, 0, cut, 7));
      lines.addAll(read(file, cut, size - cut, 3));
      assertThat(lines).as("split at byte %d", cut).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void testLastLineWithoutNewlineAndEmptyFile() throws IOException {
    Path file = directory.resolve("tail.txt");
    Files.writeString(file, "a\n\nb");
    assertThat(read(file, 0, Files.size(file), 10)).containsExactly("a", "", "b");
    Path empty = directory.resolve("empty.txt");
    Files.writeString(empty, "");
    assertThat(read(empty, 0, 0, 10)).isEmpty();
    assertThat(read(file, 1, 1, 10)).as("no line starts at byte 1").isEmpty();
    assertThat(read(file, 2, 1, 10)).as("the empty line starts at byte 2").containsExactly("");
  }
}
