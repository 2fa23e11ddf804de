package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.RelationRewrites;
import dev.sluice.engine.vector.ExpressionEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates every expression that reads no column once, at planning time, and puts its value in
 * its place (output columns keep their names).
 *
 * <pre>
 * Filter l_shipdate &lt;= date_add(DATE '1998-12-01', -90)   =&gt;   Filter l_shipdate &lt;= DATE '1998-09-02'
 * </pre>
 */
public final class ConstantFolding implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformUp(relation, node -> RelationRewrites.mapExpressions(node, ConstantFolding::fold));
  }

  /** The expression with its largest foldable subtrees replaced by literals. */
  static Expression fold(Expression expression) {
    if (expression instanceof Literal) {
      return expression;
    }
    if (!(expression instanceof Alias) && expression.foldable()) {
      return new Literal(ExpressionEvaluator.evaluateConstant(expression), expression.dataType());
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> folded = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression next = fold(child);
      changed |= next != child;
      folded.add(next);
    }
    return changed ? expression.withChildren(folded) : expression;
  }
}
