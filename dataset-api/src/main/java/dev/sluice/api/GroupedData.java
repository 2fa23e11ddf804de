package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a DataFrame grouped by some columns ({@code df.groupBy("k")}), waiting for an
 * aggregation, as Spark's {@code RelationalGroupedDataset}. Every method returns a DataFrame with
 * the grouping columns first, then one column per aggregate.
 */
public final class GroupedData {
  private final DataFrame frame;
  private final List<Expression> groupings;

  GroupedData(DataFrame frame, List<Expression> groupings) {
    this.frame = requireNonNull(frame, "frame is null");
    this.groupings = List.copyOf(groupings);
  }

  /** The grouping columns and the given aggregates ({@code sum(col("x")).alias("total")}...). */
  public DataFrame agg(Column aggregate, Column... more) {
    List<Column> all = new ArrayList<>();
    all.add(requireNonNull(aggregate, "aggregate is null"));
    all.addAll(List.of(more));
    return aggregate(all, CallSite.of("agg"));
  }

  /** The grouping columns and the given aggregates. */
  public DataFrame agg(List<Column> aggregates) {
    return aggregate(aggregates, CallSite.of("agg"));
  }

  /** The number of rows of each group, as column {@code count}. */
  public DataFrame count() {
    return aggregate(List.of(new Column(new Alias(AggregateCall.countStar(), "count"))), CallSite.of("count"));
  }

  /** The sum of each named column (of every numeric column when none is named). */
  public DataFrame sum(String... columnNames) {
    return numeric(AggregateFunction.SUM, columnNames, CallSite.of("sum"));
  }

  /** The average of each named column (of every numeric column when none is named). */
  public DataFrame avg(String... columnNames) {
    return numeric(AggregateFunction.AVG, columnNames, CallSite.of("avg"));
  }

  /** Same as {@link #avg(String...)}. */
  public DataFrame mean(String... columnNames) {
    return numeric(AggregateFunction.AVG, columnNames, CallSite.of("mean"));
  }

  /** The smallest value of each named column (of every numeric column when none is named). */
  public DataFrame min(String... columnNames) {
    return numeric(AggregateFunction.MIN, columnNames, CallSite.of("min"));
  }

  /** The largest value of each named column (of every numeric column when none is named). */
  public DataFrame max(String... columnNames) {
    return numeric(AggregateFunction.MAX, columnNames, CallSite.of("max"));
  }

  private DataFrame numeric(AggregateFunction function, String[] columnNames, Origin origin) {
    List<String> names = new ArrayList<>(List.of(columnNames));
    if (names.isEmpty()) {
      for (Field field : frame.schema().fields()) {
        DataType type = field.type();
        if (type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Float64
            || type instanceof DataType.Decimal) {
          names.add(field.name());
        }
      }
    }
    List<Column> aggregates = new ArrayList<>();
    for (String name : names) {
      DataType type = frame.schema().fields().stream().filter(f -> f.name().equals(name)).map(Field::type)
          .findFirst().orElse(null);
      if (type != null && !(type instanceof DataType.Int32 || type instanceof DataType.Int64
          || type instanceof DataType.Float64 || type instanceof DataType.Decimal)) {
        throw new EngineException(ErrorCode.TYPE_MISMATCH, "\"" + name + "\" is not a numeric column (it is "
            + type.displayName() + "); " + function.sqlName() + " of a grouped DataFrame takes numeric columns ("
            + origin + ")");
      }
      aggregates.add(new Column(new AggregateCall(function, new ColumnRef(null, name), false)));
    }
    return aggregate(aggregates, origin);
  }

  private DataFrame aggregate(List<Column> aggregates, Origin origin) {
    List<Expression> outputs = new ArrayList<>(groupings);
    for (Column aggregate : aggregates) {
      outputs.add(frame.bind(aggregate));
    }
    return frame.aggregate(groupings, outputs, origin);
  }
}
