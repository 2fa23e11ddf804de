package dev.sluice.gpu.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The CUDA sources of the module ({@code src/main/cuda}), as the tests see them. */
final class CudaSources {
  private static final Pattern KERNEL = Pattern.compile("^extern \"C\" __global__ void (\\w+)\\(", Pattern.MULTILINE);

  private CudaSources() {}

  /**
   * Skips the calling test outside the default surefire execution: the checks of sources, PTX and
   * host-built kernels do not depend on the driver environment, so they run once per build.
   */
  static void onlyInDefaultExecution() {
    String environment = System.getProperty("sluice.test.gpu.environment", "no-driver");
    org.junit.jupiter.api.Assumptions.assumeTrue(environment.equals("no-driver"),
        "runs in the default-test execution only (this is " + environment + ")");
  }

  /** {@code gpu/src/main/cuda}: surefire runs in the module folder ({@code basedir}). */
  static Path folder() {
    return Path.of(System.getProperty("basedir", ".")).resolve("src/main/cuda");
  }

  /** The .cu and .h files, in file-name order (as build-ptx.sh's {@code LC_ALL=C sort}). */
  static List<Path> files() throws IOException {
    try (Stream<Path> listing = Files.list(folder())) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".cu") || p.getFileName().toString().endsWith(".h"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /** The sha256 of the sources concatenated, as build-ptx.sh computes it. */
  static String sha256() throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files()) {
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The names of the {@code extern "C" __global__} kernels of kernels.cu, in file order. */
  static List<String> kernelNames() throws IOException {
    String source = Files.readString(folder().resolve("kernels.cu"));
    List<String> names = new ArrayList<>();
    Matcher matcher = KERNEL.matcher(source);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
