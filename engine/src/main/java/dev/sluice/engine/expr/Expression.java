package dev.sluice.engine.expr;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * A column expression of the columnar API, as an immutable tree. Expressions are built
 * <em>unresolved</em> by the user ({@link ColumnRef} names a column), and the analyzer
 * <em>resolves</em> them against the schema of their input: every {@link ColumnRef} becomes a
 * {@link BoundRef} (an input column index and its type), and implicit casts are inserted so that
 * the operands of every operator have the types its contract names (see each record). Only
 * resolved expressions are planned and evaluated; {@link #dataType()} is defined only for them.
 *
 * <p>Null semantics are SQL's: an operator with a null operand gives null, except {@link And} /
 * {@link Or} (three-valued logic), {@link IsNull}, {@link CaseWhen} and {@code concat} (null if any
 * argument is null, as Spark).
 */
public sealed interface Expression
    permits ColumnRef,
        BoundRef,
        Literal,
        Arithmetic,
        Comparison,
        And,
        Or,
        Not,
        IsNull,
        Cast,
        CaseWhen,
        InList,
        ScalarCall,
        Alias,
        AggregateCall {

  List<Expression> children();

  /** This expression with other children (same count, same order), as a new expression. */
  Expression withChildren(List<Expression> children);

  /**
   * The type of the value, for a resolved expression.
   *
   * @throws IllegalStateException when the expression is not resolved
   */
  DataType dataType();

  /** SQL-like text, as shown by explain and used as the default output column name. */
  String sql();

  /** Whether no {@link ColumnRef} is left in this tree. */
  default boolean resolved() {
    for (Expression child : children()) {
      if (!child.resolved()) {
        return false;
      }
    }
    return true;
  }

  /** Whether this tree contains an {@link AggregateCall}. */
  default boolean containsAggregate() {
    if (this instanceof AggregateCall) {
      return true;
    }
    for (Expression child : children()) {
      if (child.containsAggregate()) {
        return true;
      }
    }
    return false;
  }

  /** Whether evaluating this tree reads no column (so it can be folded to a literal). */
  default boolean foldable() {
    if (this instanceof ColumnRef || this instanceof BoundRef || this instanceof AggregateCall) {
      return false;
    }
    for (Expression child : children()) {
      if (!child.foldable()) {
        return false;
      }
    }
    return true;
  }

  /** The name of the output column this expression produces when it is selected. */
  default String outputName() {
    return sql();
  }
}
