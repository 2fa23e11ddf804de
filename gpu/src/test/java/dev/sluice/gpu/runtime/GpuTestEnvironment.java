package dev.sluice.gpu.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JVM environment a test runs in, as the gpu module's surefire executions set it up through the
 * {@value #PROPERTY} system property (see gpu/pom.xml). Tests that depend on it call {@link
 * #current()}, which skips the test when the property is absent (an IDE run) or when the fake
 * driver was not built (no g++).
 */
enum GpuTestEnvironment {
  /** {@code default-test}: no libcuda.so.1 on the library path. */
  NO_DRIVER("no-driver", false),
  /** {@code fake-no-device}: the fake driver's cuInit answers CUDA_ERROR_NO_DEVICE. */
  FAKE_NO_DEVICE("fake-no-device", true),
  /** {@code fake-gpu}: the fake driver runs the kernels' host builds. */
  FAKE_GPU("fake-gpu", true),
  /** {@code fake-old-driver}: the fake driver accepts PTX up to ISA 6.5 only. */
  FAKE_OLD_DRIVER("fake-old-driver", true),
  /** The {@code real-gpu} profile on a machine with a GPU (gpu/verify-on-gpu.sh): the real driver. */
  REAL_GPU("real-gpu", false);

  static final String PROPERTY = "sluice.test.gpu.environment";

  private final String id;
  private final boolean fake;

  GpuTestEnvironment(String id, boolean fake) {
    this.id = id;
    this.fake = fake;
  }

  /** Whether kernels really run here: on the fake GPU or on a real one. */
  boolean hasDevice() {
    return this == FAKE_GPU || this == REAL_GPU;
  }

  /** The environment of this JVM; skips the calling test when it is unknown or unusable. */
  static GpuTestEnvironment current() {
    String value = System.getProperty(PROPERTY);
    assumeTrue(value != null, PROPERTY + " is not set: run through Maven (gpu/pom.xml)");
    GpuTestEnvironment environment =
        Arrays.stream(values())
            .filter(candidate -> candidate.id.equals(value))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("unknown " + PROPERTY + "=" + value));
    if (environment.fake) {
      Path directory = Path.of(System.getProperty("sluice.test.fakecuda.dir", "target/fakecuda"));
      Path missing = directory.resolve("MISSING");
      assumeTrue(!Files.exists(missing), () -> "fake CUDA driver not built: " + read(missing));
      assumeTrue(
          Files.exists(directory.resolve("libcuda.so.1")),
          () -> "fake CUDA driver not built: no libcuda.so.1 in " + directory);
    }
    return environment;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path).trim();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
