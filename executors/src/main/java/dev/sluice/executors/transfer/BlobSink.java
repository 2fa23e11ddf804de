package dev.sluice.executors.transfer;

import java.io.IOException;

/**
 * Takes the blobs that clients put under one prefix of a {@link DataServer}: a put to path {@code
 * prefix/rest} arrives here whole once the client has sent its last byte. Called on the server's
 * threads, several at once.
 */
public interface BlobSink {
  /**
   * Keeps {@code bytes} under {@code rest}.
   *
   * @throws IOException when it cannot be kept (the client's put fails with the message)
   */
  void accept(String rest, byte[] bytes) throws IOException;
}
