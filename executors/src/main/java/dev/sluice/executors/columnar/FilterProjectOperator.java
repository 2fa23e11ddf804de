package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Filters then projects each input batch with the vectorized expression kernels: reads only the
 * input columns the condition and projections use, evaluates the condition, gathers the rows where
 * it is true (no copy when all are), evaluates the projections over them and writes the result
 * with the node's schema. Batches left empty are skipped; input batches are closed as soon as they
 * are read. Within a task it takes and gives {@link VectorBatch}es instead of Arrow where its input
 * and its consumer can ({@link VectorProducer}).
 */
public final class FilterProjectOperator implements Operator, VectorProducer {
  private final Operator input;
  private final OperatorContext context;
  private final Schema schema;
  /** Input columns to read, in increasing order. */
  private final int[] readColumns;
  /** For each projection-referenced column, its position among {@link #readColumns}. */
  private final int[] projectedColumns;
  /** The condition over the read columns, or null to keep every row. */
  private final CompiledExpression condition;
  /** The projections over the projection-referenced columns. */
  private final CompiledExpression[] projections;
  private final OperatorMetrics metrics = new OperatorMetrics("FilterProject");
  private boolean done;
  private boolean inputClosed;

  public FilterProjectOperator(FilterProjectExec node, Operator child, OperatorContext context) {
    this(node, context, Objects.requireNonNull(child, "child is null"));
  }

  /**
   * An operator without an input, for {@link #filterProject(Batch)} only: the CPU side of an
   * operator that runs batches elsewhere (on the GPU) and falls back to the CPU batch by batch.
   */
  public static FilterProjectOperator forBatches(FilterProjectExec node, OperatorContext context) {
    return new FilterProjectOperator(node, context, null);
  }

  private FilterProjectOperator(FilterProjectExec node, OperatorContext context, Operator child) {
    this.input = child;
    this.context = context;
    this.schema = node.schema();
    Plan plan = new Plan(node);
    this.readColumns = plan.readColumns;
    this.projectedColumns = plan.projectedColumns;
    this.condition = plan.condition;
    this.projections = plan.projections;
  }

  /**
   * One batch filtered and projected, written as Arrow with the node's schema (the caller owns it),
   * or null when no row is left; {@code batch} stays the caller's. Adds to this operator's metrics.
   */
  public Batch filterProject(Batch batch) {
    int rows = batch.rowCount();
    List<ColumnData> columns = new ArrayList<>(readColumns.length);
    for (int column : readColumns) {
      columns.add(ArrowColumns.read(batch.root().getVector(column), rows));
    }
    long start = System.nanoTime();
    context.checkCancelled();
    VectorBatch out = rows == 0 ? null : process(columns, rows);
    Batch written = out == null ? null : ArrowColumns.write(out, context.allocator());
    metrics.addNanos(System.nanoTime() - start);
    if (written != null) {
      metrics.recordOutput(written.rowCount());
    }
    return written;
  }

  /** What the constructor derives from the node: the columns to read and the compiled expressions. */
  private static final class Plan {
    final int[] readColumns;
    final int[] projectedColumns;
    final CompiledExpression condition;
    final CompiledExpression[] projections;

    Plan(FilterProjectExec node) {
      TreeSet<Integer> projected = new TreeSet<>();
      for (Expression projection : node.projections()) {
        collectColumns(projection, projected);
      }
      TreeSet<Integer> read = new TreeSet<>(projected);
      if (node.condition() != null) {
        collectColumns(node.condition(), read);
      }
      this.readColumns = read.stream().mapToInt(Integer::intValue).toArray();
      int[] readPosition = positions(readColumns);
      int[] projectedIndices = projected.stream().mapToInt(Integer::intValue).toArray();
      this.projectedColumns = new int[projectedIndices.length];
      for (int k = 0; k < projectedIndices.length; k++) {
        projectedColumns[k] = readPosition[projectedIndices[k]];
      }
      this.condition = node.condition() == null ? null
          : ExpressionEvaluator.compile(rebind(node.condition(), readPosition));
      int[] projectedPosition = positions(projectedIndices);
      List<Expression> rebound = new ArrayList<>(node.projections().size());
      for (Expression projection : node.projections()) {
        rebound.add(rebind(projection, projectedPosition));
      }
      this.projections = ExpressionEvaluator.compileAll(rebound).toArray(new CompiledExpression[0]);
    }
  }

