package dev.sluice.executors.columnar;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.BuildSide;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link HashJoinOperator} does with the rows of its two sides, derived from the plan node
 * once: which rows come out (the join type seen from the probe and the build side), the keys of
 * each side, the residual condition, and how output batches are assembled.
 *
 * <p>Rows of the output, by join type and build side (probe = the other side):
 *
 * <pre>
 *   type         build = right                     build = left
 *   inner        matched pairs                     matched pairs
 *   left         pairs + unmatched probe rows       pairs + unmatched build rows (at the end)
 *   right        pairs + unmatched build rows       pairs + unmatched probe rows
 *   full         pairs + unmatched probe and build rows
 *   left_semi    probe rows with a match, once     build rows with a match (at the end)
 *   left_anti    probe rows without a match        build rows without a match (at the end)
 * </pre>
 *
 * A match is a pair with equal keys, none null, for which the residual (if any) is true.
 */
final class JoinSpec {
  final HashJoinExec node;
  final boolean buildIsLeft;
  final JoinKeys buildKeys;
  final JoinKeys probeKeys;
  /** Matched pairs are output (inner and outer joins). */
  final boolean pairs;
  /** Probe rows without a match are output with a null build side. */
  final boolean probeOuter;
  /** Build rows without a match are output with a null probe side. */
  final boolean buildOuter;
  /** Semi or anti join whose left side is the probe side. */
  final boolean probeSemi;
  final boolean probeAnti;
  /** Semi or anti join whose left side is the build side. */
  final boolean buildSemi;
  final boolean buildAnti;
  /** The most rows per output batch. */
  final int capacity;
  /** The residual over only the columns it reads (BoundRef k = {@link #residualColumns}[k]), or null. */
  private final CompiledExpression residual;
  /** Positions in left ++ right of the columns the residual reads, ascending. */
  private final int[] residualColumns;

  JoinSpec(HashJoinExec node, int capacity) {
    this.node = node;
    this.capacity = capacity;
    this.buildIsLeft = node.buildSide() == BuildSide.LEFT;
    this.buildKeys = new JoinKeys(buildIsLeft ? node.leftKeys() : node.rightKeys());
    this.probeKeys = new JoinKeys(buildIsLeft ? node.rightKeys() : node.leftKeys());
    JoinType type = node.type();
    JoinType probeOuterType = buildIsLeft ? JoinType.RIGHT_OUTER : JoinType.LEFT_OUTER;
    JoinType buildOuterType = buildIsLeft ? JoinType.LEFT_OUTER : JoinType.RIGHT_OUTER;
    this.pairs = !type.leftOnly();
    this.probeOuter = type == probeOuterType || type == JoinType.FULL_OUTER;
    this.buildOuter = type == buildOuterType || type == JoinType.FULL_OUTER;
    this.probeSemi = type == JoinType.LEFT_SEMI && !buildIsLeft;
    this.probeAnti = type == JoinType.LEFT_ANTI && !buildIsLeft;
    this.buildSemi = type == JoinType.LEFT_SEMI && buildIsLeft;
    this.buildAnti = type == JoinType.LEFT_ANTI && buildIsLeft;
    if (node.residual() == null) {
      this.residual = null;
      this.residualColumns = new int[0];
    } else {
      TreeSet<Integer> read = new TreeSet<>();
      collectColumns(node.residual(), read);
      Map<Integer, Integer> positions = new TreeMap<>();
      for (int column : read) {
        positions.put(column, positions.size());
      }
      this.residualColumns = read.stream().mapToInt(Integer::intValue).toArray();
      this.residual = ExpressionEvaluator.compile(remap(node.residual(), positions));
    }
  }

  /** Whether build rows keep a matched flag (they are output by it at the end). */
  boolean tracksBuild() {
    return buildOuter || buildSemi || buildAnti;
  }

  /** Whether probe rows are output by their matched flag, after their matches were found. */
  boolean tracksProbe() {
    return probeOuter || probeSemi || probeAnti;
  }

  /** Whether probe rows come out even when the build side is empty. */
  boolean probeRowsWithoutBuild() {
    return probeOuter || probeAnti;
  }

  /** Whether build rows come out even when the probe side is empty. */
  boolean buildRowsWithoutProbe() {
    return buildOuter || buildAnti;
  }

  /** Whether one match settles a probe row (a semi or anti join without residual needs no pairs). */
  boolean firstMatchOnly() {
    return (probeSemi || probeAnti) && residual == null;
  }

  String describe() {
    return node.describe();
  }

  private static void collectColumns(Expression expression, TreeSet<Integer> read) {
    if (expression instanceof BoundRef ref) {
      read.add(ref.index());
    }
    for (Expression child : expression.children()) {
      collectColumns(child, read);
    }
  }

