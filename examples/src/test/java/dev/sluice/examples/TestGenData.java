package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGenData {
  @TempDir
  Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(String... args) {
    return Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void testParsesBothFlagForms() {
    GenData.Options options = GenData.Options.parse(new String[] {"--out", "/tmp/x", "--text-mib=256"});
    assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
    assertThat(options.textMib()).hasValue(256);
  }

  @Test
  void testArgumentErrors() {
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--text-mib", "1"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("needs --out DIR");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out", "/tmp/x"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("nothing to generate")
        .hasMessageContaining("--text-mib");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out", "/tmp/x", "--text-mib", "0"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("'0'");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out", "/tmp/x", "--text-mib", "lots"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("'lots'");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--out needs a value");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out", "a", "--out", "b"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"--out", "/tmp/x", "--rows", "5"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--rows'")
        .hasMessageContaining("--out, --text-mib, --sf");
    assertThatThrownBy(() -> GenData.Options.parse(new String[] {"stray"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("'stray'");
  }

  @Test
  void testScaleFactorParsing() {
    assertThat(GenData.Options.parse(new String[] {"--out", "/tmp/x", "--sf", "0.01"}).scaleFactor()).hasValue("0.01");
    assertThat(launch("gen-data", "--out", temp.toString(), "--sf", "lots")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--sf must be a positive decimal", "'lots'");
    assertThat(launch("gen-data", "--out", temp.toString(), "--sf", "-1")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(temp.resolve("sf-1")).doesNotExist();
  }

  @Test
  void testWritesTpchTables() {
    assertThat(launch("gen-data", "--out", temp.toString(), "--sf", "0.001")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("lineitem: ", "rows as Parquet and CSV, 4 parts",
        "TPC-H sf0.001 in");
    assertThat(temp.resolve("sf0.001/parquet/orders/part-3.parquet")).isRegularFile();
    assertThat(temp.resolve("sf0.001/csv/customer/part-0.csv")).isRegularFile();
  }

  @Test
  void testWritesTheCorpus() {
    assertThat(launch("gen-data", "--out", temp.toString(), "--text-mib", "1")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("wrote " + temp.resolve("text") + ": 8 files, 1049020 bytes, 11704 lines, 146180 words");
    for (int i = 0; i < 8; i++) {
      assertThat(Files.isRegularFile(temp.resolve("text/part-" + i + ".txt"))).isTrue();
    }
  }
}
