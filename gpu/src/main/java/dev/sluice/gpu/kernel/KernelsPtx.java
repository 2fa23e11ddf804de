package dev.sluice.gpu.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped PTX module: {@code /dev/sluice/gpu/kernels.ptx}, built from {@code
 * src/main/cuda/kernels.cu} by {@code build-ptx.sh} (ISA 7.0, {@code compute_80}) and committed.
 * Its first line is {@code // source-sha256: <hex>}, the sha256 of the CUDA sources it was built
 * from, which a test compares with the sources. Pure Java: reading it loads no JCuda class.
 */
public final class KernelsPtx {
  /** The class path resource. */
  public static final String RESOURCE = "/dev/sluice/gpu/kernels.ptx";
  private static final String SHA_PREFIX = "// source-sha256: ";
  private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE);

  private KernelsPtx() {}

  /** The PTX text as bytes, without a terminating NUL. */
  public static byte[] bytes() {
    try (InputStream in = KernelsPtx.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the PTX resource " + RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The PTX text NUL-terminated, as {@code cuModuleLoadData} wants it. */
  public static byte[] image() {
    byte[] text = bytes();
    return Arrays.copyOf(text, text.length + 1);
  }

  /** The PTX text. */
  public static String text() {
    return new String(bytes(), StandardCharsets.US_ASCII);
  }

  /** The {@code source-sha256} of the first line, lower-case hex. */
  public static String sourceSha256() {
    String text = text();
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    if (!first.startsWith(SHA_PREFIX)) {
      throw new IllegalStateException(RESOURCE + " does not start with '" + SHA_PREFIX + "': " + first);
    }
    return first.substring(SHA_PREFIX.length()).trim();
  }

  /** The names of the kernels ({@code .entry}) in the module, in file order. */
  public static List<String> entryNames() {
    List<String> names = new ArrayList<>();
    Matcher matcher = ENTRY.matcher(text());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }
}
