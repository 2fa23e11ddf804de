package dev.sluice.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.encoding.Encoders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

  /**
   * Many large batches of random longs and strings (nulls included), with a schema change between
   * them, round-trip unchanged with and without compression: the output array is pre-sized for the
   * uncompressed form and grows for the compressed one.
   */
  @Test
  void testManyLargeBatchesRoundTripWithEveryCompression() {
    Random random = new Random(42);
    List<Object> expected = new ArrayList<>();
    List<Object[]> chunks = new ArrayList<>();
    for (int b = 0; b < 12; b++) {
      int rows = 1 + random.nextInt(20_000);
      Object[] values = new Object[rows];
      for (int r = 0; r < rows; r++) {
        if (random.nextInt(10) == 0) {
          values[r] = null;
        } else if (b < 6) {
          values[r] = random.nextLong();
        } else {
          values[r] = Long.toString(random.nextLong(), 36).repeat(1 + random.nextInt(3));
        }
      }
      chunks.add(values);
      expected.addAll(Arrays.asList(values));
    }
    for (BatchCodec.Compression compression : BatchCodec.Compression.values()) {
      List<Batch> batches = new ArrayList<>();
      byte[] bytes;
      try {
        for (int b = 0; b < chunks.size(); b++) {
          Class<?> type = b < 6 ? Long.class : String.class;
          batches.add(Encoders.forClass(type).encode(chunks.get(b), chunks.get(b).length, allocator));
        }
        bytes = BatchCodec.encode(batches, allocator, compression);
      } finally {
        batches.forEach(Batch::close);
      }
      List<Batch> decoded = BatchCodec.decode(bytes, allocator);
      try {
        assertThat(decoded).hasSize(chunks.size());
        List<Object> rows = new ArrayList<>();
        for (Batch batch : decoded) {
          rows.addAll(Arrays.asList(Encoders.decoderFor(batch.arrowSchema()).decode(batch)));
        }
        assertThat(rows).as(compression.name()).isEqualTo(expected);
      } finally {
        decoded.forEach(Batch::close);
      }
    }
  }
}
