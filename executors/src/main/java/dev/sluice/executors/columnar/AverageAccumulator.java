package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import java.util.List;

/**
 * {@code avg}: a sum (int64 for integer input, float64 for float64, 128-bit decimal at the input's
 * scale for decimals) and a count of non-null inputs per group. The result is {@code sum / count},
 * null when the count is 0: a float64 division for integer and float64 input, and for decimals
 * the exact quotient rounded half up to the result scale.
 */
final class AverageAccumulator extends GroupAccumulator {
  /** The sum of each group. */
  private final GroupAccumulator sum;
  /** The non-null inputs of each group. */
  private final CountAccumulator count = new CountAccumulator(false);
  /** The result scale, for decimal input. */
  private final int resultScale;

  /**
   * @param input the type of the averaged values
   * @param result the result type ({@code AggregateFunction.AVG.resultType(input)})
   */
  AverageAccumulator(DataType input, DataType result) {
    if (input instanceof DataType.Decimal decimal) {
      this.sum = new DecimalSumAccumulator(decimal.scale(), decimal.scale(), decimal.scale());
      this.resultScale = ((DataType.Decimal) result).scale();
    } else {
      this.sum = input instanceof DataType.Float64 ? new DoubleSumAccumulator() : new LongSumAccumulator();
      this.resultScale = 0;
    }
  }

  @Override
  void ensureGroups(int groups) {
    sum.ensureGroups(groups);
    count.ensureGroups(groups);
  }

  @Override
  void update(ColumnData input, int[] groupIds, int rows) {
    sum.update(input, groupIds, rows);
    count.updateNonNull(input, groupIds, rows);
  }

  @Override
  void updateSingle(ColumnData input, int rows) {
    sum.updateSingle(input, rows);
    count.updateNonNullSingle(input, rows);
  }

  @Override
  int stateWidth() {
    return sum.stateWidth() + 1;
  }

  @Override
  void merge(List<ColumnData> columns, int first, int[] groupIds, int rows) {
    sum.merge(columns, first, groupIds, rows);
    count.merge(columns, first + sum.stateWidth(), groupIds, rows);
  }

  @Override
  void states(int[] groups, int count, List<ColumnData> out) {
    sum.states(groups, count, out);
    this.count.states(groups, count, out);
  }

  @Override
  void results(int[] groups, int rows, List<ColumnData> out) {
    boolean[] nulls = null;
    for (int i = 0; i < rows; i++) {
      if (count.count(groups[i]) == 0) {
        if (nulls == null) {
          nulls = new boolean[rows];
        }
        nulls[i] = true;
      }
    }
    if (sum instanceof DecimalSumAccumulator decimals) {
      long[] lows = new long[rows];
      long[] highs = new long[rows];
      long[] word = new long[2];
      for (int i = 0; i < rows; i++) {
        int group = groups[i];
        long n = count.count(group);
        if (n > 0) {
          Int128.divideRescaled(decimals.low(group), decimals.high(group), decimals.scale(), resultScale, n, word);
          lows[i] = word[0];
          highs[i] = word[1];
        }
      }
      out.add(new LongData(DataType.INT64, lows, nulls, rows));
      out.add(new LongData(DataType.INT64, highs, null, rows));
      return;
    }
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      int group = groups[i];
      long n = count.count(group);
      if (n > 0) {
        double total = sum instanceof DoubleSumAccumulator doubles ? doubles.sum(group)
            : (double) ((LongSumAccumulator) sum).sum(group);
        values[i] = total / n;
      }
    }
    out.add(new DoubleData(values, nulls, rows));
  }

  @Override
  long memoryBytes() {
    return sum.memoryBytes() + count.memoryBytes();
  }

  @Override
  void clear() {
    sum.clear();
    count.clear();
  }
}
