package dev.sluice.gpu.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compiles kernels.cu as host C++ (through cuda_shim.h) together with {@code
 * src/test/cuda/kernels_test.cpp} and runs it: every kernel against a C++ reference in SEQ
 * (plain and shuffled) and THREADS modes. Its hash lines are then recomputed here with the
 * engine's {@link ColumnHash}, so the kernels' hashing is checked against the CPU partitioner's.
 * Skipped, saying so, when there is no g++.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TestKernelsOnCpu {
  private static String output;

  @BeforeAll
  static void compileAndRun() throws IOException, InterruptedException {
    CudaSources.onlyInDefaultExecution();
    String gxx = findCompiler();
    assumeTrue(gxx != null, "g++ not found on PATH: the host-compiled kernel test is skipped");
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/kernels-test");
    Files.createDirectories(dir);
    Path binary = dir.resolve("kernels_test");
    Path source = Path.of(System.getProperty("basedir", ".")).resolve("src/test/cuda/kernels_test.cpp");
    run(List.of(gxx, "-std=c++20", "-O1", "-pthread", "-Wall", "-o", binary.toString(), source.toString()), dir,
        "g++ build of kernels_test.cpp");
    output = run(List.of(binary.toString()), dir, "kernels_test");
  }

  private static String findCompiler() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "g++");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static String run(List<String> command, Path dir, String what) throws IOException, InterruptedException {
    Path log = dir.resolve(Path.of(command.get(0)).getFileName() + ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(what + " did not finish in 4 minutes");
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s failed:\n%s", what, tail(text)).isZero();
    return text;
  }

  private static String tail(String text) {
    return text.length() <= 8000 ? text : text.substring(text.length() - 8000);
  }

  @Test
  void everyKernelMatchesItsReference() {
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(last).as(tail(output)).endsWith(" passed, 0 failed");
    assertThat(output).doesNotContain("FAILED");
  }

  @Test
  void kernelHashesAndPartitionsEqualColumnHash() {
    List<long[]> rows = new ArrayList<>();
    for (String line : output.lines().toList()) {
      if (line.startsWith("hash ")) {
        String[] f = line.split(" ");
        long[] row = new long[6];
        for (int i = 0; i < 6; i++) {
          row[i] = Long.parseLong(f[i + 1]);
        }
        rows.add(row);
      }
    }
    assertThat(rows).hasSizeGreaterThan(100);
    int n = rows.size();
    long[] longs = new long[n];
    double[] doubles = new double[n];
    boolean[] longNulls = new boolean[n];
    boolean[] doubleNulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      long[] row = rows.get(i);
      longNulls[i] = row[0] == 0;
      longs[i] = row[1];
      doubleNulls[i] = row[2] == 0;
      doubles[i] = Double.longBitsToDouble(row[3]);
    }
    List<ColumnData> keys = List.of(new LongData(DataType.INT64, longs, longNulls, n),
        new DoubleData(doubles, doubleNulls, n));
    long[] hashes = ColumnHash.hash(keys, n);
    int[] partitions = ColumnHash.partitions(hashes, n, 7);
    for (int i = 0; i < n; i++) {
      assertThat(rows.get(i)[4]).as("hash of row %d", i).isEqualTo(hashes[i]);
      assertThat(rows.get(i)[5]).as("partition of row %d", i).isEqualTo(partitions[i]);
    }
  }
}
