package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.Arrays;

/**
 * {@code CASE WHEN c1 THEN v1 ... ELSE e END}: per row, the value of the first branch whose
 * condition is true (a null condition counts as false), else the {@code ELSE} value. Conditions
 * and values are evaluated over the whole batch, then each row picks its source.
 */
public final class CaseWhenKernel implements CompiledExpression {
  private final DataType type;
  private final CompiledExpression[] conditions;
  private final CompiledExpression[] values;

  /**
   * @param type the result type (every value has it)
   * @param conditions the branch conditions, in order
   * @param values the branch values, in the same order, then the {@code ELSE} value
   */
  public CaseWhenKernel(DataType type, CompiledExpression[] conditions, CompiledExpression[] values) {
    this.type = type;
    if (values.length != conditions.length + 1) {
      throw new IllegalArgumentException("CASE needs one value per branch plus the ELSE value");
    }
    this.conditions = conditions.clone();
    this.values = values.clone();
  }

  @Override
  public ColumnData evaluate(VectorBatch input) {
    int rows = input.rowCount();
    int branches = conditions.length;
    int[] pick = new int[rows];
    Arrays.fill(pick, branches);
    for (int b = branches - 1; b >= 0; b--) {
      BoolData condition = (BoolData) conditions[b].evaluate(input);
      boolean[] truth = condition.values();
      boolean[] nulls = condition.nulls();
      for (int i = 0; i < rows; i++) {
        if (truth[i] && (nulls == null || !nulls[i])) {
          pick[i] = b;
        }
      }
    }
    ColumnData[] sources = new ColumnData[values.length];
    for (int k = 0; k < values.length; k++) {
      sources[k] = values[k].evaluate(input);
    }
    boolean[] nulls = new boolean[rows];
    boolean anyNull = false;
    for (int i = 0; i < rows; i++) {
      nulls[i] = sources[pick[i]].isNull(i);
      anyNull |= nulls[i];
    }
    boolean[] outNulls = anyNull ? nulls : null;
    ColumnData first = sources[0];
    if (first instanceof LongData) {
      long[][] from = new long[sources.length][];
      for (int k = 0; k < sources.length; k++) {
        from[k] = ((LongData) sources[k]).values();
      }
      long[] out = new long[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = from[pick[i]][i];
      }
      return new LongData(type, out, outNulls, rows);
    }
    if (first instanceof DoubleData) {
      double[][] from = new double[sources.length][];
      for (int k = 0; k < sources.length; k++) {
        from[k] = ((DoubleData) sources[k]).values();
      }
      double[] out = new double[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = from[pick[i]][i];
      }
      return new DoubleData(out, outNulls, rows);
    }
    if (first instanceof BoolData) {
      boolean[][] from = new boolean[sources.length][];
      for (int k = 0; k < sources.length; k++) {
        from[k] = ((BoolData) sources[k]).values();
      }
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = from[pick[i]][i];
      }
      return new BoolData(out, outNulls, rows);
    }
    StringColumnBuilder out = new StringColumnBuilder(rows, rows * 8);
    for (int i = 0; i < rows; i++) {
      if (nulls[i]) {
        out.endNullRow();
      } else {
        StringData source = (StringData) sources[pick[i]];
        out.append(source.bytes(), source.start(i), source.start(i + 1));
        out.endRow();
      }
    }
    return out.build();
  }
}
