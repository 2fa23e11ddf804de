package dev.sluice.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.encoding.Encoders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestBatchCodec {
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void testBatchesWithDifferentSchemasRoundTripInOrder() {
    List<Batch> batches = new ArrayList<>();
    batches.add(Encoders.forClass(Long.class).encode(new Object[] {1L, 2L}, 2, allocator));
    batches.add(Encoders.forClass(Long.class).encode(new Object[] {3L}, 1, allocator));
    batches.add(Encoders.forClass(String.class).encode(new Object[] {"x", null}, 2, allocator));
    byte[] bytes;
    try {
      bytes = BatchCodec.encode(batches, allocator);
    } finally {
      batches.forEach(Batch::close);
    }
    List<Batch> decoded = BatchCodec.decode(bytes, allocator);
    try {
      assertThat(decoded).hasSize(3);
      List<Object> rows = new ArrayList<>();
      for (Batch batch : decoded) {
        rows.addAll(Arrays.asList(Encoders.decoderFor(batch.arrowSchema()).decode(batch)));
      }
      assertThat(rows).containsExactly(1L, 2L, 3L, "x", null);
    } finally {
      decoded.forEach(Batch::close);
    }
  }

  @Test
  void testNoBatchesEncodeToNothing() {
    byte[] bytes = BatchCodec.encode(List.of(), allocator);
    assertThat(bytes).isEmpty();
    assertThat(BatchCodec.decode(bytes, allocator)).isEmpty();
  }
}
