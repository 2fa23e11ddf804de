package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Joins two relations on {@code condition}, a predicate over the left columns followed by the
 * right ones. The output is the left columns then the right ones (only the left ones for semi and
 * anti joins); a right column whose name is already taken on the left is renamed
 * {@code <name>_right} (Sluice schemas have unique names; joining on column names with
 * {@code join(other, "k")} keeps one {@code k}, as Spark, so this shows only in joins on an
 * expression). Outer joins make the other side's columns null where nothing matched.
 */
public record JoinRelation(Relation left, Relation right, JoinType type, Expression condition) implements Relation {
  /**
   * A reserved qualifier meaning the left input of the join whose condition is being resolved:
   * {@code new ColumnRef(JoinRelation.LEFT, "k")} is the left side's {@code k} (as the left side
   * names it), whatever aliases the sides carry. The DataFrame API uses it for joins on column names.
   */
  public static final String LEFT = "#left";
  /** The reserved qualifier of the right input of the join being resolved; see {@link #LEFT}. */
  public static final String RIGHT = "#right";

  public JoinRelation {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(type, "type is null");
    requireNonNull(condition, "condition is null");
  }

  @Override
  public List<Relation> children() {
    return List.of(left, right);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new JoinRelation(children.get(0), children.get(1), type, condition);
  }

  /** The left columns followed by the right ones, as the condition sees them. */
  public Schema inputSchema() {
    return concatenate(left.schema(), right.schema());
  }

  @Override
  public Schema schema() {
    return type.leftOnly() ? left.schema() : inputSchema();
  }

  /** Left then right columns; clashing right names get {@code _right} appended (repeatedly if needed). */
  public static Schema concatenate(Schema left, Schema right) {
    List<Field> fields = new ArrayList<>(left.fields());
    Set<String> taken = new HashSet<>();
    left.fields().forEach(f -> taken.add(f.name()));
    for (Field field : right.fields()) {
      String name = field.name();
      while (taken.contains(name)) {
        name = name + "_right";
      }
      taken.add(name);
      fields.add(new Field(name, field.type()));
    }
    return new Schema(fields);
  }

  @Override
  public String describe() {
    return "Join " + type.displayName() + " on " + condition.sql();
  }

  @Override
  public boolean resolved() {
    return Relations.resolved(children(), List.of(condition));
  }
}
