package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the values of sort keys over batches. A key that is a plain column ({@link BoundRef},
 * perhaps under an {@link Alias}) reads only that column; any other key is compiled once with {@link ExpressionEvaluator} and
 * evaluated over all the batch's columns. Thread-confined, as compiled expressions are.
 */
public final class SortKeyEvaluator {
  /** The keys, resolved over the batches' columns. */
  private final List<SortKey> keys;
  /** Each key's expression, aliases removed. */
  private final Expression[] expressions;
  /** The compiled form of each key that is not a plain column, compiled on first use. */
  private final CompiledExpression[] compiled;

  public SortKeyEvaluator(List<SortKey> keys) {
    this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
    this.expressions = new Expression[keys.size()];
    this.compiled = new CompiledExpression[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      Expression expression = keys.get(k).expression();
      while (expression instanceof Alias alias) {
        expression = alias.child();
      }
      expressions[k] = expression;
    }
  }

  public List<SortKey> keys() {
    return keys;
  }

  /** One column per key, each of {@code batch.rowCount()} rows; the batch stays the caller's. */
  public List<ColumnData> evaluate(Batch batch) {
    int rows = batch.rowCount();
    List<ColumnData> out = new ArrayList<>(keys.size());
    VectorBatch whole = null;
    for (int k = 0; k < keys.size(); k++) {
      if (expressions[k] instanceof BoundRef ref) {
        out.add(ArrowColumns.read(batch.root().getVector(ref.index()), rows));
      } else {
        if (whole == null) {
          whole = ArrowColumns.read(batch);
        }
        out.add(compiled(k).evaluate(whole));
      }
    }
    return out;
  }

  /** One column per key over columns already read. */
  public List<ColumnData> evaluate(VectorBatch batch) {
    List<ColumnData> out = new ArrayList<>(keys.size());
    for (int k = 0; k < keys.size(); k++) {
      out.add(expressions[k] instanceof BoundRef ref ? batch.column(ref.index()) : compiled(k).evaluate(batch));
    }
    return out;
  }

  private CompiledExpression compiled(int k) {
    if (compiled[k] == null) {
      compiled[k] = ExpressionEvaluator.compile(expressions[k]);
    }
    return compiled[k];
  }
}
