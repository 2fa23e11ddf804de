package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.examples.bench.BenchOptions;
import dev.sluice.examples.bench.W1Squares;
import dev.sluice.examples.bench.W1SquaresColumnar;
import dev.sluice.examples.bench.W2WordCount;
import dev.sluice.examples.bench.WorkloadCatalog;
import dev.sluice.examples.data.TextCorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBench {
  @Test
  void testParsesEveryFlag() {
    BenchOptions options = BenchOptions.parse(new String[] {
        "--data", "/tmp/x", "--sf", "0.01", "--only", "w1, W1-squares", "--runs=5", "--master", "local[3]"});
    assertThat(options.data().directory()).contains(Path.of("/tmp/x"));
    assertThat(options.data().scaleFactor()).contains("0.01");
    assertThat(options.data().tpchTable("parquet", "lineitem")).isEqualTo(Path.of("/tmp/x/sf0.01/parquet/lineitem"));
    assertThat(options.only()).containsExactly("w1", "W1-squares");
    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.master()).isEqualTo("local[3]");
  }

  @Test
  void testDefaults() {
    BenchOptions options = BenchOptions.parse(new String[] {"--data", "/tmp/x", "--sf", "1"});
    assertThat(options.runs()).isEqualTo(BenchOptions.DEFAULT_RUNS);
    assertThat(options.only()).isEmpty();
  }

  @Test
  void testUnknownFlagIsNamedWithKnownFlags() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--data", "/tmp/x", "--warmup", "2"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--warmup'")
        .hasMessageContaining("--data, --sf, --only, --runs, --master");
  }

  @Test
  void testMissingValueAndBadNumbersAreRejected() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--data"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--data needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "0"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--runs");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "three"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("'three'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sf", "big"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--sf");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sf", "1", "--sf", "2"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"stray"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("'stray'");
  }

  @Test
  void testUnknownWorkloadIsNamedWithKnownOnes() {
    assertThatThrownBy(() -> WorkloadCatalog.standard().select(List.of("w1", "w9")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'w9'")
        .hasMessageContaining("w1 (W1-squares)");
  }

  @Test
  void testUsageErrorsExitWithTwoAndStartNoSession() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Launcher.run(new String[] {"bench", "--data", "/tmp/x", "--sf", "1", "--only", "w7"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown workload 'w7'").contains("W1-squares");
  }

  @Test
  void testPrintsEngineAndBaselineLines() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WorkloadCatalog catalog = new WorkloadCatalog(List.of(new W1SquaresColumnar(10_000), new W1Squares(10_000)));
    BenchOptions options = BenchOptions.parse(new String[] {"--only", "w1", "--runs", "2", "--master", "local[2]"});
    int status = Bench.run(options, catalog, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
        line -> assertThat(line).matches("sluice W1-squares \\d+\\.\\d{3} 333283335000"),
        line -> assertThat(line).matches("baseline W1-squares \\d+\\.\\d{3} 333283335000"),
        line -> assertThat(line).matches("sluice W1-squares-typed \\d+\\.\\d{3} 333283335000"),
        line -> assertThat(line).matches("baseline W1-squares-typed \\d+\\.\\d{3} 333283335000"));
  }

  @Test
  void testPrintsTopWordsAfterTheResultLine(@TempDir Path data) throws Exception {
    TextCorpusGenerator.write(data, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WorkloadCatalog catalog = new WorkloadCatalog(List.of(new W1Squares(10_000), new W2WordCount()));
    BenchOptions options = BenchOptions.parse(new String[] {
        "--data", data.toString(), "--sf", "1", "--only", "w2", "--runs", "1", "--master", "local[2]"});
    assertThat(Bench.run(options, catalog, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isZero();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(12);
    assertThat(lines.get(0)).matches("sluice W2-wordcount \\d+\\.\\d{3} 177504");
    assertThat(lines.subList(1, 11)).allSatisfy(line -> assertThat(line).matches("  top \\d+ [a-z]+ \\d+"));
    assertThat(lines.get(1)).startsWith("  top 1 ");
    assertThat(lines.get(11)).matches("baseline W2-wordcount \\d+\\.\\d{3} 177504");
  }

  @Test
  void testMissingCorpusExitsWithTwoNamingGenData(@TempDir Path data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Launcher.run(new String[] {"bench", "--data", data.toString(), "--sf", "1", "--only", "w2"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(data.resolve("text").toString(), "gen-data --out");
  }
}
