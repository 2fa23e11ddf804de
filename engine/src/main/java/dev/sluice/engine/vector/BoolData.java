package dev.sluice.engine.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;

/** boolean values, e.g. a predicate's result. */
public final class BoolData implements ColumnData {
  private final boolean[] values;
  private final boolean[] nulls;
  private final int size;

  public BoolData(boolean[] values, boolean[] nulls, int size) {
    this.values = requireNonNull(values, "values is null");
    this.nulls = nulls;
    this.size = size;
    if (values.length < size || (nulls != null && nulls.length < size)) {
      throw new IllegalArgumentException("arrays shorter than size " + size);
    }
  }

  public boolean[] values() {
    return values;
  }

  @Override
  public DataType type() {
    return DataType.BOOLEAN;
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

  /** The rows that are true (not false, not null), as a selection of {@code count} indices. */
  public int[] selectTrue() {
    int[] selection = new int[size];
    int count = 0;
    for (int i = 0; i < size; i++) {
      selection[count] = i;
      count += (values[i] && (nulls == null || !nulls[i])) ? 1 : 0;
    }
    return java.util.Arrays.copyOf(selection, count);
  }

  @Override
  public BoolData gather(int[] selection, int count) {
    boolean[] out = new boolean[count];
    for (int i = 0; i < count; i++) {
      out[i] = values[selection[i]];
    }
    return new BoolData(out, Selections.gatherNulls(nulls, selection, count), count);
  }
}
