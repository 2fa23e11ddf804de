package dev.sluice.executors.columnar;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import java.util.List;

/**
 * The running value of one aggregate for every group of a {@link GroupTable}, in primitive arrays
 * indexed by group id (no object per group or row). Input arrives batch by batch with the group id
 * of each row: raw input values ({@link #update}) or the state columns of partial aggregates
 * ({@link #merge}). Values leave as state columns ({@link #states}, the partial layout of
 * {@code AggregateStates}, and the spill form) or as final values ({@link #results}).
 *
 * <p>Columns are in the internal form of {@link WideLayout}: a 128-bit decimal (a decimal sum) is
 * two int64 columns, low words with the null flags, then high words.
 */
abstract class GroupAccumulator {
  /** Initial capacity, in groups. */
  static final int INITIAL_GROUPS = GroupKeyColumn.INITIAL_GROUPS;

  /**
   * The accumulator of one aggregate call.
   *
   * @param call the call, as the plan has it (its input type is the raw input's type)
   * @param mode the phase: {@code FINAL} merges state columns of the sum type rather than input;
   *     {@code COMPLETE} spills states at the input scale
   */
  static GroupAccumulator of(AggregateCall call, AggregateMode mode) {
    DataType input = call.input() == null ? null : call.input().dataType();
    return switch (call.function()) {
      case COUNT -> new CountAccumulator(call.input() == null);
      case SUM -> sum(input, call.dataType(), mode);
      case AVG -> new AverageAccumulator(input, call.dataType());
      case MIN -> MinMaxAccumulator.of(input, false);
      case MAX -> MinMaxAccumulator.of(input, true);
    };
  }

  private static GroupAccumulator sum(DataType input, DataType result, AggregateMode mode) {
    if (result instanceof DataType.Decimal decimal) {
      int inputScale = ((DataType.Decimal) input).scale();
      return switch (mode) {
        case PARTIAL -> new DecimalSumAccumulator(inputScale, decimal.scale(), decimal.scale());
        case COMPLETE -> new DecimalSumAccumulator(inputScale, inputScale, decimal.scale());
        case FINAL -> new DecimalSumAccumulator(decimal.scale(), decimal.scale(), decimal.scale());
      };
    }
    return result instanceof DataType.Float64 ? new DoubleSumAccumulator() : new LongSumAccumulator();
  }

  /** Makes room for groups {@code [0, groups)}; groups not seen before start empty. */
  abstract void ensureGroups(int groups);

  /**
   * Adds raw input rows {@code [0, rows)}: row {@code i} belongs to group {@code groupIds[i]}.
   *
   * @param input the aggregate's input column, or null for {@code count(*)}
   */
  abstract void update(ColumnData input, int[] groupIds, int rows);

  /** How many internal state columns this aggregate has. */
  /**
   * {@link #update} with every row in group 0 (an aggregate without grouping keys); accumulators
   * override it to add in a local variable instead of through a group id per row.
   */
  void updateSingle(ColumnData input, int rows) {
    update(input, new int[rows], rows);
  }

  abstract int stateWidth();

  /** Merges state rows: this aggregate's state columns are {@code columns[first, first + stateWidth())}. */
  abstract void merge(List<ColumnData> columns, int first, int[] groupIds, int rows);

  /** Appends the state columns of groups {@code groups[0..count)} to {@code out}. */
  abstract void states(int[] groups, int count, List<ColumnData> out);

  /** Appends the final value column(s) of groups {@code groups[0..count)} to {@code out}. */
  abstract void results(int[] groups, int count, List<ColumnData> out);

  /** Bytes held. */
  abstract long memoryBytes();

  /** Forgets every group. */
  abstract void clear();

  /** The null flags of groups {@code groups[0..count)} that saw no value, or null if all did. */
  static boolean[] unseen(boolean[] seen, int[] groups, int count) {
    boolean[] nulls = null;
    for (int i = 0; i < count; i++) {
      if (!seen[groups[i]]) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[i] = true;
      }
    }
    return nulls;
  }

  /** The capacity to grow an array of {@code length} groups to, for {@code groups} groups. */
  static int grown(int length, int groups) {
    return GroupKeyColumn.grown(length, groups);
  }
}
