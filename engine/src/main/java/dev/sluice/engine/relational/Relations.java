package dev.sluice.engine.relational;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/** What relation nodes share: resolution checks and output schemas of expression lists. */
final class Relations {
  private Relations() {}

  static boolean resolved(List<Relation> children, List<Expression> expressions) {
    for (Relation child : children) {
      if (!child.resolved()) {
        return false;
      }
    }
    for (Expression expression : expressions) {
      if (expression != null && !expression.resolved()) {
        return false;
      }
    }
    return true;
  }

  /** The columns a list of resolved expressions produces, named by {@link Expression#outputName()}. */
  static Schema schemaOf(List<Expression> expressions) {
    List<Field> fields = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      if (!expression.resolved()) {
        throw new IllegalStateException("expression " + expression.sql() + " is not resolved");
      }
      fields.add(new Field(expression.outputName(), expression.dataType()));
    }
    return new Schema(fields);
  }

  static Relation only(List<Relation> children, Relation node) {
    if (children.size() != 1) {
      throw new IllegalArgumentException(node.getClass().getSimpleName() + " takes one child, got " + children.size());
    }
    return children.get(0);
  }

  static String joined(List<Expression> expressions) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < expressions.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(expressions.get(i).sql());
    }
    return text.toString();
  }
}
