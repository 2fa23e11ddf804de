package dev.sluice.gpu.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.gpu.runtime.CudaRuntime;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CudaGpuOperators} on the fake GPU against the CPU's FilterProject semantics (the engine's
 * vectorized evaluator: condition, selectTrue, gather, projections, ArrowColumns.write, as
 * FilterProjectOperator does) on random Arrow batches. The planner-side checks run everywhere.
 */
@Timeout(120)
class TestCudaGpuOperators {
  private static final DataType DEC = DataType.decimal(12, 2);
  private static final Schema INPUT = new Schema(List.of(new Field("a", DataType.INT64), new Field("b", DataType.INT64),
      new Field("x", DataType.FLOAT64), new Field("y", DataType.FLOAT64), new Field("d", DEC),
      new Field("day", DataType.DATE32), new Field("n", DataType.INT32)));
  private static final BoundRef A = new BoundRef(0, "a", DataType.INT64);
  private static final BoundRef B = new BoundRef(1, "b", DataType.INT64);
  private static final BoundRef X = new BoundRef(2, "x", DataType.FLOAT64);
  private static final BoundRef Y = new BoundRef(3, "y", DataType.FLOAT64);
  private static final BoundRef D = new BoundRef(4, "d", DEC);
  private static final BoundRef DAY = new BoundRef(5, "day", DataType.DATE32);
  private static final BoundRef N = new BoundRef(6, "n", DataType.INT32);
  private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE, Double.MAX_VALUE};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static void assumeFakeGpu() {
    assumeTrue("fake-gpu".equals(System.getProperty("sluice.test.gpu.environment")), "needs the fake-gpu execution");
    Path dir = Path.of(System.getProperty("sluice.test.fakecuda.dir", "target/fakecuda"));
    assumeTrue(Files.exists(dir.resolve("libcuda.so.1")), "fake CUDA driver not built (no g++?)");
    assertThat(CudaRuntime.status().available()).as(CudaRuntime.status().toString()).isTrue();
  }

  private static FilterProjectExec node(Expression condition, List<Expression> projections) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < projections.size(); i++) {
      fields.add(new Field("c" + i, projections.get(i).dataType()));
    }
    PlanNodeId id = new PlanNodeId(1);
    return new FilterProjectExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))), condition, projections,
        new Schema(fields));
  }

  private Batch batch(Random random, int rows, boolean smallInts) {
    List<ColumnData> columns = new ArrayList<>();
    for (Field field : INPUT.fields()) {
      boolean[] nulls = new boolean[rows];
      long[] longs = new long[rows];
      double[] doubles = new double[rows];
      for (int i = 0; i < rows; i++) {
        nulls[i] = random.nextInt(7) == 0;
        if (field.type() instanceof DataType.Float64) {
          doubles[i] = random.nextInt(5) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextInt(200) - 100.5;
        } else if (field.type() instanceof DataType.Date32) {
          longs[i] = 18000 + random.nextInt(400);
        } else if (field.type() instanceof DataType.Int32) {
          longs[i] = random.nextInt(9) == 0 ? Integer.MIN_VALUE : random.nextInt(20);
        } else if (field.type() instanceof DataType.Decimal) {
          longs[i] = !smallInts && random.nextInt(9) == 0 ? (random.nextBoolean() ? 1 : -1) * 999_999_999_999L
              : random.nextInt(11) == 0 ? 0 : random.nextLong(-100_000, 100_000);
        } else if (!smallInts && random.nextInt(9) == 0) {
          longs[i] = random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3);
        } else {
          longs[i] = random.nextInt(2000) - 1000;
        }
      }
      columns.add(field.type() instanceof DataType.Float64 ? new DoubleData(doubles, nulls, rows)
          : new LongData(field.type(), longs, nulls, rows));
    }
    return ArrowColumns.write(new VectorBatch(INPUT, columns, rows), allocator);
  }

  /** The CPU operator's answer for one batch, as rows of Java values; empty when no row is left. */
  private static List<List<Object>> cpu(FilterProjectExec node, Batch batch, BufferAllocator allocator) {
    VectorBatch in = ArrowColumns.read(batch);
    int[] selection = null;
    int count = in.rowCount();
    if (node.condition() != null) {
      selection = ((BoolData) ExpressionEvaluator.compile(node.condition()).evaluate(in)).selectTrue();
      count = selection.length;
    }
    if (count == 0) {
      return List.of();
    }
    VectorBatch kept = selection == null ? in : in.gather(selection, count);
    List<ColumnData> outputs = new ArrayList<>();
    for (CompiledExpression projection : ExpressionEvaluator.compileAll(node.projections())) {
      outputs.add(projection.evaluate(kept));
    }
    try (Batch out = ArrowColumns.write(new VectorBatch(node.schema(), outputs, count), allocator)) {
      return rows(out);
    }
  }

  private static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    if (batch == null) {
      return rows;
    }
    VectorBatch columns = ArrowColumns.read(batch);
    for (int i = 0; i < columns.rowCount(); i++) {
      List<Object> row = new ArrayList<>();
      for (ColumnData column : columns.columns()) {
        Object value = column.getObject(i);
        // Double.equals compares bits: NaN = NaN, -0.0 != 0.0, as "identical" means
        row.add(value);
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<FilterProjectExec> nodes() {
    Expression cond = new And(new Comparison(Comparison.Op.GREATER, A, Literal.of(-500L)),
        new And(new Comparison(Comparison.Op.LESS_OR_EQUAL, X, Literal.of(50.0)),
            new Comparison(Comparison.Op.NOT_EQUAL, D, Literal.of(new BigDecimal("3.1")))));
    Expression dateCond = new And(new Comparison(Comparison.Op.GREATER_OR_EQUAL, DAY,
        new Literal(LocalDate.ofEpochDay(18100), DataType.DATE32)),
        new Comparison(Comparison.Op.LESS, Literal.of(0.0), Y));
    List<Expression> projections = List.of(A, D, DAY, new Arithmetic(Arithmetic.Op.ADD, A, B),
        new Arithmetic(Arithmetic.Op.MULTIPLY, new Arithmetic(Arithmetic.Op.SUBTRACT, A, Literal.of(7L)), B),
        new Arithmetic(Arithmetic.Op.MULTIPLY, Literal.of(3L), A),
        new Arithmetic(Arithmetic.Op.DIVIDE, X, Y), new Arithmetic(Arithmetic.Op.ADD, X, Literal.of(-0.0)),
        new Arithmetic(Arithmetic.Op.MULTIPLY, X, Y), new Arithmetic(Arithmetic.Op.DIVIDE, X, Literal.of(0.0)));
    List<Expression> decimals = List.of(new Arithmetic(Arithmetic.Op.MULTIPLY, D, D),
        new Arithmetic(Arithmetic.Op.ADD, D, Literal.of(new BigDecimal("1.5"))),
        new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(BigDecimal.ONE), D),
        new Arithmetic(Arithmetic.Op.MULTIPLY, Literal.of(new BigDecimal("0.07")), D),
        new Arithmetic(Arithmetic.Op.MULTIPLY, D,
            new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(BigDecimal.ONE), D)),
        new Arithmetic(Arithmetic.Op.DIVIDE, D, Literal.of(new BigDecimal("3"))),
        new Arithmetic(Arithmetic.Op.SUBTRACT, D, D),
        new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(5L), A),
        new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(2.5), X));
    return List.of(node(cond, projections), node(dateCond, projections), node(null, List.of(X, A)),
        node(new Comparison(Comparison.Op.LESS, D, Literal.of(new BigDecimal("500.5"))), decimals),
        node(null, decimals),
        // scale 15 needs d * 10^15: beyond the fast path for most rows, so those batches fall back
        node(null, List.of(new Arithmetic(Arithmetic.Op.DIVIDE, D, D))),
        node(new Comparison(Comparison.Op.EQUAL, X, Literal.of(Double.NaN)), List.of(Y, X)),
        node(new Comparison(Comparison.Op.GREATER, A, Literal.of(Long.MAX_VALUE)), List.of(A)),
        node(new And(new Comparison(Comparison.Op.GREATER_OR_EQUAL, N, Literal.of(5)),
            new Comparison(Comparison.Op.LESS, Literal.of(-3), N)), List.of(N, A, DAY)));
  }

  @Test
  void testUnsupportedReasons() {
    GpuOperators operators = new CudaGpuOperators();
    assertThat(GpuOperators.discover()).get().isInstanceOf(CudaGpuOperators.class);
    for (FilterProjectExec node : nodes()) {
      assertThat(operators.unsupported(node)).as(node.describe()).isEmpty();
    }
    BoundRef wide = new BoundRef(0, "w", DataType.decimal(38, 10));
    assertThat(operators.unsupported(node(null, List.of(wide)))).contains("type decimal(38,10) not supported");
    assertThat(operators.unsupported(node(null, List.of(new Arithmetic(Arithmetic.Op.REMAINDER, D, D)))))
        .get().asString().contains("not supported on GPU");
    assertThat(operators.unsupported(node(new dev.sluice.engine.expr.Or(
        new Comparison(Comparison.Op.LESS, A, Literal.of(1L)), new Comparison(Comparison.Op.LESS, B, Literal.of(1L))),
        List.of(A)))).get().asString().startsWith("expression ((a < 1L) OR");
  }

  @Test
  void testSameAnswerAsCpuOnRandomBatches() {
    assumeFakeGpu();
    GpuOperators gpu = new CudaGpuOperators();
    Random random = new Random(7);
    int gpuBatches = 0;
    int fallbacks = 0;
    for (int size : new int[] {0, 1, 31, 257, 1500}) {
      for (FilterProjectExec node : nodes()) {
        for (boolean small : new boolean[] {true, false}) {
          try (Batch input = batch(random, size, small)) {
            List<List<Object>> expected;
            try {
              expected = cpu(node, input, allocator);
            } catch (dev.sluice.engine.error.EngineException cpuOverflow) {
              // the CPU fails the query (a decimal beyond 64 bits): the GPU must leave the batch to it
              assertThatThrownBy(() -> gpu.filterProject(node, input, allocator)).hasMessageContaining("overflow");
              fallbacks++;
              continue;
            }
            List<List<Object>> actual;
            try {
              try (Batch out = gpu.filterProject(node, input, allocator)) {
                if (out != null) {
                  assertThat(out.arrowSchema()).isEqualTo(node.schema().toArrow());
                }
                actual = rows(out);
              }
              gpuBatches++;
            } catch (RuntimeException overflow) {
              // a forced fallback (the CPU's answer was computed above): only an overflow flag may cause it
              assertThat(overflow).hasMessageContaining("overflow");
              fallbacks++;
              continue;
            }
            assertThat(actual).as(node.describe() + " rows " + size).isEqualTo(expected);
          }
        }
      }
    }
    assertThat(gpuBatches).isGreaterThan(50);
    assertThat(fallbacks).isPositive();
  }

  @Test
  void testThrowsWithoutUsableGpuSoTheCallerRunsTheCpu() {
    assumeTrue(!CudaRuntime.status().available(), "a GPU (or the fake) is usable here");
    try (Batch input = batch(new Random(3), 40, true)) {
      assertThatThrownBy(() -> new CudaGpuOperators().filterProject(nodes().get(0), input, allocator))
          .isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void testOverflowingProductFallsBack() {
    assumeFakeGpu();
    FilterProjectExec node = node(null, List.of(new Arithmetic(Arithmetic.Op.MULTIPLY, A, B)));
    List<ColumnData> columns = new ArrayList<>();
    for (Field field : INPUT.fields()) {
      columns.add(field.type() instanceof DataType.Float64 ? new DoubleData(new double[2], null, 2)
          : new LongData(field.type(), new long[] {Long.MAX_VALUE, 3}, null, 2));
    }
    try (Batch input = ArrowColumns.write(new VectorBatch(INPUT, columns, 2), allocator)) {
      assertThatThrownBy(() -> new CudaGpuOperators().filterProject(node, input, allocator))
          .hasMessageContaining("overflow");
      assertThat(cpu(node, input, allocator)).containsExactly(List.of(1L), List.of(9L));
    }
  }
}
