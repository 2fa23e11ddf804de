package dev.sluice.engine.relational.analysis;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns an expression can name, in input order: each has its (unique) name, its type and
 * the qualifiers it answers to. A column answers to an alias when an {@link AliasRelation} sits
 * above its producer with only unary nodes that pass it through in between (projections of the bare
 * column, filters, sorts, limits, grouping columns of an aggregate), and to
 * {@link JoinRelation#LEFT}/{@link JoinRelation#RIGHT} in the condition of the join it enters.
 *
 * <p>Matching is Spark's default: case-insensitive, with an exact match preferred.
 */
final class Scope {
  /**
   * One input column.
   *
   * @param name its name in the input schema
   * @param type its type
   * @param qualified the name it has under each qualifier that reaches it, in insertion order
   */
  record Column(String name, DataType type, Map<String, String> qualified) {
    Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      qualified = Collections.unmodifiableMap(new LinkedHashMap<>(qualified));
    }
  }

  private final List<Column> columns;

  private Scope(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The columns of an analyzed relation as its parent's expressions see them. */
  static Scope of(Relation relation) {
    return new Scope(columnsOf(relation));
  }

  /** The columns a join's condition sees: left then right, each side under its reserved qualifier. */
  static Scope forJoin(JoinRelation join) {
    List<Column> left = columnsOf(join.left());
    List<Column> right = columnsOf(join.right());
    Schema input = join.inputSchema();
    List<Column> columns = new ArrayList<>(left.size() + right.size());
    for (int i = 0; i < left.size(); i++) {
      columns.add(withQualifier(left.get(i), input.fields().get(i).name(), JoinRelation.LEFT, left.get(i).name()));
    }
    for (int i = 0; i < right.size(); i++) {
      Column column = right.get(i);
      columns.add(withQualifier(column, input.fields().get(left.size() + i).name(), JoinRelation.RIGHT, column.name()));
    }
    return new Scope(columns);
  }

  int size() {
    return columns.size();
  }

  Column column(int index) {
    return columns.get(index);
  }

  private static Column withQualifier(Column column, String name, String qualifier, String qualifiedName) {
    Map<String, String> qualified = new LinkedHashMap<>(column.qualified());
    qualified.put(qualifier, qualifiedName);
    return new Column(name, column.type(), qualified);
  }

  private static List<Column> columnsOf(Relation relation) {
    Schema schema = relation.schema();
    if (relation instanceof AliasRelation alias) {
      List<Column> columns = new ArrayList<>();
      for (Field field : schema.fields()) {
        columns.add(new Column(field.name(), field.type(), Map.of(alias.alias(), field.name())));
      }
      return columns;
    }
    if (relation instanceof FilterRelation || relation instanceof SortRelation || relation instanceof LimitRelation
        || relation instanceof TopNRelation || relation instanceof DistinctRelation) {
      return columnsOf(relation.children().get(0));
    }
    if (relation instanceof ProjectRelation project) {
      return passThrough(schema, project.projections(), List.of(), columnsOf(project.child()));
    }
    if (relation instanceof AggregateRelation aggregate) {
      return passThrough(schema, aggregate.outputs(), aggregate.groupings(), columnsOf(aggregate.child()));
    }
    if (relation instanceof JoinRelation join) {
      List<Column> both = new ArrayList<>(columnsOf(join.left()));
      if (!join.type().leftOnly()) {
        both.addAll(columnsOf(join.right()));
      }
      List<Column> columns = new ArrayList<>(both.size());
      for (int i = 0; i < both.size(); i++) {
        columns.add(new Column(schema.fields().get(i).name(), both.get(i).type(), both.get(i).qualified()));
      }
      return columns;
    }
    List<Column> columns = new ArrayList<>();
    for (Field field : schema.fields()) {
      columns.add(new Column(field.name(), field.type(), Map.of()));
    }
    return columns;
  }

  /**
   * Output columns of a projection: a bare input column keeps its qualifiers (for an aggregate,
   * only when it is one of the grouping columns).
   */
  private static List<Column> passThrough(Schema schema, List<Expression> outputs, List<Expression> groupings,
      List<Column> input) {
    List<Column> columns = new ArrayList<>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      Field field = schema.fields().get(i);
      Map<String, String> qualified = Map.of();
      if (outputs.get(i) instanceof BoundRef ref && ref.index() < input.size()
          && (groupings.isEmpty() || groupings.contains(ref))) {
        qualified = input.get(ref.index()).qualified();
      }
      columns.add(new Column(field.name(), field.type(), qualified));
    }
    return columns;
  }

  /**
   * The input column a reference names.
   *
   * @throws EngineException COLUMN_NOT_FOUND listing the columns, or AMBIGUOUS_REFERENCE
   */
  BoundRef resolve(ColumnRef ref) {
    if (ref.qualifier() == null) {
      List<Integer> matches = matches(ref.name(), null);
      if (matches.isEmpty() && ref.name().contains(".")) {
        int dot = ref.name().indexOf('.');
        ColumnRef split = new ColumnRef(ref.name().substring(0, dot), ref.name().substring(dot + 1));
        if (!matches(split.name(), split.qualifier()).isEmpty()) {
          return resolve(split);
        }
      }
      return bind(ref, matches);
    }
    return bind(ref, matches(ref.name(), ref.qualifier()));
  }

  private BoundRef bind(ColumnRef ref, List<Integer> matches) {
    if (matches.size() == 1) {
      int index = matches.get(0);
      return new BoundRef(index, columns.get(index).name(), columns.get(index).type());
    }
    if (matches.size() > 1) {
      List<String> names = new ArrayList<>();
      for (int index : matches) {
        names.add(columns.get(index).name());
      }
      throw new EngineException(ErrorCode.AMBIGUOUS_REFERENCE, "Column '" + ref.sql() + "' is ambiguous: it matches "
          + matches.size() + " input columns " + names + " (positions " + matches
          + "); qualify it with an alias (df.alias(\"a\") and col(\"a.name\")) or use the exact name");
    }
    throw notFound(ref);
  }

  /** Indexes answering to a name: exact matches if any, else case-insensitive ones. */
  private List<Integer> matches(String name, String qualifier) {
    List<Integer> exact = new ArrayList<>();
    List<Integer> loose = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (qualifier == null) {
        if (column.name().equals(name)) {
          exact.add(i);
        } else if (column.name().equalsIgnoreCase(name)) {
          loose.add(i);
        }
        continue;
      }
      boolean exactHit = false;
      boolean looseHit = false;
      for (Map.Entry<String, String> entry : column.qualified().entrySet()) {
        exactHit |= entry.getKey().equals(qualifier) && entry.getValue().equals(name);
        looseHit |= entry.getKey().equalsIgnoreCase(qualifier) && entry.getValue().equalsIgnoreCase(name);
      }
      if (exactHit) {
        exact.add(i);
      } else if (looseHit) {
        loose.add(i);
      }
    }
    return exact.isEmpty() ? loose : exact;
  }

  private EngineException notFound(ColumnRef ref) {
    if (ref.qualifier() == null) {
      List<String> names = columns.stream().map(Column::name).toList();
      return new EngineException(ErrorCode.COLUMN_NOT_FOUND,
          "Column '" + ref.name() + "' not found in " + names + suggestion(ref.name(), names, ""));
    }
    List<String> qualifiedNames = new ArrayList<>();
    Set<String> aliases = new LinkedHashSet<>();
    for (Column column : columns) {
      for (Map.Entry<String, String> entry : column.qualified().entrySet()) {
        if (!entry.getKey().startsWith("#")) {
          aliases.add(entry.getKey());
        }
        if (entry.getKey().equalsIgnoreCase(ref.qualifier())) {
          qualifiedNames.add(entry.getValue());
        }
      }
    }
    if (qualifiedNames.isEmpty()) {
      return new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + ref.sql() + "' not found: no input is "
          + (ref.qualifier().startsWith("#") ? "the join side '" + ref.qualifier() + "' here"
              : "aliased '" + ref.qualifier() + "' here (aliases: " + aliases + ")")
          + "; columns: " + columns.stream().map(Column::name).toList());
    }
    String prefix = ref.qualifier() + ".";
    return new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + ref.sql() + "' not found in "
        + qualifiedNames.stream().map(n -> prefix + n).toList() + suggestion(ref.name(), qualifiedNames, prefix));
  }

  /** "; did you mean 'x'?" for the closest name within a few edits, or nothing. */
  static String suggestion(String name, List<String> candidates, String prefix) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int distance = editDistance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    return best != null && bestDistance <= allowed ? "; did you mean '" + prefix + best + "'?" : "";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
