package dev.sluice.engine.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Rows of a columnar operator in Java arrays: what expressions evaluate over and what fused
 * operators (filter → project → partial aggregate) hand each other inside one task. Between tasks
 * and at every other operator boundary data is Arrow ({@link ArrowColumns} converts).
 *
 * @param schema the columns' names and types
 * @param columns one per schema field, each of {@code rowCount} rows
 * @param rowCount how many rows
 */
public record VectorBatch(Schema schema, List<ColumnData> columns, int rowCount) {
  public VectorBatch {
    requireNonNull(schema, "schema is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    if (columns.size() != schema.fields().size()) {
      throw new IllegalArgumentException(
          "schema has " + schema.fields().size() + " columns, got " + columns.size() + " column vectors");
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).size() != rowCount) {
        throw new IllegalArgumentException("column " + schema.fields().get(i).name() + " has "
            + columns.get(i).size() + " rows, expected " + rowCount);
      }
    }
  }

  public ColumnData column(int index) {
    return columns.get(index);
  }

  /** The rows {@code selection[0..count)}, in that order. */
  public VectorBatch gather(int[] selection, int count) {
    return new VectorBatch(schema, columns.stream().map(c -> c.gather(selection, count)).toList(), count);
  }
}
