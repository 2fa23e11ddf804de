package dev.sluice.engine.vector;

import static dev.sluice.engine.vector.TestExpressionEvaluator.call;
import static dev.sluice.engine.vector.TestExpressionEvaluator.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact values at the edges: decimal result types and rounding, overflow, bounds, escapes, Unicode. */
class TestExpressionEdgeCases {
  private static VectorBatch batchOf(DataType type, Object... values) {
    return ColumnBuilder.batch(List.of(new Field("x", type)), List.of(ColumnBuilder.column(type, values)));
  }

  private static List<Object> evaluate(Expression expression, VectorBatch batch) {
    ColumnData column = ExpressionEvaluator.compile(expression).evaluate(batch);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < column.size(); i++) {
      values.add(column.getObject(i));
    }
    return values;
  }

  private static BigDecimal[] decimals(String... values) {
    BigDecimal[] out = new BigDecimal[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? null : new BigDecimal(values[i]);
    }
    return out;
  }

  @Test
  void testDecimalResultTypesFollowSpark() {
    BoundRef a = new BoundRef(0, "a", DataType.decimal(15, 2));
    BoundRef b = new BoundRef(1, "b", DataType.decimal(5, 0));
    assertThat(new Arithmetic(Arithmetic.Op.ADD, a, b).dataType()).isEqualTo(DataType.decimal(16, 2));
    assertThat(new Arithmetic(Arithmetic.Op.MULTIPLY, a, a).dataType()).isEqualTo(DataType.decimal(31, 4));
    assertThat(new Arithmetic(Arithmetic.Op.DIVIDE, a, b).dataType()).isEqualTo(DataType.decimal(21, 8));
    assertThat(new Arithmetic(Arithmetic.Op.REMAINDER, a, b).dataType()).isEqualTo(DataType.decimal(7, 2));
    VectorBatch batch = ColumnBuilder.batch(List.of(new Field("a", a.type()), new Field("b", b.type())),
        List.of(ColumnBuilder.column(a.type(), (Object[]) decimals("10.00", "7.50", "-1.25")),
            ColumnBuilder.column(b.type(), (Object[]) decimals("3", "0", "2"))));
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, a, b), batch))
        .containsExactly(new BigDecimal("3.33333333"), null, new BigDecimal("-0.62500000"));
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.REMAINDER, a, b), batch))
        .containsExactly(new BigDecimal("1.00"), null, new BigDecimal("-1.25"));
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.MULTIPLY, a, a), batch))
        .containsExactly(new BigDecimal("100.0000"), new BigDecimal("56.2500"), new BigDecimal("1.5625"));
  }

  @Test
  void testDecimalDivisionRoundsHalfUp() {
    DataType type = DataType.decimal(7, 0);
    VectorBatch batch = batchOf(type, (Object[]) decimals("1", "2", "-2", "1", "-1", "1"));
    Expression divisors = Literal.of(new BigDecimal("3"));
    // decimal(7,0) / decimal(1,0): scale max(6, 0 + 1 + 1) = 6.
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, new BoundRef(0, "x", type), divisors), batch))
        .containsExactly(new BigDecimal("0.333333"), new BigDecimal("0.666667"), new BigDecimal("-0.666667"),
            new BigDecimal("0.333333"), new BigDecimal("-0.333333"), new BigDecimal("0.333333"));
    VectorBatch halves = batchOf(type, (Object[]) decimals("1", "-1", "3"));
    Expression twoMillion = Literal.of(new BigDecimal("2000000"));
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, new BoundRef(0, "x", type), twoMillion), halves))
        .containsExactly(new BigDecimal("0.00000050"), new BigDecimal("-0.00000050"), new BigDecimal("0.00000150"));
  }

  @Test
  void testDecimalMultiplyRoundsWhenTheResultScaleIsCapped() {
    DataType type = DataType.decimal(20, 10);
    BoundRef x = new BoundRef(0, "x", type);
    Expression product = new Arithmetic(Arithmetic.Op.MULTIPLY, x, x);
    // 20 + 20 + 1 = 41 digits > 38: Spark keeps 21 integral digits and gives up scale to 17.
    assertThat(product.dataType()).isEqualTo(DataType.decimal(38, 17));
    VectorBatch batch = batchOf(type, (Object[]) decimals("0.0000000005", "-0.0000000005", "1.2345678901",
        "0.0000000004", null));
    assertThat(evaluate(product, batch)).containsExactly(new BigDecimal("0.00000000000000000"),
        new BigDecimal("0.00000000000000000"), new BigDecimal("1.52415787526596568"),
        new BigDecimal("0.00000000000000000"), null);
    ExpressionChecks.check(product, batchOf(type, (Object[]) decimals("3.0000000005", "-0.0000031623", "0.0000031623")));
  }

  @Test
  void testDecimalOverflowNamesTheExpression() {
    DataType type = DataType.decimal(18, 0);
    BoundRef x = new BoundRef(0, "price", type);
    Expression product = new Arithmetic(Arithmetic.Op.MULTIPLY, x, x);
    VectorBatch batch = batchOf(type, (Object[]) decimals("1", "999999999999", null));
    assertThatThrownBy(() -> ExpressionEvaluator.compile(product).evaluate(batch))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("(price * price)")
        .hasMessageContaining("999999999998000000000001")
        .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    // The same values but the large one null: no error.
    VectorBatch fine = batchOf(type, (Object[]) decimals("1", null, "-3"));
    assertThat(evaluate(product, fine)).containsExactly(new BigDecimal("1"), null, new BigDecimal("9"));
  }

  @Test
  void testDivisionByZeroGivesNull() {
    VectorBatch ints = batchOf(DataType.INT32, 7, -7, null);
    BoundRef x = new BoundRef(0, "x", DataType.INT32);
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, x, Literal.of(0)), ints)).containsOnlyNulls();
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.REMAINDER, Literal.of(5), x), batchOf(DataType.INT32, 0, 2)))
        .containsExactly(null, 1);
    VectorBatch doubles = batchOf(DataType.FLOAT64, 1.0, 0.0, -0.0);
    BoundRef d = new BoundRef(0, "d", DataType.FLOAT64);
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, Literal.of(1.0), d), doubles))
        .containsExactly(1.0, null, null);
  }

  @Test
  void testIntegerArithmeticWraps() {
    VectorBatch ints = batchOf(DataType.INT32, Integer.MAX_VALUE, Integer.MIN_VALUE);
    BoundRef x = new BoundRef(0, "x", DataType.INT32);
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.ADD, x, Literal.of(1)), ints))
        .containsExactly(Integer.MIN_VALUE, Integer.MIN_VALUE + 1);
    assertThat(evaluate(call(ScalarFunction.ABS, x), ints)).containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE);
    assertThat(evaluate(new Arithmetic(Arithmetic.Op.DIVIDE, x, Literal.of(-1)), ints))
        .containsExactly(-Integer.MAX_VALUE, Integer.MIN_VALUE);
  }

  @Test
  void testSubstringFollowsSparkPositions() {
    VectorBatch batch = batchOf(DataType.UTF8, "Spark SQL", "日本語😀x", "");
    BoundRef s = new BoundRef(0, "s", DataType.UTF8);
    Object[][] cases = {{5, 1, "k", "x", ""}, {4, 1, "r", "😀", ""}, {-3, 2, "SQ", "語😀", ""}, {0, 3, "Spa", "日本語", ""},
        {1, 0, "", "", ""}, {-100, 93, "Sp", "", ""}, {-100, 102, "Spark SQL", "日本語😀x", ""}, {10, 5, "", "", ""}, {2, -1, "", "", ""},
        {4, Integer.MAX_VALUE, "rk SQL", "😀x", ""}};
    for (Object[] c : cases) {
      assertThat(evaluate(call(ScalarFunction.SUBSTRING, s, Literal.of((Integer) c[0]), Literal.of((Integer) c[1])),
          batch)).as("substring(s, %s, %s)", c[0], c[1]).containsExactly(c[2], c[3], c[4]);
    }
  }

  @Test
  void testLikeEscapes() {
    VectorBatch batch = batchOf(DataType.UTF8, "a%b", "axb", "a_b", "a\\b", "%", "");
    BoundRef s = new BoundRef(0, "s", DataType.UTF8);
    assertThat(evaluate(call(ScalarFunction.LIKE, s, Literal.of("a\\%b")), batch))
        .containsExactly(true, false, false, false, false, false);
    assertThat(evaluate(call(ScalarFunction.LIKE, s, Literal.of("a\\_b")), batch))
        .containsExactly(false, false, true, false, false, false);
    assertThat(evaluate(call(ScalarFunction.LIKE, s, Literal.of("a\\\\b")), batch))
        .containsExactly(false, false, false, true, false, false);
    assertThat(evaluate(call(ScalarFunction.LIKE, s, Literal.of("a_b")), batch))
        .containsExactly(true, true, true, true, false, false);
    assertThat(evaluate(call(ScalarFunction.LIKE, s, Literal.of("\\%%")), batch))
        .containsExactly(false, false, false, false, true, false);
    for (String invalid : new String[] {"a\\", "\\a", "%\\x%"}) {
      assertThatThrownBy(() -> ExpressionEvaluator.compile(call(ScalarFunction.LIKE, s, Literal.of(invalid))))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining(invalid)
          .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    VectorBatch patterns = ColumnBuilder.batch(List.of(new Field("s", DataType.UTF8), new Field("p", DataType.UTF8)),
        List.of(ColumnBuilder.column(DataType.UTF8, "abc", "abc", "a%c", null, "日本"),
            ColumnBuilder.column(DataType.UTF8, "a%", "_b_", "a\\%c", "x", "_本")));
    assertThat(evaluate(call(ScalarFunction.LIKE, s, new BoundRef(1, "p", DataType.UTF8)), patterns))
        .containsExactly(true, true, true, null, true);
  }

  @Test
  void testUnicodeCaseAndLength() {
    VectorBatch batch = batchOf(DataType.UTF8, "straße", "İstanbul", "ǅemal", "😀a", "日本", "ABC", null);
    BoundRef s = new BoundRef(0, "s", DataType.UTF8);
    assertThat(evaluate(call(ScalarFunction.UPPER, s), batch))
        .containsExactly("STRASSE", "İSTANBUL", "ǄEMAL", "😀A", "日本", "ABC", null);
    assertThat(evaluate(call(ScalarFunction.LOWER, s), batch))
        .containsExactly("straße", "i̇stanbul", "ǆemal", "😀a", "日本", "abc", null);
    assertThat(evaluate(call(ScalarFunction.LENGTH, s), batch)).containsExactly(6, 8, 5, 2, 2, 3, null);
  }

  @Test
  void testStringCastsAtTheEdges() {
    VectorBatch batch = batchOf(DataType.UTF8, " 12 ", "1.9", "-1.9", ".", "+", "2147483648", "-2147483648", "1e3",
        "\t7\n");
    BoundRef s = new BoundRef(0, "s", DataType.UTF8);
    assertThat(evaluate(new Cast(s, DataType.INT32), batch))
        .containsExactly(12, 1, -1, 0, null, null, Integer.MIN_VALUE, null, 7);
    assertThat(evaluate(new Cast(s, DataType.decimal(4, 1)), batch)).containsExactly(new BigDecimal("12.0"),
        new BigDecimal("1.9"), new BigDecimal("-1.9"), null, null, null, null, null, new BigDecimal("7.0"));
    VectorBatch dates = batchOf(DataType.UTF8, "2024-02-29", "2023-02-29", "2024-1-5 12:00", "2024", "2024-13-01",
        "24-01-01", "2024-01-01x");
    assertThat(evaluate(new Cast(s, DataType.DATE32), dates)).containsExactly(LocalDate.of(2024, 2, 29), null,
        LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 1), null, null, null);
    assertThatThrownBy(() -> ExpressionEvaluator.compile(new Cast(new BoundRef(0, "d", DataType.DATE32),
        DataType.INT32))).isInstanceOf(EngineException.class).hasMessageContaining("date32");
  }

  @Test
  void testEvaluateConstant() {
    assertThat(ExpressionEvaluator.evaluateConstant(Literal.of(5))).isEqualTo(5);
    assertThat(ExpressionEvaluator.evaluateConstant(new Arithmetic(Arithmetic.Op.MULTIPLY, dec("1.5"), dec("2.25"))))
        .isEqualTo(new BigDecimal("3.375"));
    assertThat(ExpressionEvaluator.evaluateConstant(new Cast(Literal.of("42"), DataType.INT64))).isEqualTo(42L);
    assertThat(ExpressionEvaluator.evaluateConstant(call(ScalarFunction.DATE_ADD, Literal.of(LocalDate.of(1998, 12,
        1)), Literal.of(-90)))).isEqualTo(LocalDate.of(1998, 9, 2));
    assertThat(ExpressionEvaluator.evaluateConstant(call(ScalarFunction.UPPER, Literal.of("abc")))).isEqualTo("ABC");
    assertThat(ExpressionEvaluator.evaluateConstant(Literal.nullOf(DataType.INT32))).isNull();
    assertThatThrownBy(() -> ExpressionEvaluator.evaluateConstant(new BoundRef(0, "x", DataType.INT32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void testUnresolvedAndAggregateExpressionsAreRejected() {
    assertThatThrownBy(() -> ExpressionEvaluator.compile(new ColumnRef("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not resolved");
    assertThatThrownBy(() -> ExpressionEvaluator.compile(new AggregateCall(AggregateFunction.SUM,
        new BoundRef(0, "x", DataType.INT64), false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregate");
  }

  @Test
  void testColumnReferenceReturnsTheInputColumn() {
    VectorBatch batch = batchOf(DataType.INT64, 1L, 2L);
    assertThat(ExpressionEvaluator.compile(new BoundRef(0, "x", DataType.INT64)).evaluate(batch))
        .isSameAs(batch.column(0));
  }
}
