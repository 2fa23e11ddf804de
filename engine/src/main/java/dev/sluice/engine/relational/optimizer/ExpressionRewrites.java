package dev.sluice.engine.relational.optimizer;

import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Rewrites of resolved expressions that rules and the planner share: which input columns an
 * expression reads, re-pointing its column references, substituting a projection's expressions
 * for the columns it produced, and keeping an output column's name across a rewrite.
 */
public final class ExpressionRewrites {
  private ExpressionRewrites() {}

  /** The expression rebuilt bottom-up with {@code rule} applied to every node (children first). */
  public static Expression transformUp(Expression expression, UnaryOperator<Expression> rule) {
    List<Expression> children = expression.children();
    if (!children.isEmpty()) {
      List<Expression> rewritten = new ArrayList<>(children.size());
      boolean changed = false;
      for (Expression child : children) {
        Expression next = transformUp(child, rule);
        changed |= next != child;
        rewritten.add(next);
      }
      if (changed) {
        expression = expression.withChildren(rewritten);
      }
    }
    return rule.apply(expression);
  }

  /** The input column indexes the expression reads. */
  public static BitSet references(Expression expression) {
    BitSet columns = new BitSet();
    addReferences(expression, columns);
    return columns;
  }

  /** Adds the input column indexes the expression reads to {@code columns}. */
  public static void addReferences(Expression expression, BitSet columns) {
    if (expression instanceof BoundRef ref) {
      columns.set(ref.index());
      return;
    }
    for (Expression child : expression.children()) {
      addReferences(child, columns);
    }
  }

  /** Every column reference re-pointed to {@code mapping(index)} (names and types kept). */
  public static Expression remap(Expression expression, IntUnaryOperator mapping) {
    return transformUp(expression, node -> {
      if (node instanceof BoundRef ref) {
        int index = mapping.applyAsInt(ref.index());
        if (index < 0) {
          throw new IllegalStateException("column " + ref.name() + "#" + ref.index() + " was pruned but is still read");
        }
        return index == ref.index() ? ref : new BoundRef(index, ref.name(), ref.type());
      }
      return node;
    });
  }

  /** Every column reference re-pointed to {@code mapping(index)} and renamed as {@code target} names it. */
  public static Expression rebind(Expression expression, IntUnaryOperator mapping, Schema target) {
    return transformUp(expression, node -> {
      if (node instanceof BoundRef ref) {
        int index = mapping.applyAsInt(ref.index());
        Field field = target.fields().get(index);
        return new BoundRef(index, field.name(), ref.type());
      }
      return node;
    });
  }

  /**
   * The expression with each column reference {@code i} replaced by what {@code projections[i]}
   * computes (its alias removed): an expression over a projection's output becomes one over the
   * projection's input.
   */
  public static Expression substitute(Expression expression, List<Expression> projections) {
    return transformUp(expression, node -> node instanceof BoundRef ref ? stripAlias(projections.get(ref.index()))
        : node);
  }

  /** The expression without the aliases at its top ({@code (a + 1) AS x} is {@code a + 1}). */
  public static Expression stripAlias(Expression expression) {
    return expression instanceof Alias alias ? stripAlias(alias.child()) : expression;
  }

  /**
   * {@code rewritten}, named as {@code original} was when it was selected: an alias is added when
   * the rewrite changed the output name (for output columns whose names must not move).
   */
  public static Expression keepName(Expression original, Expression rewritten) {
    String name = original.outputName();
    return rewritten.outputName().equals(name) ? rewritten : new Alias(stripAlias(rewritten), name);
  }

  /** A column reference to each column of a schema, in order. */
  public static List<Expression> columns(Schema schema) {
    List<Expression> columns = new ArrayList<>(schema.fields().size());
    for (int i = 0; i < schema.fields().size(); i++) {
      Field field = schema.fields().get(i);
      columns.add(new BoundRef(i, field.name(), field.type()));
    }
    return columns;
  }
}
