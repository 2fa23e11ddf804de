package dev.sluice.engine.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;

/** float64 values. */
public final class DoubleData implements ColumnData {
  private final double[] values;
  private final boolean[] nulls;
  private final int size;

  public DoubleData(double[] values, boolean[] nulls, int size) {
    this.values = requireNonNull(values, "values is null");
    this.nulls = nulls;
    this.size = size;
    if (values.length < size || (nulls != null && nulls.length < size)) {
      throw new IllegalArgumentException("arrays shorter than size " + size);
    }
  }

  public double[] values() {
    return values;
  }

  @Override
  public DataType type() {
    return DataType.FLOAT64;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean[] nulls() {
    return nulls;
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public DoubleData gather(int[] selection, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = values[selection[i]];
    }
    return new DoubleData(out, Selections.gatherNulls(nulls, selection, count), count);
  }
}
