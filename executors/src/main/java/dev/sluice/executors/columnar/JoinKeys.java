package dev.sluice.executors.columnar;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.util.Arrays;
import java.util.List;

/**
 * The join keys of one side of a hash join: a {@link BoundRef} key is the input column itself,
 * any other key expression is compiled once and evaluated per batch.
 */
final class JoinKeys {
  private final List<Expression> expressions;
  /** Per key: the input column of a BoundRef key, else -1. */
  private final int[] columns;
  /** Per key: the kernels of a computed key, else null. */
  private final CompiledExpression[] compiled;

  JoinKeys(List<Expression> expressions) {
    this.expressions = List.copyOf(expressions);
    this.columns = new int[expressions.size()];
    this.compiled = new CompiledExpression[expressions.size()];
    for (int k = 0; k < columns.length; k++) {
      Expression key = expressions.get(k);
      if (key instanceof BoundRef ref) {
        columns[k] = ref.index();
      } else {
        columns[k] = -1;
        compiled[k] = ExpressionEvaluator.compile(key);
      }
    }
  }

  int count() {
    return columns.length;
  }

  /** The input column that key {@code k} is, or -1 for a computed key. */
  int column(int k) {
    return columns[k];
  }

  /** The key columns of a batch, one per key, each of {@code batch.rowCount()} rows. */
  ColumnData[] evaluate(VectorBatch batch) {
    ColumnData[] keys = new ColumnData[columns.length];
    for (int k = 0; k < keys.length; k++) {
      if (columns[k] >= 0) {
        if (columns[k] >= batch.columns().size()) {
          throw new EngineException(ErrorCode.INTERNAL, "Join key " + expressions.get(k).sql() + " reads column "
              + columns[k] + " of an input with columns " + batch.schema() + " (this is a bug)");
        }
        keys[k] = batch.column(columns[k]);
      } else {
        keys[k] = compiled[k].evaluate(batch);
      }
    }
    return keys;
  }

  /** The row hashes of key columns ({@link ColumnHash}). */
  static long[] hash(ColumnData[] keys, int rows) {
    return ColumnHash.hash(Arrays.asList(keys), rows);
  }

  /** Per row, whether any key is null (such a row never matches), or null when no key has a null. */
  static boolean[] nullRows(ColumnData[] keys, int rows) {
    boolean[] out = null;
    for (ColumnData key : keys) {
      boolean[] nulls = key.nulls();
      if (nulls == null) {
        continue;
      }
      if (out == null) {
        out = new boolean[rows];
      }
      for (int i = 0; i < rows; i++) {
        out[i] |= nulls[i];
      }
    }
    return out;
  }

  /** The keys as SQL text, for messages. */
  String sql() {
    return expressions.stream().map(Expression::sql).toList().toString();
  }
}
