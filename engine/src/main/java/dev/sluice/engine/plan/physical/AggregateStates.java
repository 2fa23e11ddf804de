package dev.sluice.engine.plan.physical;

import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a partial aggregation emits per group and a final aggregation reads: the grouping
 * columns ({@code _g0, _g1...}), then per aggregate {@code i}:
 *
 * <ul>
 *   <li>{@code sum}: {@code _a<i>_sum}, of the sum's result type, null while no non-null input
 *       was seen;
 *   <li>{@code count}: {@code _a<i>_count}, int64, never null;
 *   <li>{@code avg}: {@code _a<i>_sum} (int64 for integer input, float64 for float64, decimal(38,s)
 *       for decimal(p,s)) and {@code _a<i>_count} (int64, non-null inputs seen);
 *   <li>{@code min}/{@code max}: {@code _a<i>_min}/{@code _a<i>_max} of the input type, null while
 *       no non-null input was seen.
 * </ul>
 */
public final class AggregateStates {
  private AggregateStates() {}

  /** The state columns of one aggregate. */
  public static List<Field> stateFields(int index, AggregateCall call) {
    String prefix = "_a" + index + "_";
    DataType input = call.input() == null ? null : call.input().dataType();
    return switch (call.function()) {
      case SUM -> List.of(new Field(prefix + "sum", call.dataType()));
      case COUNT -> List.of(new Field(prefix + "count", DataType.INT64));
      case AVG -> List.of(new Field(prefix + "sum", averageSumType(input)), new Field(prefix + "count", DataType.INT64));
      case MIN -> List.of(new Field(prefix + "min", input));
      case MAX -> List.of(new Field(prefix + "max", input));
    };
  }

  /** The type {@code avg} sums its input in. */
  public static DataType averageSumType(DataType input) {
    if (input instanceof DataType.Decimal d) {
      return new DataType.Decimal(38, d.scale());
    }
    return input instanceof DataType.Float64 ? DataType.FLOAT64 : DataType.INT64;
  }

  /** The layout of partial rows: grouping columns then every aggregate's state columns. */
  public static Schema partialSchema(List<Expression> groupings, List<AggregateCall> aggregates) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < groupings.size(); i++) {
      fields.add(new Field("_g" + i, groupings.get(i).dataType()));
    }
    for (int i = 0; i < aggregates.size(); i++) {
      if (aggregates.get(i).distinct()) {
        throw new IllegalArgumentException("distinct aggregate " + aggregates.get(i).sql()
            + " must be planned as a grouping first");
      }
      fields.addAll(stateFields(i, aggregates.get(i)));
    }
    return new Schema(fields);
  }

  /** How many state columns an aggregate has. */
  public static int stateWidth(AggregateFunction function) {
    return function == AggregateFunction.AVG ? 2 : 1;
  }
}