  private static void collectColumns(Expression expression, TreeSet<Integer> into) {
    if (expression instanceof BoundRef ref) {
      into.add(ref.index());
    }
    for (Expression child : expression.children()) {
      collectColumns(child, into);
    }
  }

  /** Maps input column index → position in {@code columns} (sorted). */
  private static int[] positions(int[] columns) {
    int[] positions = new int[columns.length == 0 ? 0 : columns[columns.length - 1] + 1];
    for (int k = 0; k < columns.length; k++) {
      positions[columns[k]] = k;
    }
    return positions;
  }

  /** The expression with every column reference moved to its position among the read columns. */
  private static Expression rebind(Expression expression, int[] position) {
    if (expression instanceof BoundRef ref) {
      return new BoundRef(position[ref.index()], ref.name(), ref.type());
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> rebound = new ArrayList<>(children.size());
    for (Expression child : children) {
      rebound.add(rebind(child, position));
    }
    return expression.withChildren(rebound);
  }

  @Override
  public Batch next() {
    VectorBatch out = nextVectors();
    return out == null ? null : ArrowColumns.write(out, context.allocator());
  }

  /** The next non-empty filtered, projected batch as Java arrays, or null once the input is exhausted. */
  @Override
  public VectorBatch nextVectors() {
    VectorProducer producer = input instanceof VectorProducer p ? p : null;
    if (input == null) {
      throw new IllegalStateException("a FilterProject for single batches has no input");
    }
    while (!done) {
      List<ColumnData> columns;
      int rows;
      if (producer != null) {
        VectorBatch batch = producer.nextVectors();
        if (batch == null) {
          finish();
          return null;
        }
        rows = batch.rowCount();
        columns = new ArrayList<>(readColumns.length);
        for (int column : readColumns) {
          columns.add(batch.column(column));
        }
      } else {
        Batch batch = input.next();
        if (batch == null) {
          finish();
          return null;
        }
        try (batch) {
          rows = batch.rowCount();
          columns = new ArrayList<>(readColumns.length);
          for (int column : readColumns) {
            columns.add(ArrowColumns.read(batch.root().getVector(column), rows));
          }
        }
      }
      long start = System.nanoTime();
      context.checkCancelled();
      VectorBatch out = rows == 0 ? null : process(columns, rows);
      metrics.addNanos(System.nanoTime() - start);
      if (out != null) {
        metrics.recordOutput(out.rowCount());
        return out;
      }
    }
    return null;
  }

  private void finish() {
    done = true;
    closeInput();
  }

  /** The filtered, projected rows of one batch (its read columns), or null when none is left. */
  private VectorBatch process(List<ColumnData> columns, int rows) {
    List<Field> fields = new ArrayList<>(readColumns.length);
    for (int k = 0; k < readColumns.length; k++) {
      fields.add(new Field("_" + readColumns[k], columns.get(k).type()));
    }
    int[] selection = null;
    int count = rows;
    if (condition != null) {
      BoolData keep = (BoolData) condition.evaluate(new VectorBatch(new Schema(fields), columns, rows));
      selection = keep.selectTrue();
      count = selection.length;
      if (count == 0) {
        return null;
      }
      if (count == rows) {
        selection = null;
      }
    }
    List<Field> projectedFields = new ArrayList<>(projectedColumns.length);
    List<ColumnData> projected = new ArrayList<>(projectedColumns.length);
    for (int position : projectedColumns) {
      ColumnData column = columns.get(position);
      projectedFields.add(fields.get(position));
      projected.add(selection == null ? column : column.gather(selection, count));
    }
    VectorBatch kept = new VectorBatch(new Schema(projectedFields), projected, count);
    List<ColumnData> outputs = new ArrayList<>(projections.length);
    for (int p = 0; p < projections.length; p++) {
      ColumnData output = projections[p].evaluate(kept);
      DataType expected = schema.fields().get(p).type();
      if (!output.type().equals(expected) && !(output.type() instanceof DataType.Decimal a
          && expected instanceof DataType.Decimal b && a.scale() == b.scale())) {
        throw new EngineException(ErrorCode.INTERNAL, "FilterProject column '" + schema.fields().get(p).name()
            + "' is planned as " + expected.displayName() + " but its expression gives "
            + output.type().displayName() + "; this is a bug in Sluice");
      }
      outputs.add(output);
    }
    return new VectorBatch(schema, outputs, count);
  }

  private void closeInput() {
    if (!inputClosed && input != null) {
      inputClosed = true;
      input.close();
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    done = true;
    closeInput();
  }
}
