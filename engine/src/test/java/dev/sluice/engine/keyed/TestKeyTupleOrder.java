package dev.sluice.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order of key tuples: nulls, directions, strings by UTF-8 bytes, doubles by Double.compare. */
class TestKeyTupleOrder {
  private static SortKey key(boolean ascending, boolean nullsFirst) {
    return new SortKey(new BoundRef(0, "k", DataType.INT64), ascending, nullsFirst);
  }

  @Test
  void testNullsFollowTheKeyAndDirectionReversesOnlyValues() {
    List<Object> one = Arrays.asList(1L);
    List<Object> two = Arrays.asList(2L);
    List<Object> none = Arrays.asList((Object) null);
    KeyTupleOrder ascending = new KeyTupleOrder(List.of(SortKey.ascending(new BoundRef(0, "k", DataType.INT64))));
    assertThat(sorted(ascending, two, none, one)).containsExactly(none, one, two);
    KeyTupleOrder descending = new KeyTupleOrder(List.of(SortKey.descending(new BoundRef(0, "k", DataType.INT64))));
    assertThat(sorted(descending, one, none, two)).containsExactly(two, one, none);
    assertThat(sorted(new KeyTupleOrder(List.of(key(false, true))), one, two, none)).containsExactly(none, two, one);
    assertThat(sorted(new KeyTupleOrder(List.of(key(true, false))), none, two, one)).containsExactly(one, two, none);
  }

  @SafeVarargs
  private static List<List<Object>> sorted(KeyTupleOrder order, List<Object>... tuples) {
    List<List<Object>> out = new ArrayList<>(Arrays.asList(tuples));
    out.sort(order);
    return out;
  }

  @Test
  void testStringsCompareAsUnsignedUtf8Bytes() {
    String[] words = {"", "a", "B", "\u00e9", "\uffff", "\ud83d\ude00", "\ud800\udc00", "\ue000", "abc", "ab\u0000"};
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      String left = words[random.nextInt(words.length)] + words[random.nextInt(words.length)];
      String right = words[random.nextInt(words.length)] + words[random.nextInt(words.length)];
      int bytes = Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
      assertThat(Integer.signum(KeyTupleOrder.compareValues(left, right)))
          .as("%s vs %s", left, right).isEqualTo(Integer.signum(bytes));
    }
  }

  @Test
  void testNumbersDatesAndBooleans() {
    assertThat(KeyTupleOrder.compareValues(Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
    assertThat(KeyTupleOrder.compareValues(-0.0, 0.0)).isNegative();
    assertThat(KeyTupleOrder.compareValues(new BigDecimal("1.10"), new BigDecimal("1.05"))).isPositive();
    assertThat(KeyTupleOrder.compareValues(3, 4L)).isNegative();
    assertThat(KeyTupleOrder.compareValues(LocalDate.of(1994, 1, 1), LocalDate.of(1993, 12, 31))).isPositive();
    assertThat(KeyTupleOrder.compareValues(false, true)).isNegative();
    assertThatThrownBy(() -> KeyTupleOrder.compareValues("a", 1L))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("String a and Long 1");
  }
}
