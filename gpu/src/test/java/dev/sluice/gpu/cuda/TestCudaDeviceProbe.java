package dev.sluice.gpu.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.device.DeviceProbe;
import dev.sluice.engine.device.DeviceStatus;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link CudaDeviceProbe} in whatever environment the build runs. On a machine without
 * libcuda.so.1 (CI) the no-driver tests run and the device test is skipped; on a GPU machine it is
 * the other way round.
 *
 * <p>JCuda's driver binding can fail to load only once per class loader, so tests that need a fresh
 * start (JCuda never touched, or the cache never filled) load the probe in an {@link
 * IsolatingClassLoader}.
 */
class TestCudaDeviceProbe {
  private static final String NO_DRIVER = "no GPU: no CUDA driver (libcuda.so.1 not found)";

  @Test
  void testReportsNoDriverWhenLibcudaIsMissing() {
    assumeFalse(libcudaInstalled(), "libcuda.so.1 is installed here");

    ProbeResult first = CudaDeviceProbe.detect("auto");
    // The binding is now dead for this JVM: the next touch throws NoClassDefFoundError instead.
    ProbeResult second = CudaDeviceProbe.detect("true");

    assertThat(first).isInstanceOf(ProbeResult.NoDriver.class);
    assertThat(second).isInstanceOf(ProbeResult.NoDriver.class);
    assertThat(CudaDeviceProbe.probe(null)).isEqualTo(new DeviceStatus(false, NO_DRIVER));
  }

  @Test
  void testNoDriverDetailNamesTheMissingLibraryOnFirstFailure() throws Exception {
    assumeFalse(libcudaInstalled(), "libcuda.so.1 is installed here");

    try (IsolatingClassLoader loader = new IsolatingClassLoader()) {
      Object result = loader.invokeStatic("detect", "auto");

      assertThat(result.getClass().getSimpleName()).isEqualTo("NoDriver");
      assertThat(result.toString())
          .contains("UnsatisfiedLinkError")
          .contains("libcuda.so.1: cannot open shared object file");
    }
  }

  @Test
  void testReportsTheDeviceWhenLibcudaIsInstalled() {
    assumeTrue(libcudaInstalled(), "libcuda.so.1 is not installed here");

    ProbeResult result = CudaDeviceProbe.detect("auto");

    assertThat(result).isNotInstanceOf(ProbeResult.NoDriver.class);
    if (result.available()) {
      assertThat(result.toStatus().description())
          .matches(".+, compute \\d+\\.\\d+, CUDA driver \\d+\\.\\d+");
    } else {
      assertThat(result.toStatus().description()).startsWith("no GPU: ");
    }
  }

  @Test
  void testStatusIsProbedOnceAndCached() {
    DeviceStatus first = new CudaDeviceProbe().status();
    DeviceStatus second = new CudaDeviceProbe().status();

    // Every probe builds a new DeviceStatus, so the same instance means no second probe ran.
    assertThat(second).isSameAs(first);
    // probe(...) bypasses the cache: an equal answer, but a new one.
    DeviceStatus fresh = CudaDeviceProbe.probe(System.getProperty(GpuEnabled.PROPERTY));
    assertThat(fresh).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void testFirstStatusCallsFromManyThreadsShareOneProbe() throws Exception {
    int threads = 8;
    try (IsolatingClassLoader loader = new IsolatingClassLoader()) {
      Class<?> probeClass = loader.loadClass(CudaDeviceProbe.class.getName());
      Object probe = probeClass.getConstructor().newInstance();
      Method status = probeClass.getMethod("status");
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return status.invoke(probe);
                  }));
        }
        start.countDown();
        Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Future<Object> answer : answers) {
          distinct.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(distinct).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void testDisabledAnswersWithoutLoadingJCuda() throws Exception {
    try (IsolatingClassLoader loader = new IsolatingClassLoader()) {
      Object status = loader.invokeStatic("probe", "false");

      assertThat(status).hasToString("no GPU: disabled by sluice.gpu.enabled=false");
      assertThat(loader.requestedJCudaClasses()).isEmpty();
    }
  }

  @Test
  void testInvalidSettingAnswersWithoutLoadingJCuda() throws Exception {
    try (IsolatingClassLoader loader = new IsolatingClassLoader()) {
      Object status = loader.invokeStatic("probe", "yes");

      assertThat(status)
          .hasToString("no GPU: sluice.gpu.enabled must be auto, true or false, not 'yes'");
      assertThat(loader.requestedJCudaClasses()).isEmpty();
    }
  }

  @Test
  void testAutoLoadsJCudaDriver() throws Exception {
    // The control for the two tests above: the isolating loader does see JCuda being loaded.
    try (IsolatingClassLoader loader = new IsolatingClassLoader()) {
      loader.invokeStatic("probe", "auto");

      assertThat(loader.requestedJCudaClasses()).contains("jcuda.driver.JCudaDriver");
    }
  }

  @Test
  void testServiceLoaderFindsThisProbe() {
    List<Class<?>> found =
        ServiceLoader.load(DeviceProbe.class).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();

    assertThat(found).containsExactly(CudaDeviceProbe.class);
    assertThat(DeviceProbe.discover()).isSameAs(new CudaDeviceProbe().status());
  }

  /** Whether libcuda.so.1 is in a directory the dynamic linker searches (the common ones). */
  private static boolean libcudaInstalled() {
    List<String> directories =
        new ArrayList<>(
            List.of(
                "/usr/lib/x86_64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu",
                "/usr/lib64",
                "/usr/lib",
                "/usr/local/nvidia/lib64",
                "/usr/local/cuda/compat"));
    String ldLibraryPath = System.getenv("LD_LIBRARY_PATH");
    if (ldLibraryPath != null) {
      directories.addAll(List.of(ldLibraryPath.split(":")));
    }
    return directories.stream()
        .filter(directory -> !directory.isBlank())
        .anyMatch(directory -> Files.exists(Path.of(directory, "libcuda.so.1")));
  }

  /**
   * Loads Sluice's and JCuda's classes afresh (child first), so their static state starts empty,
   * and records every class name it is asked for.
   */
  private static final class IsolatingClassLoader extends URLClassLoader {
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    IsolatingClassLoader() throws IOException, URISyntaxException {
      super(
          new URL[] {
            codeSource(CudaDeviceProbe.class),
            codeSource(DeviceProbe.class),
            codeSource("jcuda/driver/JCudaDriver.class")
          },
          TestCudaDeviceProbe.class.getClassLoader());
    }

    /** Calls the named static method of the isolated {@link CudaDeviceProbe}. */
    Object invokeStatic(String method, String argument) throws ReflectiveOperationException {
      Class<?> probe = loadClass(CudaDeviceProbe.class.getName());
      return probe.getMethod(method, String.class).invoke(null, argument);
    }

    /** The {@code jcuda.*} classes this loader was asked for so far, sorted. */
    List<String> requestedJCudaClasses() {
      return requested.stream().filter(name -> name.startsWith("jcuda.")).sorted().toList();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      if (!name.startsWith("dev.sluice.") && !name.startsWith("jcuda.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private static URL codeSource(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The jar or directory holding a class file, found without loading the class. */
    private static URL codeSource(String resource) throws IOException, URISyntaxException {
      URL url = TestCudaDeviceProbe.class.getClassLoader().getResource(resource);
      if (url == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      if (url.openConnection() instanceof JarURLConnection jar) {
        return jar.getJarFileURL();
      }
      Path root = Path.of(url.toURI());
      for (int depth = resource.split("/").length; depth > 0; depth--) {
        root = root.getParent();
      }
      return root.toUri().toURL();
    }
  }
}
