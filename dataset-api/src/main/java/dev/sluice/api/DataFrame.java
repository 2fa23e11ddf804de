package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.encoding.RowEncoder;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.RelationNode;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.DistinctRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lazy, columnar table, as Spark's {@code DataFrame} ({@code Dataset<Row>}): named, typed
 * columns computed by a relational plan. Transformations return new DataFrames and run nothing,
 * but each one is analyzed at once, so an unknown column or a type mismatch fails at the call that
 * introduced it, naming the column and listing those available. Actions ({@link #collectAsList()},
 * {@link #count()}, {@link #show()}...) optimize the plan, plan it physically and run a job.
 */
public final class DataFrame {
  private static final AtomicLong QUALIFIERS = new AtomicLong();

  private final Sluice session;
  /** The plan as the user built it, before analysis (for explain). */
  private final Relation parsed;
  /** The analyzed plan. */
  private final Relation relation;
  /** The hidden qualifier {@link #col} uses when the DataFrame has no alias. */
  private final String qualifier;
  /** The user's alias, or null. */
  private final String alias;
  /** The qualifiers this DataFrame's columns answer to. */
  private final ColumnScopes scopes;

  DataFrame(Sluice session, Relation relation) {
    this(session, relation, relation, null, null);
  }

  private DataFrame(Sluice session, Relation parsed, Relation relation, String alias, ColumnScopes inherited) {
    this.session = requireNonNull(session, "session is null");
    this.parsed = requireNonNull(parsed, "parsed is null");
    this.relation = requireNonNull(relation, "relation is null");
    this.qualifier = "#df" + QUALIFIERS.incrementAndGet();
    this.alias = alias;
    ColumnScopes own = inherited == null ? ColumnScopes.of(qualifier, relation.schema())
        : inherited.with(qualifier, relation.schema());
    this.scopes = alias == null ? own : own.with(alias, relation.schema());
  }

  /** A DataFrame over a source relation (a scan or local rows), analyzed now. */
  static DataFrame ofSource(Sluice session, Relation source) {
    return ofSource(session, source, CallSite.of("read"));
  }

  static DataFrame ofSource(Sluice session, Relation source, Origin origin) {
    return new DataFrame(session, source, analyze(source, origin), null, null);
  }

  /** The session this DataFrame runs in. */
  Sluice session() {
    return session;
  }

  /** The analyzed relation this DataFrame computes. */
  Relation relation() {
    return relation;
  }

  ColumnScopes scopes() {
    return scopes;
  }

  /** Analyzes {@code node}, whose inputs are analyzed; errors name the user's call. */
  static Relation analyze(Relation node, Origin origin) {
    try {
      return Analyzer.analyze(node);
    } catch (EngineException e) {
      throw new EngineException(e.code(), e.getMessage() + " (in " + origin + ")", e);
    }
  }

  /**
   * The DataFrame of a new node over this one's relation: analyzed now; its column scopes follow
   * the columns this one's pass through.
   */
  private DataFrame derive(Relation node, Origin origin) {
    Relation analyzed = analyze(node, origin);
    Relation parsedNode = node.withChildren(List.of(parsed));
    return new DataFrame(session, parsedNode, analyzed, null, scopes.through(Projections.passedThrough(relation.schema(), analyzed)));
  }

  /** DataFrame of a node with several inputs, whose parsed form is {@code parsedNode}. */
  DataFrame derive(Relation node, Relation parsedNode, ColumnScopes inherited, Origin origin) {
    return new DataFrame(session, parsedNode, analyze(node, origin), null, inherited);
  }

  Relation parsed() {
    return parsed;
  }

  /** A column expression of the user's, with this DataFrame's qualifiers resolved to column names. */
  Expression bind(Column column) {
    return scopes.rewrite(Column.toExpression(requireNonNull(column, "column is null")), null);
  }

  // ---- columns ----

  /**
   * The column {@code name} of this DataFrame, qualified by it, so that it stays unambiguous in a
   * join with another DataFrame ({@code a.join(b, a.col("id").equalTo(b.col("id")))}).
   *
   * @throws EngineException COLUMN_NOT_FOUND listing the columns when there is none of that name
   */
  public Column col(String name) {
    requireNonNull(name, "name is null");
    if (!name.equals("*") && relation.schema().fields().stream().noneMatch(f -> f.name().equals(name))) {
      ColumnRef parsedName = functions.parseColumn(name);
      if (parsedName.qualifier() == null || !scopes.knows(parsedName.qualifier())) {
        throw new EngineException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + name + "' does not exist; the DataFrame "
            + "has columns " + TypedColumns.names(relation.schema()));
      }
      return new Column(scopes.rewrite(parsedName, null));
    }
    return new Column(new ColumnRef(alias != null ? alias : qualifier, name));
  }

  /** The output columns. */
  public Schema schema() {
    return relation.schema();
  }

  /** The column names, in order. */
  public String[] columns() {
    return TypedColumns.names(relation.schema()).toArray(new String[0]);
  }

  /** Each column's name and Spark type name ({@code IntegerType}, {@code DecimalType(15,2)}...). */
  public List<Map.Entry<String, String>> dtypes() {
    List<Map.Entry<String, String>> types = new ArrayList<>();
    for (Field field : relation.schema().fields()) {
      types.add(new AbstractMap.SimpleImmutableEntry<>(field.name(), SqlTypes.sparkClassName(field.type())));
    }
    return types;
  }

  /** Prints the schema as a tree, as Spark's {@code printSchema}. */
  public void printSchema() {
    System.out.print(ShowFormat.schemaTree(relation.schema()));
  }

  /** What {@link #printSchema()} prints. */
  String schemaString() {
    return ShowFormat.schemaTree(relation.schema());
  }

  // ---- transformations ----

  /** The columns computed by {@code columns}; {@code col("*")} stands for every column. */
  public DataFrame select(Column... columns) {
    Origin origin = CallSite.of("select");
    List<Expression> projections = Projections.select(List.of(columns), relation.schema(), scopes, origin);
    if (projections.stream().anyMatch(Expression::containsAggregate)) {
      return derive(new AggregateRelation(relation, List.of(), projections), origin);
    }
    return derive(new ProjectRelation(relation, projections), origin);
  }

  /** The named columns ({@code "*"} for all, {@code "o.k"} qualified by an alias). */
  public DataFrame select(String... columnNames) {
    return select(toColumns(columnNames));
  }

  private static Column[] toColumns(String[] names) {
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = functions.col(names[i]);
    }
    return columns;
  }

  /** The rows where {@code condition} is true (not false, not null). */
  public DataFrame where(Column condition) {
    return filter(condition, CallSite.of("where"));
  }

  /** Same as {@link #where(Column)}. */
  public DataFrame filter(Column condition) {
    return filter(condition, CallSite.of("filter"));
  }

  private DataFrame filter(Column condition, Origin origin) {
    return derive(new FilterRelation(relation, bind(condition)), origin);
  }

  /** All columns plus {@code name} computed by {@code column} (replacing a column of that name in place). */
  public DataFrame withColumn(String name, Column column) {
    requireNonNull(name, "name is null");
    Origin origin = CallSite.of("withColumn");
    return derive(new ProjectRelation(relation, Projections.withColumn(relation.schema(), name, bind(column))),
        origin);
  }

  /** The column {@code existing} renamed {@code newName}; this DataFrame when there is no such column. */
  public DataFrame withColumnRenamed(String existing, String newName) {
    Origin origin = CallSite.of("withColumnRenamed");
    List<Expression> projections = Projections.renamed(relation.schema(), requireNonNull(existing, "existing is null"),
        requireNonNull(newName, "newName is null"));
    return projections == null ? this : derive(new ProjectRelation(relation, projections), origin);
  }

  /** The columns renamed in order (as many names as columns), as Spark's {@code toDF(names)}. */
  public DataFrame toDF(String... names) {
    Origin origin = CallSite.of("toDF");
    return derive(new ProjectRelation(relation, Projections.renamedAll(relation.schema(), names, origin)), origin);
  }

  /** All columns but the named ones (names that are not columns are ignored, as Spark). */
  public DataFrame drop(String... columnNames) {
    Origin origin = CallSite.of("drop");
    List<Expression> projections = Projections.without(relation.schema(), List.of(columnNames));
    return projections == null ? this : derive(new ProjectRelation(relation, projections), origin);
  }

  /** All columns but the one {@code column} refers to. */
  public DataFrame drop(Column column) {
    if (bind(column) instanceof ColumnRef ref && ref.qualifier() == null) {
      return drop(ref.name());
    }
    throw new EngineException(ErrorCode.INVALID_ARGUMENT, "drop(Column) takes a column reference, got " + column);
  }

  /** Groups rows by {@code columns} for an aggregation ({@link GroupedData#agg}). */
  public GroupedData groupBy(Column... columns) {
    List<Expression> groupings = new ArrayList<>();
    for (Column column : columns) {
      groupings.add(bind(column));
    }
    return new GroupedData(this, groupings);
  }

  /** Groups rows by the named columns. */
  public GroupedData groupBy(String... columnNames) {
    return groupBy(toColumns(columnNames));
  }

  /** The DataFrame of an aggregation of this one's rows (bound expressions). */
  DataFrame aggregate(List<Expression> groupings, List<Expression> outputs, Origin origin) {
    return derive(new AggregateRelation(relation, groupings, outputs), origin);
  }

  /** Aggregates all rows into one: {@code df.agg(sum("x"), max("y"))}. */
  public DataFrame agg(Column aggregate, Column... more) {
    return groupBy(new Column[0]).agg(aggregate, more);
  }

  /** The rows sorted by {@code columns} (ascending unless {@link Column#desc()}...). */
  public DataFrame orderBy(Column... columns) {
    return sort(columns, CallSite.of("orderBy"));
  }

  public DataFrame orderBy(String... columnNames) {
    return sort(toColumns(columnNames), CallSite.of("orderBy"));
  }

  /** Same as {@link #orderBy(Column...)}. */
  public DataFrame sort(Column... columns) {
    return sort(columns, CallSite.of("sort"));
  }

  public DataFrame sort(String... columnNames) {
    return sort(toColumns(columnNames), CallSite.of("sort"));
  }

  private DataFrame sort(Column[] columns, Origin origin) {
    if (columns.length == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "orderBy needs at least one column (" + origin + ")");
    }
    List<SortKey> keys = new ArrayList<>();
    for (Column column : columns) {
      SortKey key = requireNonNull(column, "column is null").toSortKey();
      keys.add(key.withExpression(scopes.rewrite(key.expression(), null)));
    }
    return derive(new SortRelation(relation, keys), origin);
  }

  /** The first {@code n} rows. */
  public DataFrame limit(int n) {
    Origin origin = CallSite.of("limit");
    if (n < 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "limit must be greater than or equal to zero, got " + n + " (" + origin + ")");
    }
    return derive(new LimitRelation(relation, n), origin);
  }

  /** The distinct rows. */
  public DataFrame distinct() {
    return derive(new DistinctRelation(relation), CallSite.of("distinct"));
  }

  /** Same as {@link #distinct()}. */
  public DataFrame dropDuplicates() {
    return derive(new DistinctRelation(relation), CallSite.of("dropDuplicates"));
  }

  /** The rows of both (duplicates kept, as Spark's {@code union}); columns match by position. */
  public DataFrame union(DataFrame other) {
    return union(other, CallSite.of("union"));
  }

  /** Same as {@link #union(DataFrame)}. */
  public DataFrame unionAll(DataFrame other) {
    return union(other, CallSite.of("unionAll"));
  }

  /** The rows of both, matching {@code other}'s columns to these by name. */
  public DataFrame unionByName(DataFrame other) {
    return union(checkSession(other).select(columns()), CallSite.of("unionByName"));
  }

  private DataFrame union(DataFrame other, Origin origin) {
    checkSession(other);
    Relation node = new UnionRelation(List.of(relation, other.relation));
    Relation parsedNode = new UnionRelation(List.of(parsed, other.parsed));
    Map<String, String> identity = new LinkedHashMap<>();
    relation.schema().fields().forEach(f -> identity.put(f.name(), f.name()));
    return derive(node, parsedNode, scopes.through(identity), origin);
  }

  DataFrame checkSession(DataFrame other) {
    requireNonNull(other, "other is null");
    if (other.session != session) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot combine DataFrames of two different sessions");
    }
    return other;
  }

  /** Inner join on a condition over both sides' columns. */
  public DataFrame join(DataFrame right, Column condition) {
    return Joins.onCondition(this, right, condition, "inner", CallSite.of("join"));
  }

  /**
   * Join on a condition, of type {@code inner}, {@code left}/{@code left_outer}, {@code right},
   * {@code full}/{@code outer}, {@code left_semi} or {@code left_anti}.
   */
  public DataFrame join(DataFrame right, Column condition, String joinType) {
    return Joins.onCondition(this, right, condition, joinType, CallSite.of("join"));
  }

  /** Inner equi-join on a column both sides have, kept once in the output. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return Joins.using(this, right, List.of(usingColumn), "inner", CallSite.of("join"));
  }

  /** Equi-join on columns both sides have, kept once (for a full join: the non-null side's value). */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    return Joins.using(this, right, usingColumns, joinType, CallSite.of("join"));
  }

  /** Inner equi-join on columns both sides have. */
  public DataFrame join(DataFrame right, List<String> usingColumns) {
    return Joins.using(this, right, usingColumns, "inner", CallSite.of("join"));
  }

  /** This DataFrame under a name that qualifies its columns: {@code df.alias("o")}, then {@code col("o.k")}. */
  public DataFrame alias(String name) {
    requireNonNull(name, "name is null");
    Origin origin = CallSite.of("alias");
    if (name.isEmpty() || name.startsWith("#") || name.contains(".")) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Invalid alias '" + name + "' (" + origin + ")");
    }
    Relation node = new AliasRelation(relation, name);
    Relation analyzed = analyze(node, origin);
    return new DataFrame(session, node.withChildren(List.of(parsed)), analyzed, name, scopes);
  }

  /** Same as {@link #alias(String)}. */
  public DataFrame as(String name) {
    return alias(name);
  }

  // ---- typed bridge ----

  /**
   * The rows as objects of {@code type}, lazily: a record's components (a bean's properties) take
   * the columns of the same name (exact, else case-insensitive; other columns are left out), a
   * single-value class ({@code Long}, {@code String}...) the only column. Integer columns widen to
   * long, double or BigDecimal components.
   *
   * @throws EngineException COLUMN_NOT_FOUND naming the component and listing the columns
   */
  public <T> Dataset<T> as(Class<T> type) {
    requireNonNull(type, "type is null");
    Origin origin = CallSite.of("as");
    String operation = "as(" + type.getSimpleName() + ".class)";
    RowEncoder encoder = TypedColumns.encoder(type, operation);
    List<Expression> projections = TypedColumns.projectionFor(encoder, relation.schema(), operation);
    Relation projected = analyze(new ProjectRelation(relation, projections), origin);
    return new Dataset<>(session, new RelationNode(session.nextId(), origin, projected, session.plannerSettings(),
        type));
  }

  // ---- actions ----

  /** All rows, in order (partition by partition). */
  public List<Row> collectAsList() {
    return collect(CallSite.of("collectAsList"));
  }

  /** Same as {@link #collectAsList()}. */
  public List<Row> collect() {
    return collect(CallSite.of("collect"));
  }

  private List<Row> collect(Origin origin) {
    ActionRunner actions = session.actions();
    List<byte[]> answers = actions.run(relation, new TaskSink.Collect(), origin);
    return RowColumns.decode(answers, relation.schema(), session.allocator());
  }

  /**
   * All rows in order, as an iterator that decodes one partition's result at a time (Spark's
   * {@code toLocalIterator}): the job runs once, now; rows become objects only as the iterator
   * reaches them, so a large result is never held as {@link Row}s all at once.
   */
  public Iterator<Row> toLocalIterator() {
    Origin origin = CallSite.of("toLocalIterator");
    List<byte[]> answers = new java.util.ArrayList<>(
        session.actions().run(relation, new TaskSink.Collect(), origin));
    return RowColumns.iterate(answers, relation.schema(), session.allocator());
  }

  /** The number of rows. */
  public long count() {
    Origin origin = CallSite.of("count");
    long total = 0;
    for (byte[] partial : session.actions().run(relation, new TaskSink.Count(), origin)) {
      total += ByteBuffer.wrap(partial).getLong();
    }
    return total;
  }

  /** The first {@code n} rows. */
  public List<Row> head(int n) {
    return take(n);
  }

  /** The first {@code n} rows. */
  public List<Row> take(int n) {
    Origin origin = CallSite.of("take");
    if (n < 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "take count must be at least 0, got " + n);
    }
    return n == 0 ? new ArrayList<>() : derive(new LimitRelation(relation, n), origin).collect(origin);
  }

  /**
   * The first row.
   *
   * @throws NoSuchElementException when there is none
   */
  public Row first() {
    List<Row> rows = take(1);
    if (rows.isEmpty()) {
      throw new NoSuchElementException("first() of an empty DataFrame");
    }
    return rows.get(0);
  }

  /** Same as {@link #first()}. */
  public Row head() {
    return first();
  }

  /** Whether there are no rows. */
  public boolean isEmpty() {
    return take(1).isEmpty();
  }

  /** Prints the first 20 rows as a table, cells truncated to 20 characters. */
  public void show() {
    show(20, true);
  }

  /** Prints the first {@code numRows} rows as a table, cells truncated to 20 characters. */
  public void show(int numRows) {
    show(numRows, true);
  }

  /** Prints the first {@code numRows} rows; {@code truncate} cuts cells to 20 characters. */
  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? 20 : 0);
  }

  /** Prints the first {@code numRows} rows, cells cut to {@code truncate} characters (0: never). */
  public void show(int numRows, int truncate) {
    System.out.print(showString(numRows, truncate));
  }

  /** What {@link #show(int, int)} prints. */
  String showString(int numRows, int truncate) {
    int shown = Math.max(0, numRows);
    List<Row> rows = take(shown == Integer.MAX_VALUE ? shown : shown + 1);
    return ShowFormat.format(relation.schema(), rows, shown, truncate, rows.size() > shown);
  }

  /** Prints the physical plan and its stages. */
  public void explain() {
    System.out.print(explainString(false));
  }

  /** Prints the parsed, analyzed and optimized logical plans too when {@code extended}. */
  public void explain(boolean extended) {
    System.out.print(explainString(extended));
  }

  /** What {@link #explain(boolean)} prints. */
  public String explainString(boolean extended) {
    return Explain.text(this, extended);
  }

  /** The column names and types, as Spark: {@code [a: int, b: string]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    List<Field> fields = relation.schema().fields();
    for (int i = 0; i < fields.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(fields.get(i).name()).append(": ")
          .append(SqlTypes.sparkName(fields.get(i).type()));
    }
    return text.append(']').toString();
  }

  /** Writes this DataFrame's rows to files. */
  public DataFrameWriter write() {
    return new DataFrameWriter(this);
  }
}