  private static Expression remap(Expression expression, Map<Integer, Integer> positions) {
    if (expression instanceof BoundRef ref) {
      return new BoundRef(positions.get(ref.index()), ref.name(), ref.type());
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> remapped = new ArrayList<>(children.size());
    for (Expression child : children) {
      remapped.add(remap(child, positions));
    }
    return expression.withChildren(remapped);
  }

  /**
   * Keeps the candidate pairs for which the residual is true, in order, compacting the arrays.
   *
   * @return how many pairs are left (all {@code count} without a residual)
   */
  int filter(VectorBatch probe, int[] probeRows, JoinTable table, int[] buildRows, int count) {
    if (residual == null || count == 0) {
      return count;
    }
    int leftWidth = buildIsLeft ? table.columnCount() : probe.columns().size();
    List<Field> fields = new ArrayList<>(residualColumns.length);
    List<ColumnData> columns = new ArrayList<>(residualColumns.length);
    for (int k = 0; k < residualColumns.length; k++) {
      int position = residualColumns[k];
      boolean left = position < leftWidth;
      int index = left ? position : position - leftWidth;
      ColumnData column = left == buildIsLeft ? table.column(index).gather(buildRows, count)
          : probe.column(index).gather(probeRows, count);
      fields.add(new Field("c" + k, column.type()));
      columns.add(column);
    }
    ColumnData result = residual.evaluate(new VectorBatch(new Schema(fields), columns, count));
    if (!(result instanceof BoolData bools)) {
      throw new EngineException(ErrorCode.INTERNAL, "The residual condition " + node.residual().sql() + " of "
          + describe() + " gave " + result.type().displayName() + " values, not boolean (this is a bug)");
    }
    boolean[] values = bools.values();
    boolean[] nulls = bools.nulls();
    int kept = 0;
    for (int i = 0; i < count; i++) {
      probeRows[kept] = probeRows[i];
      buildRows[kept] = buildRows[i];
      kept += values[i] && (nulls == null || !nulls[i]) ? 1 : 0;
    }
    return kept;
  }

  /**
   * An output batch of {@code count} rows with {@code node.schema()}'s columns.
   *
   * @param probe the probe batch, or null when no probe side is output (build rows without match)
   * @param probeRows per output row, the probe row, or null for a null probe side
   * @param table the build table
   * @param buildRows per output row, the build row, or null for a null build side
   */
  VectorBatch output(VectorBatch probe, int[] probeRows, JoinTable table, int[] buildRows, int count) {
    List<Field> fields = node.schema().fields();
    int total = fields.size();
    List<ColumnData> columns = new ArrayList<>(total);
    if (!pairs) {
      boolean fromBuild = buildIsLeft;
      int width = fromBuild ? table.columnCount() : probe.columns().size();
      checkWidth(width, total, fromBuild ? "build" : "probe");
      for (int c = 0; c < total; c++) {
        columns.add(fromBuild ? gather(table.column(c), buildRows, count) : gather(probe.column(c), probeRows, count));
      }
      return new VectorBatch(node.schema(), columns, count);
    }
    int probeWidth = probe != null ? probe.columns().size() : total - table.columnCount();
    int buildWidth = total - probeWidth;
    if (table.schema() != null) {
      checkWidth(table.columnCount() + probeWidth, total, "probe and build");
    }
    int leftWidth = buildIsLeft ? buildWidth : probeWidth;
    for (int c = 0; c < total; c++) {
      boolean left = c < leftWidth;
      int index = left ? c : c - leftWidth;
      DataType type = fields.get(c).type();
      if (left == buildIsLeft) {
        columns.add(buildRows == null || table.schema() == null ? nulls(type, count)
            : gather(table.column(index), buildRows, count));
      } else {
        columns.add(probeRows == null ? nulls(type, count) : gather(probe.column(index), probeRows, count));
      }
    }
    return new VectorBatch(node.schema(), columns, count);
  }

  private void checkWidth(int width, int expected, String side) {
    if (width != expected) {
      throw new EngineException(ErrorCode.INTERNAL, describe() + " got " + width + " columns from its " + side
          + " side(s) but outputs " + expected + " " + node.schema() + " (this is a bug)");
    }
  }

  /** Rows {@code selection[0..count)} of {@code column}, where a negative row is null. */
  static ColumnData gather(ColumnData column, int[] selection, int count) {
    boolean anyNull = false;
    for (int i = 0; i < count; i++) {
      anyNull |= selection[i] < 0;
    }
    if (!anyNull) {
      return column.gather(selection, count);
    }
    boolean[] nulls = new boolean[count];
    boolean[] sourceNulls = column.nulls();
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      nulls[i] = row < 0 || (sourceNulls != null && sourceNulls[row]);
    }
    if (column instanceof LongData data) {
      long[] values = data.values();
      long[] out = new long[count];
      for (int i = 0; i < count; i++) {
        out[i] = selection[i] < 0 ? 0 : values[selection[i]];
      }
      return new LongData(data.type(), out, nulls, count);
    }
    if (column instanceof DoubleData data) {
      double[] values = data.values();
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = selection[i] < 0 ? 0 : values[selection[i]];
      }
      return new DoubleData(out, nulls, count);
    }
    if (column instanceof BoolData data) {
      boolean[] values = data.values();
      boolean[] out = new boolean[count];
      for (int i = 0; i < count; i++) {
        out[i] = selection[i] >= 0 && values[selection[i]];
      }
      return new BoolData(out, nulls, count);
    }
    StringData strings = (StringData) column;
    int[] offsets = strings.offsets();
    int total = 0;
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      total += row < 0 ? 0 : offsets[row + 1] - offsets[row];
    }
    byte[] bytes = new byte[total];
    int[] outOffsets = new int[count + 1];
    int position = 0;
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      if (row >= 0) {
        int length = offsets[row + 1] - offsets[row];
        System.arraycopy(strings.bytes(), offsets[row], bytes, position, length);
        position += length;
      }
      outOffsets[i + 1] = position;
    }
    return new StringData(bytes, outOffsets, nulls, count);
  }

  /** A column of {@code count} nulls of {@code type}. */
  static ColumnData nulls(DataType type, int count) {
    boolean[] nulls = new boolean[count];
    java.util.Arrays.fill(nulls, true);
    if (type instanceof DataType.Float64) {
      return new DoubleData(new double[count], nulls, count);
    }
    if (type instanceof DataType.Bool) {
      return new BoolData(new boolean[count], nulls, count);
    }
    if (type instanceof DataType.Utf8) {
      return new StringData(new byte[0], new int[count + 1], nulls, count);
    }
    if (type instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "A hash join cannot output binary columns");
    }
    return new LongData(type, new long[count], nulls, count);
  }
}
