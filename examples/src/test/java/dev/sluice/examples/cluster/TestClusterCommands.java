package dev.sluice.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.examples.HistoryCommand;
import dev.sluice.examples.Launcher;
import dev.sluice.scheduler.cluster.ClusterKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands' command lines: what they accept and how they refuse, before starting anything. */
class TestClusterCommands {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path directory;

  private int launch(String... args) {
    out.reset();
    err.reset();
    return Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpDocumentsTheClusterCommands() {
    assertThat(launch("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(MasterCommand.USAGE, WorkerCommand.USAGE,
        SubmitCommand.USAGE, KeygenCommand.USAGE, HistoryCommand.USAGE, "sluice://HOST:PORT", "SIGTERM");
  }

  @Test
  void historyNeedsADirectoryOfEventLogs() {
    assertThat(launch("history")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--dir D is required");
    assertThat(launch("history", "--dir", directory.resolve("none").toString())).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("is not a directory of event logs");
    assertThat(launch("history", "--dir", directory.toString(), "--port", "x")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--port must be a port");
  }

  @Test
  void keygenWritesACompleteKeyAndRefusesToOverwriteIt() {
    Path keys = directory.resolve("keys");
    assertThat(launch("keygen", "--out", keys.toString())).isZero();
    assertThat(new ClusterKeys(keys).exists()).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(keys.toString(), "every machine");

    assertThat(launch("keygen", "--out", keys.toString())).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("already holds a cluster key", "--force true");
    assertThat(launch("keygen")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--out DIR is required");
  }

  @Test
  void workerNeedsAClusterMasterAndTheClusterKey() {
    assertThat(launch("worker")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--master sluice://HOST:PORT is required");
    assertThat(launch("worker", "--master", "local[2]")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("must be a cluster master");
    assertThat(launch("worker", "--master", "sluice://127.0.0.1:1", "--cores", "0")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--cores must be a whole number of at least 1, got '0'");
    assertThat(launch("worker", "--master", "sluice://127.0.0.1:1", "--memory", "lots")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--memory must be a size");
    assertThat(launch("worker", "--master", "sluice://127.0.0.1:1", "--keys", directory.resolve("none").toString()))
        .isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("No complete cluster key in", "bin/sluice keygen");
    assertThat(launch("worker", "--master", "sluice://127.0.0.1:1", "--colour", "blue")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("unknown flag '--colour'");
  }

  @Test
  void masterRefusesABadPort() {
    assertThat(launch("master", "--port", "70000")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--port must be a port between 0 and 65535, got '70000'");
    assertThat(launch("master", "extra")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("unexpected argument 'extra'");
  }

  @Test
  void submitChecksItsArgumentsBeforeRunningAnything() throws Exception {
    assertThat(launch("submit", "--master", "local[1]")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--master and --class are required");
    assertThat(launch("submit", "--master", "local[1]", "--class", "x.Y")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("the application jar is missing");
    assertThat(launch("submit", "--master", "local[1]", "--class", "x.Y", directory.resolve("no.jar").toString()))
        .isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("no.jar does not exist");
    assertThat(launch("submit", "--master", "yarn", "--class", "x.Y", "a.jar")).isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("sluice://host:port");
    assertThat(launch("submit", "--master", "local[1]", "--conf", "spark.x=1", "--class", "x.Y", "a.jar"))
        .isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("--conf needs sluice.KEY=VALUE");

    Path jar = ApplicationJar.build(directory);
    assertThat(launch("submit", "--master", "local[1]", "--class", "dev.sluice.testapp.Missing", jar.toString()))
        .isEqualTo(Launcher.EXIT_USAGE);
    assertThat(stderr()).contains("class dev.sluice.testapp.Missing is not in");
    assertThat(Files.exists(jar)).isTrue();
  }
}
