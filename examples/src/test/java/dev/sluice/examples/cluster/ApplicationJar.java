package dev.sluice.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the test application ({@code src/test/app}) into a jar of its own with the JDK's compiler,
 * so that its classes are on no worker's class path and reach the workers only by being shipped.
 */
final class ApplicationJar {
  private static final Path SOURCES = Path.of("src", "test", "app");

  private ApplicationJar() {}

  static Path build(Path directory) throws IOException {
    Path classes = Files.createDirectories(directory.resolve("app-classes"));
    List<String> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, Stream.concat(Stream.of("-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "--release", "17", "-parameters"), sources.stream())
        .toArray(String[]::new));
    assertThat(status).as("compiling the test application").isZero();
    Path jar = directory.resolve("cluster-app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
