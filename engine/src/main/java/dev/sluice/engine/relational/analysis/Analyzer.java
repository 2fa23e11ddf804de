package dev.sluice.engine.relational.analysis;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DatasetRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves columns and types of a relation tree, bottom-up, failing before anything runs:
 *
 * <ul>
 *   <li>every {@code ColumnRef} becomes a {@code BoundRef} into its input's columns (a unary
 *       node's child, a join's left then right columns); qualifiers come from
 *       {@link AliasRelation}s and the reserved {@link JoinRelation#LEFT}/{@link JoinRelation#RIGHT}
 *       (see {@link Scope}); unknown → COLUMN_NOT_FOUND with the available columns and the closest
 *       name, several matches → AMBIGUOUS_REFERENCE;
 *   <li>casts are inserted so every expression meets its record's contract ({@link TypeCoercion});
 *       operands that no cast can fix → TYPE_MISMATCH naming the expression and the types;
 *   <li>aggregates: outputs may use grouping expressions and aggregate calls, anything else →
 *       INVALID_QUERY; aggregate calls anywhere else → INVALID_QUERY, except a {@code select} made
 *       only of aggregates, which becomes a global aggregate (as Spark's {@code select(sum(x))});
 *   <li>{@link DistinctRelation} becomes an aggregate grouping by every column; a union's inputs
 *       get projections casting them to the columns' common types.
 * </ul>
 *
 * <p>Analysis is idempotent: an analyzed subtree comes back as the same object, so the DataFrame
 * API can analyze each new node over analyzed children. {@link AliasRelation}s stay (their
 * qualifiers are needed by later calls); the optimizer drops them.
 */
public final class Analyzer {
  private Analyzer() {}

  /**
   * The tree with every expression resolved (children already resolved are kept as they are).
   *
   * @throws EngineException COLUMN_NOT_FOUND, AMBIGUOUS_REFERENCE, TYPE_MISMATCH or INVALID_QUERY
   *     naming the column or expression and what is available
   */
  public static Relation analyze(Relation relation) {
    if (relation instanceof ScanRelation scan) {
      if (scan.filter() == null) {
        return scan;
      }
      Expression filter = ExpressionAnalyzer.analyzeCondition(scan.filter(), Scope.of(scan), "scan filter");
      return filter == scan.filter() ? scan : new ScanRelation(scan.source(), scan.columns(), filter);
    }
    if (relation instanceof LocalRelation || relation instanceof DatasetRelation) {
      return relation;
    }
    if (relation instanceof ProjectRelation project) {
      return analyzeProject(project);
    }
    if (relation instanceof FilterRelation filter) {
      Relation child = analyze(filter.child());
      Expression condition = ExpressionAnalyzer.analyzeCondition(filter.condition(), Scope.of(child),
          "filter condition");
      return same(filter, child, condition == filter.condition()) ? filter : new FilterRelation(child, condition);
    }
    if (relation instanceof AggregateRelation aggregate) {
      return analyzeAggregate(aggregate, analyze(aggregate.child()));
    }
    if (relation instanceof JoinRelation join) {
      Relation left = analyze(join.left());
      Relation right = analyze(join.right());
      JoinRelation inputs = new JoinRelation(left, right, join.type(), join.condition());
      Expression condition = ExpressionAnalyzer.analyzeCondition(join.condition(), Scope.forJoin(inputs),
          "join condition");
      if (left == join.left() && right == join.right() && condition == join.condition()) {
        return join;
      }
      return new JoinRelation(left, right, join.type(), condition);
    }
    if (relation instanceof SortRelation sort) {
      Relation child = analyze(sort.child());
      List<SortKey> keys = analyzeKeys(sort.keys(), child);
      return same(sort, child, keys.equals(sort.keys())) ? sort : new SortRelation(child, keys);
    }
    if (relation instanceof TopNRelation topN) {
      Relation child = analyze(topN.child());
      List<SortKey> keys = analyzeKeys(topN.keys(), child);
      return same(topN, child, keys.equals(topN.keys())) ? topN : new TopNRelation(child, keys, topN.limit());
    }
    if (relation instanceof LimitRelation limit) {
      Relation child = analyze(limit.child());
      return same(limit, child, true) ? limit : new LimitRelation(child, limit.limit());
    }
    if (relation instanceof UnionRelation union) {
      return analyzeUnion(union);
    }
    if (relation instanceof DistinctRelation distinct) {
      Relation child = analyze(distinct.child());
      List<Expression> columns = allColumns(child);
      return new AggregateRelation(child, columns, columns);
    }
    if (relation instanceof AliasRelation alias) {
      Relation child = analyze(alias.child());
      return same(alias, child, true) ? alias : new AliasRelation(child, alias.alias());
    }
    throw new IllegalStateException("unexpected relation " + relation.describe());
  }

  private static boolean same(Relation node, Relation child, boolean expressionsSame) {
    return expressionsSame && child == node.children().get(0);
  }

  private static Relation analyzeProject(ProjectRelation project) {
    Relation child = analyze(project.child());
    boolean aggregates = project.projections().stream().anyMatch(Expression::containsAggregate);
    if (aggregates) {
      return analyzeAggregate(new AggregateRelation(child, List.of(), project.projections()), child);
    }
    Scope scope = Scope.of(child);
    List<Expression> projections = new ArrayList<>(project.projections().size());
    boolean changed = false;
    for (Expression projection : project.projections()) {
      Expression analyzed = ExpressionAnalyzer.analyze(projection, scope, "select");
      changed |= analyzed != projection;
      projections.add(analyzed);
    }
    checkUniqueNames(projections, "select");
    return same(project, child, !changed) ? project : new ProjectRelation(child, projections);
  }

  private static Relation analyzeAggregate(AggregateRelation aggregate, Relation child) {
    Scope scope = Scope.of(child);
    List<Expression> groupings = new ArrayList<>();
    boolean changed = false;
    for (Expression grouping : aggregate.groupings()) {
      Expression analyzed = ExpressionAnalyzer.analyze(grouping, scope, "grouping expression");
      changed |= analyzed != grouping;
      groupings.add(analyzed);
    }
    List<Expression> outputs = new ArrayList<>();
    for (Expression output : aggregate.outputs()) {
      Expression analyzed = ExpressionAnalyzer.analyzeAggregateOutput(output, scope);
      changed |= analyzed != output;
      checkGrouped(analyzed, analyzed, groupings);
      outputs.add(analyzed);
    }
    checkUniqueNames(outputs, "aggregate output");
    return same(aggregate, child, !changed) ? aggregate : new AggregateRelation(child, groupings, outputs);
  }

  /** Every column read outside an aggregate call must be part of a grouping expression. */
  private static void checkGrouped(Expression node, Expression output, List<Expression> groupings) {
    for (Expression grouping : groupings) {
      if (stripAlias(grouping).equals(stripAlias(node))) {
        return;
      }
    }
    if (node instanceof dev.sluice.engine.expr.AggregateCall) {
      return;
    }
    if (node instanceof BoundRef ref) {
      throw new EngineException(ErrorCode.INVALID_QUERY, "Column '" + ref.name() + "' in " + output.sql()
          + " is neither grouped nor aggregated; add it to groupBy or use it inside an aggregate (grouped by: "
          + groupings.stream().map(Expression::sql).toList() + ")");
    }
    for (Expression child : node.children()) {
      checkGrouped(child, output, groupings);
    }
  }

  private static Expression stripAlias(Expression expression) {
    return expression instanceof Alias alias ? stripAlias(alias.child()) : expression;
  }

  private static List<SortKey> analyzeKeys(List<SortKey> keys, Relation child) {
    Scope scope = Scope.of(child);
    List<SortKey> analyzed = new ArrayList<>(keys.size());
    for (SortKey key : keys) {
      Expression expression = ExpressionAnalyzer.analyze(key.expression(), scope, "sort key");
      if (expression.dataType() instanceof DataType.Binary) {
        throw new EngineException(ErrorCode.TYPE_MISMATCH, "Cannot sort by " + expression.sql()
            + ": binary columns have no order");
      }
      analyzed.add(expression == key.expression() ? key : key.withExpression(expression));
    }
    return analyzed;
  }

  private static Relation analyzeUnion(UnionRelation union) {
    List<Relation> inputs = new ArrayList<>();
    boolean changed = false;
    for (Relation input : union.inputs()) {
      Relation analyzed = analyze(input);
      changed |= analyzed != input;
      inputs.add(analyzed);
    }
    List<Field> first = inputs.get(0).schema().fields();
    for (int i = 1; i < inputs.size(); i++) {
      List<Field> other = inputs.get(i).schema().fields();
      if (other.size() != first.size()) {
        throw new EngineException(ErrorCode.INVALID_QUERY, "union needs inputs with the same number of columns: "
            + "input 1 has " + first.size() + " " + names(first) + ", input " + (i + 1) + " has " + other.size()
            + " " + names(other));
      }
    }
    List<DataType> common = new ArrayList<>();
    for (int c = 0; c < first.size(); c++) {
      DataType type = first.get(c).type();
      for (int i = 1; i < inputs.size(); i++) {
        DataType next = TypeCoercion.commonType(type, inputs.get(i).schema().fields().get(c).type());
        if (next == null) {
          throw new EngineException(ErrorCode.TYPE_MISMATCH, "union column " + (c + 1) + " ('" + first.get(c).name()
              + "') is " + first.get(c).type().displayName() + " in input 1 but "
              + inputs.get(i).schema().fields().get(c).type().displayName() + " in input " + (i + 1)
              + " ('" + inputs.get(i).schema().fields().get(c).name() + "'); cast one of them");
        }
        type = next;
      }
      common.add(type);
    }
    for (int i = 0; i < inputs.size(); i++) {
      Relation input = inputs.get(i);
      List<Field> fields = input.schema().fields();
      boolean needsCast = false;
      List<Expression> projections = new ArrayList<>();
      for (int c = 0; c < fields.size(); c++) {
        Field field = fields.get(c);
        needsCast |= !field.type().equals(common.get(c));
        projections.add(TypeCoercion.castTo(new BoundRef(c, field.name(), field.type()), common.get(c)));
      }
      if (needsCast) {
        inputs.set(i, new ProjectRelation(input, projections));
        changed = true;
      }
    }
    return changed ? new UnionRelation(inputs) : union;
  }

  private static List<String> names(List<Field> fields) {
    return fields.stream().map(Field::name).toList();
  }

  private static List<Expression> allColumns(Relation relation) {
    List<Field> fields = relation.schema().fields();
    List<Expression> columns = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      columns.add(new BoundRef(i, fields.get(i).name(), fields.get(i).type()));
    }
    return columns;
  }

  private static void checkUniqueNames(List<Expression> expressions, String context) {
    Set<String> names = new HashSet<>();
    for (Expression expression : expressions) {
      if (!names.add(expression.outputName())) {
        throw new EngineException(ErrorCode.INVALID_QUERY, "Duplicate column name '" + expression.outputName()
            + "' in " + context + " " + expressions.stream().map(Expression::outputName).toList()
            + "; rename one with as(...)");
      }
    }
  }
}
