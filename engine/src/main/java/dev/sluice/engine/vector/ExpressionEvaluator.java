package dev.sluice.engine.vector;

import dev.sluice.engine.expr.Expression;

/** Compiles resolved expressions into vectorized kernels. PLACEHOLDER: to be built. */
public final class ExpressionEvaluator {
  private ExpressionEvaluator() {}

  /** Kernels for a resolved expression (no ColumnRef, no AggregateCall). */
  public static CompiledExpression compile(Expression resolved) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The value of a foldable expression (no column reads), as a Literal holds it, or null. */
  public static Object evaluateConstant(Expression foldable) {
    throw new UnsupportedOperationException("not built yet");
  }
}
