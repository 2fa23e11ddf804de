package dev.sluice.executors.sink;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.executors.operator.RowIterator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the partition's rows as lines ({@code String.valueOf(row)}, {@code \n}-terminated) to
 * {@code part-NNNNN} in the job's temporary directory. The attempt writes a file of its own and
 * renames it into place only when complete, so a failed or repeated attempt never leaves a partial
 * part file; the driver publishes the whole directory once the job succeeded.
 */
public final class SaveTextSink implements ResultSink {
  private final Path directory;
  private final int partition;
  private final int attempt;
  private long rows;

  public SaveTextSink(String directory, int partition, int attempt) {
    this.directory = Path.of(directory);
    this.partition = partition;
    this.attempt = attempt;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    Path target = directory.resolve(String.format("part-%05d", partition));
    Path temporary = directory.resolve(String.format(".part-%05d.attempt-%d.tmp", partition, attempt));
    try {
      try (BufferedWriter writer = new BufferedWriter(
          new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.UTF_8), 1 << 16)) {
        RowIterator iterator = new RowIterator(input, context);
        while (iterator.hasNext()) {
          writer.write(String.valueOf(iterator.next()));
          writer.write('\n');
          rows++;
        }
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new byte[0];
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
          "Cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // the driver removes the whole temporary directory if the job fails
      }
    }
  }

  @Override
  public long rows() {
    return rows;
  }
}
