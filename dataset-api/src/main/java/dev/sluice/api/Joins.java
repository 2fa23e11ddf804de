package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the relations of {@code DataFrame.join}. A join on a condition is a {@link JoinRelation}
 * whose condition refers to the sides through the join's reserved qualifiers where the user
 * qualified a column ({@code a.col("k")}, {@code col("o.k")}). A join on column names
 * ({@code join(other, "k")}) is a join on {@code #left.k = #right.k} under a projection that keeps
 * each key once, as Spark: the keys first (the left side's, the right side's for a right join, the
 * non-null one for a full join), then the other left columns, then the other right columns.
 */
final class Joins {
  private Joins() {}

  static DataFrame onCondition(DataFrame left, DataFrame right, Column condition, String joinType, Origin origin) {
    left.checkSession(right);
    JoinType type = type(joinType, origin);
    Expression bound = ColumnScopes.rewriteJoin(Column.toExpression(condition), left.scopes(), right.scopes());
    Relation node = new JoinRelation(left.relation(), right.relation(), type, bound);
    Relation parsed = new JoinRelation(left.parsed(), right.parsed(), type, bound);
    Map<String, String> leftNames = identity(left.schema());
    Map<String, String> rightNames = type.leftOnly() ? Map.of() : rightNames(left.schema(), right.schema());
    ColumnScopes scopes = left.scopes().through(leftNames).plus(right.scopes().through(rightNames));
    return left.derive(node, parsed, scopes, origin);
  }

  static DataFrame using(DataFrame left, DataFrame right, List<String> keys, String joinType, Origin origin) {
    left.checkSession(right);
    JoinType type = type(joinType, origin);
    if (keys.isEmpty()) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "A join on column names needs at least one column ("
          + origin + ")");
    }
    Expression condition = null;
    for (String key : keys) {
      requireColumn(left.schema(), key, "left", origin);
      requireColumn(right.schema(), key, "right", origin);
      Expression equal = new Comparison(Comparison.Op.EQUAL, new ColumnRef(ColumnScopes.LEFT, key),
          new ColumnRef(ColumnScopes.RIGHT, key));
      condition = condition == null ? equal : new And(condition, equal);
    }
    Relation join = DataFrame.analyze(new JoinRelation(left.relation(), right.relation(), type, condition), origin);
    Map<String, String> joinedRight = rightNames(left.schema(), right.schema());

    List<Expression> projections = new ArrayList<>();
    Map<String, String> leftOut = new LinkedHashMap<>();
    Map<String, String> rightOut = new LinkedHashMap<>();
    for (String key : keys) {
      ColumnRef leftKey = new ColumnRef(null, key);
      ColumnRef rightKey = new ColumnRef(null, joinedRight.get(key));
      Expression value = switch (type) {
        case RIGHT_OUTER -> new Alias(rightKey, key);
        case FULL_OUTER -> new Alias(new CaseWhen(List.of(new CaseWhen.Branch(new IsNull(leftKey, true), leftKey)),
            rightKey), key);
        case INNER, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> leftKey;
      };
      projections.add(value);
      leftOut.put(key, key);
      rightOut.put(key, key);
    }
    for (Field field : left.schema().fields()) {
      if (!keys.contains(field.name())) {
        projections.add(new ColumnRef(null, field.name()));
        leftOut.put(field.name(), field.name());
      }
    }
    if (!type.leftOnly()) {
      for (Field field : right.schema().fields()) {
        if (!keys.contains(field.name())) {
          String name = joinedRight.get(field.name());
          projections.add(new ColumnRef(null, name));
          rightOut.put(field.name(), name);
        }
      }
    }
    Relation node = new ProjectRelation(join, projections);
    Relation parsed = new ProjectRelation(new JoinRelation(left.parsed(), right.parsed(), type, condition),
        projections);
    ColumnScopes scopes = left.scopes().through(leftOut).plus(right.scopes().through(rightOut));
    return left.derive(node, parsed, scopes, origin);
  }

  private static JoinType type(String name, Origin origin) {
    try {
      return JoinType.fromName(java.util.Objects.requireNonNull(name, "joinType is null"));
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, e.getMessage() + " (" + origin + ")");
    }
  }

  private static void requireColumn(Schema schema, String key, String side, Origin origin) {
    if (schema.fields().stream().noneMatch(f -> f.name().equals(key))) {
      throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "USING column '" + key + "' is not a column of the "
          + side + " side, which has columns " + TypedColumns.names(schema) + " (" + origin + ")");
    }
  }

  private static Map<String, String> identity(Schema schema) {
    Map<String, String> names = new LinkedHashMap<>();
    schema.fields().forEach(f -> names.put(f.name(), f.name()));
    return names;
  }

  /** Each right column's name in the join's output (clashing names get {@code _right}). */
  private static Map<String, String> rightNames(Schema left, Schema right) {
    Schema joined = JoinRelation.concatenate(left, right);
    Map<String, String> names = new LinkedHashMap<>();
    int offset = left.fields().size();
    for (int i = 0; i < right.fields().size(); i++) {
      names.put(right.fields().get(i).name(), joined.fields().get(offset + i).name());
    }
    return names;
  }
}
