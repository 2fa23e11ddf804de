package dev.sluice.executors.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flight producer behind a {@link DataServer}: dispatches getStream tickets {@code prefix/rest}
 * to the {@link BlobSource} of the prefix and doPut descriptors {@code [prefix, rest]} to its
 * {@link BlobSink}. A stream is sent on a thread of the server's own pool, never on gRPC's
 * serialized executor (TECH.md §3: waiting for the listener there deadlocks); the thread waits for
 * the client through the callback backpressure strategy registered in getStream. Every failure is
 * logged here and reaches the client as a status with a message (NOT_FOUND for a missing blob).
 */
final class BlobProducer extends NoOpFlightProducer {
  private static final Logger LOG = LoggerFactory.getLogger(BlobProducer.class);
  private static final long READY_WAIT_MILLIS = 1_000;

  private final BufferAllocator allocator;
  private final ExecutorService senders;
  private final Map<String, BlobSource> sources = new ConcurrentHashMap<>();
  private final Map<String, BlobSink> sinks = new ConcurrentHashMap<>();
  private volatile String location = "(starting)";
  private volatile boolean closing;

  BlobProducer(BufferAllocator allocator, ExecutorService senders) {
    this.allocator = allocator;
    this.senders = senders;
  }

  void location(String location) {
    this.location = location;
  }

  void closing() {
    closing = true;
  }

  void serve(String prefix, BlobSource source) {
    sources.put(prefix, source);
  }

  void accept(String prefix, BlobSink sink) {
    sinks.put(prefix, sink);
  }

  @Override
  public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
    String name = new String(ticket.getBytes(), UTF_8);
    BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    try {
      senders.execute(() -> send(name, listener, backpressure));
    } catch (RejectedExecutionException e) {
      listener.error(CallStatus.UNAVAILABLE.withDescription("the data server at " + location
          + " is shutting down; cannot send " + name).toRuntimeException());
    }
  }

  private void send(String ticket, ServerStreamListener listener, BackpressureStrategy backpressure) {
    InputStream in;
    try {
      int slash = ticket.indexOf('/');
      BlobSource source = slash < 0 ? null : sources.get(ticket.substring(0, slash));
      if (source == null) {
        throw new FileNotFoundException("no blobs are served under the prefix of '" + ticket + "' (prefixes served: "
            + List.copyOf(sources.keySet()) + ")");
      }
      in = source.open(ticket.substring(slash + 1));
    } catch (Throwable e) {
      fail(listener, "send '" + ticket + "'", e);
      return;
    }
    try (in; VectorSchemaRoot root = VectorSchemaRoot.create(BlobChunks.SCHEMA, allocator)) {
      listener.start(root);
      VarBinaryVector chunks = BlobChunks.column(root);
      byte[] buffer = new byte[BlobChunks.CHUNK_BYTES];
      boolean more = true;
      while (more) {
        if (!awaitClient(listener, backpressure)) {
          LOG.debug("The client of '{}' cancelled the stream", ticket);
          return;
        }
        // a new buffer per batch: the previous batch's buffers may still be queued for sending
        chunks.allocateNew((long) BlobChunks.CHUNK_BYTES * BlobChunks.CHUNKS_PER_BATCH, BlobChunks.CHUNKS_PER_BATCH);
        int values = 0;
        while (more && values < BlobChunks.CHUNKS_PER_BATCH) {
          int read = in.readNBytes(buffer, 0, buffer.length);
          if (read > 0) {
            chunks.setSafe(values++, buffer, 0, read);
          }
          more = read == buffer.length;
        }
        if (values > 0) {
          root.setRowCount(values);
          listener.putNext();
        }
      }
      listener.completed();
    } catch (Throwable e) {
      fail(listener, "send '" + ticket + "'", e);
    }
  }

  /** Whether the client is ready for the next batch; false when it cancelled. */
  private boolean awaitClient(ServerStreamListener listener, BackpressureStrategy backpressure)
      throws InterruptedIOException {
    while (true) {
      if (closing) {
        throw new InterruptedIOException("the data server is shutting down");
      }
      switch (backpressure.waitForListener(READY_WAIT_MILLIS)) {
        case READY:
          return true;
        case CANCELLED:
          return false;
        case TIMEOUT:
          // the client is slow; its deadline or a cancellation ends the wait
          break;
        default:
          throw new InterruptedIOException("interrupted while waiting for the client");
      }
    }
  }

  @Override
  public Runnable acceptPut(CallContext context, FlightStream stream, StreamListener<PutResult> ackStream) {
    return () -> {
      String name = "(unknown)";
      try {
        FlightDescriptor descriptor = stream.getDescriptor();
        List<String> path = descriptor.isCommand() ? List.of() : descriptor.getPath();
        if (path.size() != 2) {
          throw new IllegalArgumentException("expected a descriptor path [prefix, rest] but got " + descriptor);
        }
        name = path.get(0) + "/" + path.get(1);
        BlobSink sink = sinks.get(path.get(0));
        if (sink == null) {
          throw new FileNotFoundException("no blobs are accepted under the prefix of '" + name
              + "' (prefixes accepted: " + List.copyOf(sinks.keySet()) + ")");
        }
        BlobChunks.Assembly blob = new BlobChunks.Assembly();
        while (stream.next()) {
          blob.append(stream.getRoot());
        }
        sink.accept(path.get(1), blob.toByteArray());
        ackStream.onCompleted();
      } catch (Throwable e) {
        CallStatus status = status("take '" + name + "'", e);
        try {
          ackStream.onError(status.toRuntimeException());
        } catch (RuntimeException alreadyEnded) {
          LOG.debug("Cannot report a failed put of {}: {}", name, alreadyEnded.toString());
        }
      }
    };
  }

  private void fail(ServerStreamListener listener, String what, Throwable e) {
    if (listener.isCancelled()) {
      LOG.debug("Cannot {}: the client cancelled ({})", what, e.toString());
      return;
    }
    CallStatus status = status(what, e);
    try {
      listener.error(status.toRuntimeException());
    } catch (RuntimeException alreadyEnded) {
      LOG.debug("Cannot report the failure to {}: {}", what, alreadyEnded.toString());
    }
  }

  /** The status a failure reaches the client with, logged here (a missing blob only at debug). */
  private CallStatus status(String what, Throwable e) {
    String at = "The data server at " + location + " cannot " + what + ": ";
    if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
      LOG.debug("{}not found ({})", at, e.toString());
      return CallStatus.NOT_FOUND.withDescription(at + "not found: " + e.getMessage()).withCause(e);
    }
    if (closing) {
      LOG.debug("{}{}", at, e.toString());
      return CallStatus.UNAVAILABLE.withDescription(at + "it is shutting down").withCause(e);
    }
    if (e instanceof IllegalArgumentException) {
      LOG.warn("{}{}", at, e.getMessage());
      return CallStatus.INVALID_ARGUMENT.withDescription(at + e.getMessage()).withCause(e);
    }
    LOG.warn("{}{}", at, e.toString(), e);
    return CallStatus.INTERNAL.withDescription(at + e).withCause(e);
  }
}
