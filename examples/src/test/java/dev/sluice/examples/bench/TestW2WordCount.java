package dev.sluice.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Sluice;
import dev.sluice.examples.UsageException;
import dev.sluice.examples.data.TextCorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestW2WordCount {
  @TempDir
  static Path data;

  @BeforeAll
  static void writeCorpus() throws IOException {
    TextCorpusGenerator.write(data, 1);
  }

  private static BenchData benchData(Path directory) {
    return new BenchData(Optional.of(directory), Optional.of("1"));
  }

  @Test
  void testChecksumEqualsTheBaselines() throws Exception {
    W2WordCount workload = new W2WordCount();
    String checksum;
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-w2").getOrCreate()) {
      checksum = workload.run(sluice, benchData(data));
    }
    // 146180 words, 31324 of them distinct (the pinned 1 MiB corpus)
    assertThat(checksum).isEqualTo("177504");
    assertThat(workload.baseline()).isPresent();
    assertThat(workload.baseline().get().run(benchData(data))).isEqualTo(checksum);
    assertThat(workload.details()).hasSize(W2WordCount.TOP)
        .allSatisfy(line -> assertThat(line).matches("top \\d+ [a-z]+ \\d+"));
    assertThat(workload.details().get(0)).startsWith("top 1 ");
    assertThat(workload.readsData()).isTrue();
    assertThat(workload.id()).isEqualTo("W2-wordcount");
  }

  @Test
  void testMissingCorpusNamesTheDirectoryAndTheCommand(@TempDir Path empty) throws IOException {
    W2WordCount workload = new W2WordCount();
    assertThatThrownBy(() -> workload.baseline().get().run(benchData(empty)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(empty.resolve("text") + ", which does not exist")
        .hasMessageContaining("bin/sluice gen-data --out " + empty + " --text-mib 256");
    Files.createDirectories(empty.resolve("text"));
    Files.writeString(empty.resolve("text/part-0.txt"), "only one part\n");
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-w2-missing").getOrCreate()) {
      assertThatThrownBy(() -> workload.run(sluice, benchData(empty)))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("part-1.txt")
          .hasMessageNotContaining("part-0.txt");
    }
  }
}
