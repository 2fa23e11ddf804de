package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestLauncher {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(String... args) {
    return Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void testHelpListsEverySubcommand() {
    assertThat(launch("help")).isZero();
    assertThat(stdout()).contains("run-example", "bench --data DIR --sf SF", "gen-data --out DIR [--sf SF] [--text-mib N]",
        "version", "help", "pi", "squares", "wordcount", "W1-squares", "W2-wordcount");
  }

  @Test
  void testNoArgumentsPrintsHelp() {
    assertThat(launch()).isZero();
    assertThat(stdout()).startsWith("Usage: sluice");
  }

  @Test
  void testVersionComesFromTheBuild() {
    assertThat(launch("version")).isZero();
    assertThat(stdout().trim()).isEqualTo("sluice 0.1.0-SNAPSHOT");
  }

  @Test
  void testUnknownCommandExitsWithTwo() {
    assertThat(launch("frobnicate")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("unknown command 'frobnicate'", "run-example", "bench", "gen-data");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void testUnknownExampleListsTheExamples() {
    assertThat(launch("run-example", "pagerank")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("unknown example 'pagerank'", "pi, squares, wordcount");
  }

  @Test
  void testInvalidMasterExitsWithTwo() {
    assertThat(launch("run-example", "squares", "10", "--master", "yarn")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("'yarn'", "sluice.master");
  }

  @Test
  void testRunExampleSquares() {
    assertThat(launch("run-example", "squares", "1000", "--master", "local[2]")).isZero();
    assertThat(stdout()).contains("= 332833500");
  }

  @Test
  void testWordCountNeedsAnInput() {
    assertThat(launch("run-example", "wordcount", "--top", "3")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("wordcount needs an input path or glob");
    assertThat(launch("run-example", "wordcount", "/tmp/x", "--top", "-1")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--top must be a whole number");
  }

  @Test
  void testRunExamplePi() {
    assertThat(launch("run-example", "pi", "100000", "--master", "local[2]")).isZero();
    assertThat(stdout()).contains("Pi is roughly 3.1");
  }

  @Test
  void testGpuFlagRequiresAGpuAndSaysWhyThereIsNone() {
    String previous = System.getProperty("sluice.gpu.enabled");
    try {
      assertThat(launch("run-example", "squares", "1000", "--master", "local[1]", "--gpu"))
          .isEqualTo(Launcher.EXIT_USAGE);
      assertThat(stderr()).contains("sluice.gpu.enabled=true but no GPU");
    } finally {
      if (previous == null) {
        System.clearProperty("sluice.gpu.enabled");
      } else {
        System.setProperty("sluice.gpu.enabled", previous);
      }
    }
  }
}
