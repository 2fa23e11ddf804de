package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/** Reads Arrow batches back as rows of Java values (as {@code Literal} holds them), through Arrow's own getters. */
public final class ArrowValues {
  private ArrowValues() {}

  /** The rows of a batch. */
  public static List<List<Object>> rows(Batch batch) {
    int rows = batch.rowCount();
    List<List<Object>> out = new ArrayList<>(rows);
    List<FieldVector> vectors = batch.root().getFieldVectors();
    for (int i = 0; i < rows; i++) {
      Object[] row = new Object[vectors.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = value(vectors.get(c), i);
      }
      out.add(Arrays.asList(row));
    }
    return out;
  }

  static Object value(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof DateDayVector dates) {
      return LocalDate.ofEpochDay(dates.get(row));
    }
    if (vector instanceof VarCharVector strings) {
      return strings.getObject(row).toString();
    }
    return vector.getObject(row);
  }

  /** Every row an operator produces (closing each batch); fails on an empty batch. */
  public static List<List<Object>> drain(Operator operator) {
    List<List<Object>> out = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        if (owned.rowCount() == 0) {
          throw new AssertionError("empty batch");
        }
        out.addAll(rows(owned));
      }
    }
    return out;
  }

  /** Every batch an operator produces, still open (the caller closes them). */
  public static List<Batch> batches(Operator operator) {
    List<Batch> out = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      out.add(batch);
    }
    return out;
  }
}
