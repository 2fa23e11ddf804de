package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The qualifiers a DataFrame's columns answer to, so that Spark-style references keep working
 * after the DataFrame is transformed: {@code o.col("k")} of {@code o = orders.alias("o")} after
 * a join, or {@code left.col("k")} in a join condition. Each DataFrame has a hidden qualifier of
 * its own (what {@code df.col(name)} uses when the DataFrame has no alias), plus its alias, plus
 * those of its inputs whose columns it passes through, each mapping the names the qualifier knows
 * to the names the columns have now (a join renames clashing right columns {@code name_right}).
 *
 * <p>Before a relation is analyzed, the DataFrame rewrites references with a known qualifier to
 * plain column names (or, in a join condition, to the join's reserved side qualifiers); references
 * with an unknown qualifier are left to the analyzer.
 */
final class ColumnScopes {
  /** The join's reserved qualifier of its left input. */
  static final String LEFT = JoinRelation.LEFT;
  /** The join's reserved qualifier of its right input. */
  static final String RIGHT = JoinRelation.RIGHT;

  /** qualifier → (name through the qualifier → current column name). */
  private final Map<String, Map<String, String>> scopes;

  private ColumnScopes(Map<String, Map<String, String>> scopes) {
    this.scopes = scopes;
  }

  /** One qualifier reaching every column of {@code schema} by its own name. */
  static ColumnScopes of(String qualifier, Schema schema) {
    return new ColumnScopes(Map.of()).with(qualifier, schema);
  }

  /** These scopes plus {@code qualifier} reaching every column of {@code schema}. */
  ColumnScopes with(String qualifier, Schema schema) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>(scopes);
    Map<String, String> identity = new LinkedHashMap<>();
    for (Field field : schema.fields()) {
      identity.put(field.name(), field.name());
    }
    copy.put(requireNonNull(qualifier, "qualifier is null"), Collections.unmodifiableMap(identity));
    return new ColumnScopes(Collections.unmodifiableMap(copy));
  }

  /**
   * The scopes after an operation that passes input columns through under new names
   * ({@code renames}: input name → output name; columns not in it are gone).
   */
  ColumnScopes through(Map<String, String> renames) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> scope : scopes.entrySet()) {
      Map<String, String> mapped = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : scope.getValue().entrySet()) {
        String now = renames.get(entry.getValue());
        if (now != null) {
          mapped.put(entry.getKey(), now);
        }
      }
      out.put(scope.getKey(), Collections.unmodifiableMap(mapped));
    }
    return new ColumnScopes(Collections.unmodifiableMap(out));
  }

  /** Both sets of scopes (a qualifier known to both keeps the first's columns). */
  ColumnScopes plus(ColumnScopes other) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>(other.scopes);
    out.putAll(scopes);
    return new ColumnScopes(Collections.unmodifiableMap(out));
  }

  boolean knows(String qualifier) {
    return scopes.containsKey(qualifier);
  }

  /** The current names of the columns {@code qualifier} reaches, in order. */
  List<String> columnsOf(String qualifier) {
    return new ArrayList<>(scopes.get(qualifier).values());
  }

  /**
   * {@code expression} with every reference whose qualifier these scopes know replaced by a
   * reference to the current column name, qualified by {@code side} (null: unqualified).
   *
   * @throws EngineException COLUMN_NOT_FOUND when the qualifier does not reach that column
   */
  Expression rewrite(Expression expression, String side) {
    return rewrite(expression, this, side, null, null);
  }

  /**
   * A join condition with references qualified by either input rewritten to the join's reserved
   * side qualifiers ({@link #LEFT}, {@link #RIGHT}).
   *
   * @throws EngineException AMBIGUOUS_REFERENCE when both inputs know the qualifier (a self-join
   *     without aliases)
   */
  static Expression rewriteJoin(Expression expression, ColumnScopes left, ColumnScopes right) {
    return rewrite(expression, left, LEFT, right, RIGHT);
  }

  private static Expression rewrite(Expression expression, ColumnScopes first, String firstSide,
      ColumnScopes second, String secondSide) {
    if (expression instanceof ColumnRef ref) {
      String qualifier = ref.qualifier();
      if (qualifier == null) {
        return ref;
      }
      boolean inFirst = first.knows(qualifier);
      boolean inSecond = second != null && second.knows(qualifier);
      if (inFirst && inSecond) {
        throw new EngineException(ErrorCode.AMBIGUOUS_REFERENCE, "Column '" + display(ref)
            + "' is ambiguous: both sides of the join come from the same DataFrame; give them different "
            + "aliases (df.alias(\"a\"), df.alias(\"b\")) and qualify the columns by those");
      }
      if (inFirst) {
        return first.resolve(ref, firstSide);
      }
      if (inSecond) {
        return second.resolve(ref, secondSide);
      }
      // the hidden qualifier of a DataFrame whose columns are not traced here: match by name
      return qualifier.startsWith("#df") ? new ColumnRef(null, ref.name()) : ref;
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression next = rewrite(child, first, firstSide, second, secondSide);
      rewritten.add(next);
      changed |= next != child;
    }
    return changed ? expression.withChildren(rewritten) : expression;
  }

  private Expression resolve(ColumnRef ref, String side) {
    Map<String, String> columns = scopes.get(ref.qualifier());
    if (ref.name().equals("*")) {
      return ref;
    }
    String now = columns.get(ref.name());
    if (now == null) {
      throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + display(ref) + "' does not exist: "
          + (ref.qualifier().startsWith("#") ? "that DataFrame" : "'" + ref.qualifier() + "'")
          + " has columns " + new ArrayList<>(columns.keySet())
          + (columns.isEmpty() ? " (none of its columns are left here)" : ""));
    }
    return new ColumnRef(side, now);
  }

  /** A reference as the user wrote it (the hidden qualifier of a DataFrame is left out). */
  static String display(ColumnRef ref) {
    return ref.qualifier() == null || ref.qualifier().startsWith("#") ? ref.name() : ref.sql();
  }
}
