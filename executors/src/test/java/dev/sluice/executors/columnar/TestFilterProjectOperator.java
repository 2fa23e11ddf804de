package dev.sluice.executors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FilterProject over small Arrow inputs, checked against the same filter and projection in plain Java. */
class TestFilterProjectOperator {
  private static final Schema INPUT = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("price", DataType.decimal(15, 2)), new Field("name", DataType.UTF8),
      new Field("unused", DataType.FLOAT64)));
  private static final BoundRef ID = new BoundRef(0, "id", DataType.INT64);
  private static final BoundRef PRICE = new BoundRef(1, "price", DataType.decimal(15, 2));
  private static final BoundRef NAME = new BoundRef(2, "name", DataType.UTF8);

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Rows {id, price (BigDecimal or null), name (String or null), unused}. */
  private static List<Object[]> rows(long seed, int count) {
    Random random = new Random(seed);
    String[] names = {"apple", "avocado", "banana", "Ananas", "", "açaí"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigDecimal price = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(4000), 2);
      String name = random.nextInt(8) == 0 ? null : names[random.nextInt(names.length)];
      rows.add(new Object[] {(long) i, price, name, random.nextDouble()});
    }
    return rows;
  }

  /** Writes rows as one Arrow batch with the input schema. */
  private Batch batch(List<Object[]> rows) {
    int n = rows.size();
    long[] ids = new long[n];
    long[] prices = new long[n];
    boolean[] priceNulls = new boolean[n];
    boolean[] nameNulls = new boolean[n];
    double[] unused = new double[n];
    List<byte[]> names = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < n; i++) {
      Object[] row = rows.get(i);
      ids[i] = (Long) row[0];
      priceNulls[i] = row[1] == null;
      prices[i] = row[1] == null ? 0 : ((BigDecimal) row[1]).unscaledValue().longValueExact();
      nameNulls[i] = row[2] == null;
      byte[] bytes = row[2] == null ? new byte[0] : ((String) row[2]).getBytes(StandardCharsets.UTF_8);
      names.add(bytes);
      total += bytes.length;
      unused[i] = (Double) row[3];
    }
    byte[] all = new byte[total];
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(names.get(i), 0, all, offsets[i], names.get(i).length);
      offsets[i + 1] = offsets[i] + names.get(i).length;
    }
    List<ColumnData> columns = List.of(new LongData(DataType.INT64, ids, null, n),
        new LongData(DataType.decimal(15, 2), prices, priceNulls, n), new StringData(all, offsets, nameNulls, n),
        new DoubleData(unused, null, n));
    return ArrowColumns.write(new VectorBatch(INPUT, columns, n), allocator);
  }

  /** Hands out prepared batches; closes the ones not pulled. */
  private static final class BatchesSource implements Operator {
    private final List<Batch> batches;
    private final OperatorMetrics metrics = new OperatorMetrics("BatchesSource");
    private int next;
    private boolean closed;

    BatchesSource(List<Batch> batches) {
      this.batches = batches;
    }

    @Override
    public Batch next() {
      return closed || next == batches.size() ? null : batches.get(next++);
    }

    @Override
    public OperatorMetrics metrics() {
      return metrics;
    }

    @Override
    public void close() {
      closed = true;
      while (next < batches.size()) {
        batches.get(next++).close();
      }
    }
  }

  private FilterProjectOperator operator(Expression condition, List<Expression> projections, Schema output,
      List<List<Object[]>> input) {
    List<Batch> batches = new ArrayList<>();
    for (List<Object[]> rows : input) {
      batches.add(batch(rows));
    }
    PlanNodeId id = new PlanNodeId(1);
    FilterProjectExec node = new FilterProjectExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))),
        condition, projections, output);
    return new FilterProjectOperator(node, new BatchesSource(batches), OperatorContext.of("test", allocator, 64, 64));
  }

  /** Every output row as a list of Java values; checks no batch is empty and every batch has the schema. */
  private static List<List<Object>> drain(Operator operator, Schema schema) {
    List<List<Object>> rows = new ArrayList<>();
    while (true) {
      Batch next = operator.next();
      if (next == null) {
        break;
      }
      try (Batch batch = next) {
        assertThat(batch.rowCount()).isPositive();
        assertThat(batch.arrowSchema()).isEqualTo(schema.toArrow());
        VectorBatch columns = ArrowColumns.read(batch);
        for (int i = 0; i < columns.rowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnData column : columns.columns()) {
            row.add(column.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    assertThat(operator.next()).isNull();
    return rows;
  }

  @Test
  void testJavaArraysInAndOutMatchArrow() {
    Expression condition = new Comparison(Comparison.Op.GREATER, PRICE, Literal.of(new BigDecimal("10.00")));
    Expression doubled = new Arithmetic(Arithmetic.Op.MULTIPLY, PRICE, Literal.of(new BigDecimal("2")));
    Schema output = new Schema(List.of(new Field("name", DataType.UTF8), new Field("doubled", doubled.dataType())));
    List<List<Object[]>> input = List.of(rows(5, 100), rows(6, 0), rows(7, 1), rows(8, 3000));
    List<List<Object>> expected;
    try (FilterProjectOperator operator = operator(condition, List.of(NAME, doubled), output, input)) {
      expected = drain(operator, output);
    }
    assertThat(expected).isNotEmpty();
    List<Batch> batches = input.stream().map(this::batch).toList();
    PlanNodeId id = new PlanNodeId(1);
    FilterProjectExec node = new FilterProjectExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))),
        condition, List.of(NAME, doubled), output);
    GivenVectors source = new GivenVectors(new BatchesSource(batches));
    List<List<Object>> rows = new ArrayList<>();
    try (FilterProjectOperator operator =
        new FilterProjectOperator(node, source, OperatorContext.of("test", allocator, 64, 64))) {
      for (VectorBatch columns = operator.nextVectors(); columns != null; columns = operator.nextVectors()) {
        assertThat(columns.rowCount()).isPositive();
        assertThat(columns.schema()).isEqualTo(output);
        for (int i = 0; i < columns.rowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnData column : columns.columns()) {
            row.add(column.getObject(i));
          }
          rows.add(row);
        }
      }
      assertThat(operator.nextVectors()).isNull();
      assertThat(source.vectorBatches()).isEqualTo(3);
    }
    assertThat(rows).isEqualTo(expected);
  }

  @Test
  void testFilterThenProjectMatchesPlainJava() {
    Expression condition = new And(new Comparison(Comparison.Op.GREATER, PRICE, Literal.of(new BigDecimal("10.00"))),
        new ScalarCall(ScalarFunction.LIKE, List.of(NAME, Literal.of("a%"))));
    Expression doubled = new Arithmetic(Arithmetic.Op.MULTIPLY, PRICE, Literal.of(new BigDecimal("2")));
    Expression upper = new ScalarCall(ScalarFunction.UPPER, List.of(NAME));
    Schema output = new Schema(List.of(new Field("id", DataType.INT64), new Field("doubled", doubled.dataType()),
        new Field("upper", DataType.UTF8)));
    List<List<Object[]>> input = List.of(rows(1, 100), rows(2, 0), rows(3, 50), rows(4, 3000));
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object[]> batch : input) {
      for (Object[] row : batch) {
        BigDecimal price = (BigDecimal) row[1];
        String name = (String) row[2];
        if (price != null && price.compareTo(new BigDecimal("10.00")) > 0 && name != null && name.startsWith("a")) {
          expected.add(Arrays.asList(row[0], price.multiply(new BigDecimal("2")), name.toUpperCase()));
        }
      }
    }
    try (FilterProjectOperator operator = operator(condition, List.of(ID, doubled, upper), output, input)) {
      assertThat(drain(operator, output)).isEqualTo(expected);
      assertThat(operator.metrics().rowsOut()).isEqualTo(expected.size());
      assertThat(operator.metrics().batchesOut()).isEqualTo(3);
    }
  }

  @Test
  void testBatchesWithoutSurvivorsAreSkippedAndAllPassingBatchesAreKept() {
    Expression condition = new Comparison(Comparison.Op.GREATER_OR_EQUAL, ID, Literal.of(40L));
    Schema output = new Schema(List.of(new Field("name", DataType.UTF8), new Field("id", DataType.INT64)));
    // ids 0..39 fail, 0..99 partly pass, and a batch of ids ≥ 40 passes entirely.
    List<Object[]> high = rows(5, 90).subList(40, 90);
    List<List<Object[]>> input = List.of(rows(6, 40), rows(7, 100), high);
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object[]> batch : input) {
      for (Object[] row : batch) {
        if ((Long) row[0] >= 40) {
          expected.add(Arrays.asList(row[2], row[0]));
        }
      }
    }
    try (FilterProjectOperator operator = operator(condition, List.of(NAME, ID), output, input)) {
      assertThat(drain(operator, output)).isEqualTo(expected);
      assertThat(operator.metrics().batchesOut()).isEqualTo(2);
    }
  }

  @Test
  void testProjectionWithoutConditionAndConstantColumns() {
    Expression constant = Literal.of("x");
    Schema output = new Schema(List.of(new Field("c", DataType.UTF8), new Field("len", DataType.INT32)));
    Expression length = new ScalarCall(ScalarFunction.LENGTH, List.of(NAME));
    List<Object[]> rows = rows(8, 20);
    List<List<Object>> expected = new ArrayList<>();
    for (Object[] row : rows) {
      expected.add(Arrays.asList("x", row[2] == null ? null : ((String) row[2]).codePointCount(0,
          ((String) row[2]).length())));
    }
    try (FilterProjectOperator operator = operator(null, List.of(constant, length), output, List.of(rows))) {
      assertThat(drain(operator, output)).isEqualTo(expected);
    }
  }

  @Test
  void testClosingEarlyReleasesEverything() {
    Expression condition = new Comparison(Comparison.Op.LESS, ID, Literal.of(5L));
    Schema output = new Schema(List.of(new Field("id", DataType.INT64)));
    FilterProjectOperator operator = operator(condition, List.of(ID), output,
        List.of(rows(9, 10), rows(10, 10), rows(11, 10)));
    try (Batch first = operator.next()) {
      assertThat(first.rowCount()).isEqualTo(5);
    }
    operator.close();
    operator.close();
    assertThat(operator.next()).isNull();
  }
}
