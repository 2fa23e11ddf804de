package dev.sluice.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bounds are increasing, distinct, and weighted by partition size, so skewed inputs still balance. */
class TestColumnarRangeBounds {
  private static final List<SortKey> KEYS = List.of(
      SortKey.descending(new BoundRef(0, "price", DataType.INT64)),
      SortKey.ascending(new BoundRef(1, "name", DataType.UTF8)));

  private static List<Object> tuple(Long price, String name) {
    return new ArrayList<>(Arrays.asList(price, name));
  }

  @Test
  void testBoundsAreIncreasingAndDistinct() {
    Random random = new Random(3);
    List<KeySample> samples = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      List<Object> keys = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        keys.add(tuple(random.nextInt(10) == 0 ? null : (long) random.nextInt(20), "n" + random.nextInt(3)));
      }
      samples.add(new KeySample(1000, keys));
    }
    List<List<Object>> bounds = ColumnarRangeBounds.choose(samples, 16, KEYS);
    KeyTupleOrder order = new KeyTupleOrder(KEYS);
    assertThat(bounds).hasSizeBetween(2, 15);
    for (int i = 1; i < bounds.size(); i++) {
      assertThat(order.compare(bounds.get(i - 1), bounds.get(i))).isNegative();
    }
  }

  @Test
  void testSkewedPartitionsAreWeightedByTheirRowCount() {
    // a huge partition of high prices and a tiny one of low prices: a balanced split is by the huge one's keys
    List<Object> large = new ArrayList<>();
    List<Object> small = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      large.add(tuple(1000L + i, "x"));
      small.add(tuple((long) i, "y"));
    }
    List<KeySample> samples = List.of(new KeySample(1_000_000, large), new KeySample(100, small));
    List<List<Object>> bounds = ColumnarRangeBounds.choose(samples, 4, KEYS);
    assertThat(bounds).hasSize(3);
    // descending price: the large partition's keys come first and carry nearly all the weight
    assertThat(bounds).allSatisfy(bound -> assertThat((Long) bound.get(0)).isGreaterThanOrEqualTo(1000L));
    // each large-partition key weighs 10,000 rows: a bound every 25 keys from the top
    assertThat(bounds.stream().map(bound -> bound.get(0)).toList()).containsExactly(1074L, 1049L, 1024L);
  }

  @Test
  void testFewDistinctKeysGiveFewerBoundsAndEmptySamplesNone() {
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      keys.add(tuple(7L, i % 2 == 0 ? "a" : "b"));
    }
    List<List<Object>> bounds = ColumnarRangeBounds.choose(List.of(new KeySample(100, keys)), 10, KEYS);
    assertThat(bounds).containsExactly(tuple(7L, "a"), tuple(7L, "b"));
    assertThat(ColumnarRangeBounds.choose(List.of(new KeySample(0, List.of())), 10, KEYS)).isEmpty();
    assertThat(ColumnarRangeBounds.choose(List.of(new KeySample(100, keys)), 1, KEYS)).isEmpty();
  }
}
