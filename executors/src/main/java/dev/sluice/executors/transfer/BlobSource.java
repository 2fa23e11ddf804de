package dev.sluice.executors.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the blobs under one prefix of a {@link DataServer}: a client's ticket {@code
 * prefix/rest} is answered by streaming {@code open(rest)}. Called on the server's send threads,
 * several at once.
 */
public interface BlobSource {
  /**
   * The blob named {@code rest}, read once from start to end and then closed by the server.
   *
   * @throws java.io.FileNotFoundException or {@link java.nio.file.NoSuchFileException} when there is
   *     no such blob (the client gets NOT_FOUND with the exception's message)
   * @throws IOException when it cannot be read, or {@code rest} is not a name this source serves
   */
  InputStream open(String rest) throws IOException;
}
