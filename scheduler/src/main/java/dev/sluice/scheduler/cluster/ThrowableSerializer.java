package dev.sluice.scheduler.cluster;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Arrays;

/**
 * Kryo serializer of exceptions through Java serialization (which exceptions are built for: Kryo's
 * field serializer cannot rebuild some JDK collections they hold), reading classes with the Kryo
 * instance's class loader. Never fails a message for its exception: an exception that cannot be
 * Java-serialized (a field that is not serializable) travels as a {@link RuntimeException} naming its
 * class and message, with its stack trace and cause chain; one whose class the receiver cannot load
 * arrives as such a stand-in too.
 */
final class ThrowableSerializer extends Serializer<Throwable> {
  private static final int MAX_CAUSES = 32;
  /** Keeps a failure well inside Artery's 256 KiB frame; beyond it the exception travels as trimmed text. */
  static final int MAX_BYTES = 64 << 10;
  private static final int MAX_DESCRIPTION = 4096;
  private static final int TRIMMED_FRAMES = 64;

  ThrowableSerializer() {
    super(false, true);
  }

  @Override
  public void write(Kryo kryo, Output output, Throwable error) {
    byte[] bytes;
    try {
      bytes = javaSerialize(error);
    } catch (IOException e) {
      bytes = javaSerializeOrEmpty(standIn(error, "it could not be serialized: " + e, 0));
    }
    if (bytes.length > MAX_BYTES) {
      RuntimeException trimmed = standIn(error, "it was " + bytes.length + " bytes serialized", 0);
      trim(trimmed);
      bytes = javaSerializeOrEmpty(trimmed);
    }
    String description = describe(error);
    output.writeString(description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) + "..."
        : description);
    output.writeVarInt(bytes.length, true);
    output.writeBytes(bytes);
  }

  @Override
  public Throwable read(Kryo kryo, Input input, Class<? extends Throwable> type) {
    String description = input.readString();
    byte[] bytes = input.readBytes(input.readVarInt(true));
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), kryo.getClassLoader())) {
      return (Throwable) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      return new RuntimeException(description + " (the exception itself could not be read here: " + e + ")");
    }
  }

  private static String describe(Throwable error) {
    return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }

  /** A plain exception that says what {@code error} was, with its stack trace and cause chain. */
  private static RuntimeException standIn(Throwable error, String why, int depth) {
    String description = describe(error);
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION) + "...";
    }
    RuntimeException standIn = new RuntimeException(description + " (sent as text: " + why + ")");
    standIn.setStackTrace(error.getStackTrace());
    if (error.getCause() != null && error.getCause() != error && depth < MAX_CAUSES) {
      standIn.initCause(standIn(error.getCause(), why, depth + 1));
    }
    return standIn;
  }

  /** Keeps the first frames of each stack trace in the chain, so the stand-in stays small. */
  private static void trim(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      StackTraceElement[] frames = t.getStackTrace();
      if (frames.length > TRIMMED_FRAMES) {
        t.setStackTrace(Arrays.copyOf(frames, TRIMMED_FRAMES));
      }
    }
  }

  private static byte[] javaSerialize(Throwable error) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(error);
    }
    return bytes.toByteArray();
  }

  private static byte[] javaSerializeOrEmpty(Throwable error) {
    try {
      return javaSerialize(error);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(descriptor.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(descriptor);
      }
    }
  }
}
