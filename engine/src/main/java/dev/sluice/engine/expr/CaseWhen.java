package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE otherwise END}: the value of the first branch
 * whose condition is true (null conditions count as false), else {@code otherwise} (a typed null
 * literal when the user gave none). After analysis every value has the same type.
 */
public record CaseWhen(List<Branch> branches, Expression otherwise) implements Expression {
  /** One {@code WHEN condition THEN value}. */
  public record Branch(Expression condition, Expression value) {
    public Branch {
      requireNonNull(condition, "condition is null");
      requireNonNull(value, "value is null");
    }
  }

  public CaseWhen {
    branches = List.copyOf(requireNonNull(branches, "branches is null"));
    requireNonNull(otherwise, "otherwise is null");
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("CASE needs at least one WHEN branch");
    }
  }

  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(branches.size() * 2 + 1);
    for (Branch branch : branches) {
      children.add(branch.condition());
      children.add(branch.value());
    }
    children.add(otherwise);
    return children;
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    List<Branch> rebuilt = new ArrayList<>(branches.size());
    for (int i = 0; i < branches.size(); i++) {
      rebuilt.add(new Branch(children.get(2 * i), children.get(2 * i + 1)));
    }
    return new CaseWhen(rebuilt, children.get(children.size() - 1));
  }

  @Override
  public DataType dataType() {
    return otherwise.dataType();
  }

  @Override
  public String sql() {
    StringBuilder text = new StringBuilder("CASE");
    for (Branch branch : branches) {
      text.append(" WHEN ").append(branch.condition().sql()).append(" THEN ").append(branch.value().sql());
    }
    return text.append(" ELSE ").append(otherwise.sql()).append(" END").toString();
  }
}
