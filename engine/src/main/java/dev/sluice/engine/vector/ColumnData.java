package dev.sluice.engine.vector;

import dev.sluice.engine.types.DataType;

/**
 * One column of a {@link VectorBatch}: values in plain Java arrays, the form the columnar kernels
 * compute on (tight loops the JIT vectorizes, no bounds or null checks per access). Columns are
 * read from Arrow buffers by address and written back to Arrow at operator boundaries
 * ({@link ArrowColumns}).
 *
 * <p>Representation by type: int32, int64, date32 (days since the epoch) and decimal (the unscaled
 * value; see {@link LongData}) are {@link LongData}; float64 is {@link DoubleData}; boolean is
 * {@link BoolData}; utf8 is {@link StringData}. {@code nulls} is {@code null} when the column has
 * no nulls, else {@code nulls[i]} says row {@code i} is null (its value slot is then unspecified).
 *
 * <p>Arrays may be longer than {@link #size()}; only the first {@code size()} entries count. A
 * column is not modified after it was handed on.
 */
public sealed interface ColumnData permits LongData, DoubleData, BoolData, StringData {
  DataType type();

  int size();

  /** The null flags, or {@code null} when no row is null. */
  boolean[] nulls();

  default boolean isNull(int row) {
    boolean[] nulls = nulls();
    return nulls != null && nulls[row];
  }

  /**
   * The value of a row as a Java object, the way {@link dev.sluice.engine.expr.Literal} holds it
   * (Integer, Long, Double, Boolean, String, LocalDate, BigDecimal), or null. For tests, display
   * and driver-side rows, not for kernels.
   */
  Object getObject(int row);

  /** A new column holding rows {@code selection[0..count)} of this one, in that order. */
  ColumnData gather(int[] selection, int count);
}
