package dev.sluice.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.DataType;
import java.util.List;

/** Checks compiled expressions against {@link ReferenceEvaluator} row by row. */
final class ExpressionChecks {
  /** With nulls, without nulls, one row, no rows, only nulls. */
  static final List<VectorBatch> BATCHES = List.of(RandomRows.batch(1, 1500, true), RandomRows.batch(2, 700, false),
      RandomRows.batch(3, 1, true), RandomRows.batch(4, 0, true), RandomRows.allNulls(17));

  private ExpressionChecks() {}

  static void check(Expression expression) {
    for (VectorBatch batch : BATCHES) {
      check(expression, batch);
    }
  }

  static void check(Expression expression, VectorBatch batch) {
    Object[] expected = new Object[batch.rowCount()];
    boolean overflow = false;
    for (int i = 0; i < batch.rowCount(); i++) {
      try {
        expected[i] = ReferenceEvaluator.eval(expression, ColumnBuilder.row(batch, i));
      } catch (ReferenceEvaluator.Overflow e) {
        overflow = true;
      }
    }
    CompiledExpression compiled = ExpressionEvaluator.compile(expression);
    if (overflow) {
      assertThatThrownBy(() -> compiled.evaluate(batch))
          .as("%s overflows", expression.sql())
          .isInstanceOf(EngineException.class)
          .hasMessageContaining(expression.sql())
          .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
      return;
    }
    ColumnData actual = compiled.evaluate(batch);
    assertThat(actual.size()).as("rows of %s", expression.sql()).isEqualTo(batch.rowCount());
    DataType type = expression.dataType();
    assertThat(actual.type()).as("type of %s", expression.sql()).isEqualTo(type);
    for (int i = 0; i < batch.rowCount(); i++) {
      Object value = actual.getObject(i);
      if (!same(expected[i], value)) {
        fail("%s at row %d %s: expected %s but got %s", expression.sql(), i,
            java.util.Arrays.toString(ColumnBuilder.row(batch, i)), describe(expected[i]), describe(value));
      }
    }
  }

  private static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    // Double.equals tells NaN and -0.0 apart as the kernels must; BigDecimal.equals checks the scale.
    return expected.getClass() == actual.getClass() && expected.equals(actual);
  }

  private static String describe(Object value) {
    return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
  }
}
