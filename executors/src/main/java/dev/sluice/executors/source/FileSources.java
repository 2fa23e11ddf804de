package dev.sluice.executors.source;

import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.Schema;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Driver-side resolution of files to read. PLACEHOLDER: to be built. */
public final class FileSources {
  private FileSources() {}

  /**
   * Lists the files under {@code paths}, checks they exist, and settles their schema (given,
   * read from Parquet footers, or inferred from a sample).
   *
   * @param userSchema the schema the user declared, or null to read or infer it
   */
  public static FileSource resolve(FileFormat format, List<String> paths, Map<String, String> options,
      Schema userSchema, BufferAllocator allocator) {
    throw new UnsupportedOperationException("not built yet");
  }
}
