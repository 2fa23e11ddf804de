package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code child IN (v1, ..., vn)} when every value is a constant: a set lookup per row (a sorted
 * array for integers, dates, decimals and float64 bits; an open-addressing hash table for
 * strings). True when found; null when not found and the child or some value is null; else false.
 * Lists with non-constant values compile to {@code child = v1 OR ...} instead (same semantics).
 */
public final class InListKernel implements CompiledExpression {
  private final CompiledExpression child;
  private final boolean hasNull;
  private final long[] sortedLongs;
  private final byte[][] strings;
  private final int[] table;
  private final int mask;

  /**
   * @param childType the child's type
   * @param child the compiled child
   * @param constants the values, each of the child's type except that decimals may differ in scale
   */
  public InListKernel(DataType childType, CompiledExpression child, List<ConstantKernel> constants) {
    this.child = child;
    boolean anyNull = false;
    List<Long> longs = new ArrayList<>();
    List<byte[]> texts = new ArrayList<>();
    for (ConstantKernel constant : constants) {
      if (constant.isNull()) {
        anyNull = true;
      } else if (childType instanceof DataType.Utf8) {
        texts.add(constant.bytes());
      } else if (childType instanceof DataType.Float64) {
        longs.add(Double.doubleToLongBits(constant.doubleValue()));
      } else if (childType instanceof DataType.Decimal target
          && constant.type() instanceof DataType.Decimal given && given.scale() != target.scale()) {
        long scaled = atScale(constant.longValue(), given.scale(), target.scale());
        if (scaled != Long.MIN_VALUE) {
          longs.add(scaled);
        }
      } else {
        longs.add(constant.longValue());
      }
    }
    this.hasNull = anyNull;
    this.sortedLongs = longs.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    this.strings = texts.toArray(new byte[0][]);
    int capacity = Integer.highestOneBit(Math.max(4, strings.length * 4));
    this.mask = capacity - 1;
    this.table = new int[capacity];
    Arrays.fill(table, -1);
    for (int k = 0; k < strings.length; k++) {
      int slot = slot(strings[k], 0, strings[k].length);
      while (table[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = k;
    }
  }

  /** A decimal at another scale when that is exact, else {@link Long#MIN_VALUE} (it equals no value). */
  private static long atScale(long unscaled, int from, int to) {
    try {
      long scaled = DecimalMath.rescale(unscaled, from, to);
      return DecimalMath.rescale(scaled, to, from) == unscaled ? scaled : Long.MIN_VALUE;
    } catch (ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  private int slot(byte[] bytes, int from, int to) {
    return (int) dev.sluice.engine.vector.ColumnHash.hashBytes(bytes, from, to) & mask;
  }

  private boolean containsString(byte[] bytes, int from, int to) {
    int slot = slot(bytes, from, to);
    while (true) {
      int k = table[slot];
      if (k < 0) {
        return false;
      }
      byte[] candidate = strings[k];
      if (Arrays.equals(bytes, from, to, candidate, 0, candidate.length)) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }

  @Override
  public ColumnData evaluate(VectorBatch input) {
    ColumnData column = child.evaluate(input);
    int rows = input.rowCount();
    boolean[] found = new boolean[rows];
    if (column instanceof StringData s) {
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      for (int i = 0; i < rows; i++) {
        found[i] = containsString(bytes, offsets[i], offsets[i + 1]);
      }
    } else if (column instanceof DoubleData d) {
      double[] x = d.values();
      for (int i = 0; i < rows; i++) {
        found[i] = Arrays.binarySearch(sortedLongs, Double.doubleToLongBits(x[i])) >= 0;
      }
    } else if (column instanceof BoolData b) {
      boolean hasFalse = Arrays.binarySearch(sortedLongs, 0) >= 0;
      boolean hasTrue = Arrays.binarySearch(sortedLongs, 1) >= 0;
      boolean[] x = b.values();
      for (int i = 0; i < rows; i++) {
        found[i] = x[i] ? hasTrue : hasFalse;
      }
    } else {
      long[] x = ((LongData) column).values();
      long[] set = sortedLongs;
      if (set.length <= 8) {
        for (int i = 0; i < rows; i++) {
          long v = x[i];
          boolean hit = false;
          for (long candidate : set) {
            hit |= v == candidate;
          }
          found[i] = hit;
        }
      } else {
        for (int i = 0; i < rows; i++) {
          found[i] = Arrays.binarySearch(set, x[i]) >= 0;
        }
      }
    }
    boolean[] childNulls = column.nulls();
    if (!hasNull) {
      return new BoolData(found, childNulls, rows);
    }
    boolean[] nulls = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      nulls[i] = !found[i] || NullMasks.isNull(childNulls, i);
    }
    return new BoolData(found, NullMasks.orNone(nulls, rows), rows);
  }
}
