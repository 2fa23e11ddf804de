package dev.sluice.engine.relational.planner;

import dev.sluice.engine.plan.split.ValuesSplit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * The splits of a {@link dev.sluice.engine.relational.LocalRelation}: one per partition, the bytes
 * as given ({@code BatchCodec} streams), with the row count read from the IPC message headers
 * (nothing is decoded or allocated).
 */
final class LocalSplits {
  private LocalSplits() {}

  /** One split per partition; a single empty split when there are none. */
  static List<ValuesSplit> of(List<byte[]> partitions) {
    List<ValuesSplit> splits = new ArrayList<>();
    for (byte[] partition : partitions) {
      splits.add(new ValuesSplit(partition, rows(partition)));
    }
    if (splits.isEmpty()) {
      splits.add(new ValuesSplit(new byte[0], 0));
    }
    return splits;
  }

  /** The rows in a sequence of length-prefixed IPC streams. */
  static int rows(byte[] bytes) {
    long rows = 0;
    int offset = 0;
    try {
      while (offset + 4 <= bytes.length) {
        int length = ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
            | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
        offset += 4;
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, length);
        ReadChannel channel = new ReadChannel(Channels.newChannel(in));
        MessageMetadataResult message;
        while ((message = MessageSerializer.readMessage(channel)) != null) {
          if (message.getMessage().headerType() == MessageHeader.RecordBatch) {
            RecordBatch batch = (RecordBatch) message.getMessage().header(new RecordBatch());
            rows += batch.length();
          }
          long body = message.getMessageBodyLength();
          if (in.skip(body) < body) {
            break;
          }
        }
        offset += length;
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("local rows are not a sequence of Arrow IPC streams: " + e.getMessage(), e);
    }
    return (int) Math.min(Integer.MAX_VALUE, rows);
  }
}
