package dev.sluice.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one row hash: pinned values (a change breaks shuffles between versions) and its invariants. */
class TestColumnHash {
  @Test
  void testHashesArePinned() {
    assertThat(ColumnHash.fmix64(0)).isEqualTo(0L);
    assertThat(ColumnHash.fmix64(1)).isEqualTo(PINNED_FMIX_ONE);
    assertThat(ColumnHash.hashBytes("abc".getBytes(StandardCharsets.UTF_8), 0, 3)).isEqualTo(PINNED_ABC);
    ColumnData longs = ColumnBuilder.column(DataType.INT64, 1L, null, -5L);
    ColumnData strings = ColumnBuilder.column(DataType.UTF8, "abc", "", null);
    assertThat(ColumnHash.hash(List.of(longs, strings), 3)).containsExactly(PINNED_ROWS);
  }

  // Computed independently (in Python) from the spec in ColumnHash's javadoc.
  private static final long PINNED_FMIX_ONE = 0xb456bcfc34c2cb2cL;
  private static final long PINNED_ABC = 3741276987793851837L;
  private static final long[] PINNED_ROWS = {-7317095445803275487L, -1612904200207578328L, -1323671988536729598L};

  @Test
  void testEqualValuesHashEquallyWhateverTheirLayout() {
    byte[] bytes = "..abc..".getBytes(StandardCharsets.UTF_8);
    assertThat(ColumnHash.hashBytes(bytes, 2, 5)).isEqualTo(ColumnHash.hashBytes("abc".getBytes(), 0, 3));
    assertThat(ColumnHash.hashDouble(-0.0)).isEqualTo(ColumnHash.hashDouble(0.0));
    assertThat(ColumnHash.hashDouble(Double.longBitsToDouble(0x7ff8000000000001L)))
        .isEqualTo(ColumnHash.hashDouble(Double.NaN));
    ColumnData withGarbage = new LongData(DataType.INT64, new long[] {42, 99}, new boolean[] {false, true}, 2);
    ColumnData clean = new LongData(DataType.INT64, new long[] {42, 0}, new boolean[] {false, true}, 2);
    assertThat(ColumnHash.hash(List.of(withGarbage), 2)).containsExactly(ColumnHash.hash(List.of(clean), 2));
    assertThat(ColumnHash.hash(List.of(ColumnBuilder.column(DataType.BOOLEAN, true, false)), 2)[0])
        .isNotEqualTo(ColumnHash.hash(List.of(ColumnBuilder.column(DataType.BOOLEAN, true, false)), 2)[1]);
  }

  @Test
  void testPartitionsAreInRange() {
    long[] hashes = ColumnHash.hash(List.of(ColumnBuilder.column(DataType.INT32, 1, 2, 3, -4, null)), 5);
    for (int partition : ColumnHash.partitions(hashes, 5, 7)) {
      assertThat(partition).isBetween(0, 6);
    }
    assertThat(ColumnHash.partition(-1L, 10)).isEqualTo((int) Long.remainderUnsigned(-1L, 10));
  }
}
