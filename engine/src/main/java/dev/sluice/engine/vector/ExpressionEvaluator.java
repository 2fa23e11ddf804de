package dev.sluice.engine.vector;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.ColumnRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.InList;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.Or;
import dev.sluice.engine.expr.ScalarCall;
import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.kernel.ArithmeticKernel;
import dev.sluice.engine.vector.kernel.CaseWhenKernel;
import dev.sluice.engine.vector.kernel.CastKernel;
import dev.sluice.engine.vector.kernel.ComparisonKernel;
import dev.sluice.engine.vector.kernel.ConstantKernel;
import dev.sluice.engine.vector.kernel.DateKernels;
import dev.sluice.engine.vector.kernel.InListKernel;
import dev.sluice.engine.vector.kernel.LogicKernel;
import dev.sluice.engine.vector.kernel.StringKernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles resolved expressions into trees of vectorized kernels ({@code vector.kernel}): each
 * node evaluates a whole batch with a tight loop over its operands' arrays. Compilation folds
 * every constant subtree into one constant, so kernels see "column op constant" and take their
 * dedicated loops; an operator whose operand is a null constant compiles to a null constant.
 */
public final class ExpressionEvaluator {
  private static final VectorBatch ONE_ROW = new VectorBatch(new Schema(List.of()), List.of(), 1);

  private ExpressionEvaluator() {}

  /**
   * Kernels for a resolved expression (no ColumnRef, no AggregateCall).
   *
   * @throws IllegalArgumentException for an unresolved column or an aggregate
   */
  public static CompiledExpression compile(Expression resolved) {
    return new Compiler(true, List.of()).compile(resolved);
  }

  /**
   * Kernels for several resolved expressions evaluated over the same batches (the projections of
   * one operator): a subexpression they share, such as {@code price * (1 - discount)} in TPC-H
   * Q1's two sums, is computed once per batch.
   */
  public static List<CompiledExpression> compileAll(List<Expression> resolved) {
    Compiler compiler = new Compiler(true, resolved);
    List<CompiledExpression> compiled = new ArrayList<>(resolved.size());
    for (Expression expression : resolved) {
      compiled.add(compiler.compile(expression));
    }
    return compiled;
  }

  /**
   * The value of a foldable expression (no column reads), as a Literal holds it, or null.
   *
   * @throws IllegalArgumentException when the expression reads a column or aggregates
   */
  public static Object evaluateConstant(Expression foldable) {
    if (foldable instanceof Literal literal) {
      return literal.value();
    }
    if (!foldable.foldable()) {
      throw new IllegalArgumentException("expression " + foldable.sql() + " is not constant: it reads columns");
    }
    return new Compiler(false, List.of()).compile(foldable).evaluate(ONE_ROW).getObject(0);
  }

  /** One compilation: whether to fold constants, and the subexpressions to share. */
  private static final class Compiler {
    private final boolean fold;
    private final Set<Expression> repeated = new HashSet<>();
    private final Map<Expression, CompiledExpression> shared = new HashMap<>();

    Compiler(boolean fold, List<Expression> expressions) {
      this.fold = fold;
      Set<Expression> seen = new HashSet<>();
      for (Expression expression : expressions) {
        collect(expression, seen);
      }
    }

    private void collect(Expression expression, Set<Expression> seen) {
      if (expression instanceof BoundRef || expression instanceof Literal || expression.foldable()) {
        return;
      }
      if (!(expression instanceof Alias) && !seen.add(expression)) {
        repeated.add(expression);
        return;
      }
      for (Expression child : expression.children()) {
        collect(child, seen);
      }
    }

    CompiledExpression compile(Expression expression) {
      if (!repeated.contains(expression)) {
        return ExpressionEvaluator.compile(expression, this);
      }
      CompiledExpression existing = shared.get(expression);
      if (existing == null) {
        existing = new LastBatchMemo(ExpressionEvaluator.compile(expression, this));
        shared.put(expression, existing);
      }
      return existing;
    }
  }

  private static CompiledExpression compile(Expression expression, Compiler compiler) {
    boolean fold = compiler.fold;
    if (expression instanceof ColumnRef ref) {
      throw new IllegalArgumentException("column '" + ref.sql() + "' is not resolved: analyze the expression first");
    }
    if (expression instanceof AggregateCall aggregate) {
      throw new IllegalArgumentException("aggregate " + aggregate.sql()
          + " must be planned as an aggregation, not evaluated as a column expression");
    }
    if (expression instanceof Literal literal) {
      return new ConstantKernel(literal.type(), literal.value(), literal.sql());
    }
    if (fold && expression.foldable()) {
      return new ConstantKernel(expression.dataType(), evaluateConstant(expression), expression.sql());
    }
    if (expression instanceof BoundRef ref) {
      return bound(ref);
    }
    if (expression instanceof Alias alias) {
      return compiler.compile(alias.child());
    }
    if (expression instanceof And and) {
      return LogicKernel.andOr(false, compiler.compile(and.left()), compiler.compile(and.right()));
    }
    if (expression instanceof Or or) {
      return LogicKernel.andOr(true, compiler.compile(or.left()), compiler.compile(or.right()));
    }
    if (expression instanceof IsNull isNull) {
      return LogicKernel.isNull(isNull.negated(), compiler.compile(isNull.child()));
    }
    if (expression instanceof CaseWhen caseWhen) {
      int branches = caseWhen.branches().size();
      CompiledExpression[] conditions = new CompiledExpression[branches];
      CompiledExpression[] values = new CompiledExpression[branches + 1];
      for (int b = 0; b < branches; b++) {
        conditions[b] = compiler.compile(caseWhen.branches().get(b).condition());
        values[b] = compiler.compile(caseWhen.branches().get(b).value());
      }
      values[branches] = compiler.compile(caseWhen.otherwise());
      return new CaseWhenKernel(caseWhen.dataType(), conditions, values);
    }
    if (expression instanceof InList in) {
      return inList(in, compiler);
    }
    // The rest are strict: a null constant operand makes the result null.
    List<CompiledExpression> children = new ArrayList<>();
    for (Expression child : expression.children()) {
      CompiledExpression compiled = compiler.compile(child);
      if (compiled instanceof ConstantKernel constant && constant.isNull()) {
        return new ConstantKernel(expression.dataType(), null, expression.sql());
      }
      children.add(compiled);
    }
    if (expression instanceof Arithmetic arithmetic) {
      return ArithmeticKernel.create(arithmetic, children.get(0), children.get(1));
    }
    if (expression instanceof Comparison comparison) {
      return ComparisonKernel.create(comparison, children.get(0), children.get(1));
    }
    if (expression instanceof Not) {
      return LogicKernel.not(children.get(0));
    }
    if (expression instanceof Cast cast) {
      return CastKernel.create(cast, children.get(0));
    }
    return scalarCall((ScalarCall) expression, children.toArray(new CompiledExpression[0]));
  }

  private static CompiledExpression bound(BoundRef ref) {
    int index = ref.index();
    DataType type = ref.type();
    return input -> {
      if (index >= input.columns().size()) {
        throw new EngineException(ErrorCode.INTERNAL, "Column " + ref.name() + " is bound to input column " + index
            + " but the batch has only " + input.schema() + "; this is a bug in Sluice");
      }
      ColumnData column = input.column(index);
      DataType actual = column.type();
      if (!actual.equals(type) && !(actual instanceof DataType.Decimal a && type instanceof DataType.Decimal b
          && a.scale() == b.scale())) {
        throw new EngineException(ErrorCode.INTERNAL, "Column " + ref.name() + " was analyzed as "
            + type.displayName() + " but the batch holds " + actual.displayName() + "; this is a bug in Sluice");
      }
      return column;
    };
  }

  private static CompiledExpression inList(InList in, Compiler compiler) {
    CompiledExpression child = compiler.compile(in.child());
    if (child instanceof ConstantKernel constant && constant.isNull()) {
      return new ConstantKernel(DataType.BOOLEAN, null, in.sql());
    }
    List<ConstantKernel> constants = new ArrayList<>();
    List<CompiledExpression> values = new ArrayList<>();
    for (Expression value : in.values()) {
      CompiledExpression compiled = compiler.compile(value);
      values.add(compiled);
      if (compiled instanceof ConstantKernel constant) {
        constants.add(constant);
      }
    }
    if (constants.size() == values.size()) {
      return new InListKernel(in.child().dataType(), child, constants);
    }
    // child = v1 OR child = v2 ...: the same three-valued result; the child is evaluated once per batch.
    CompiledExpression shared = new LastBatchMemo(child);
    CompiledExpression result = null;
    for (int k = 0; k < values.size(); k++) {
      Comparison equal = new Comparison(Comparison.Op.EQUAL, in.child(), in.values().get(k));
      CompiledExpression test = values.get(k) instanceof ConstantKernel constant && constant.isNull()
          ? new ConstantKernel(DataType.BOOLEAN, null, equal.sql())
          : ComparisonKernel.create(equal, shared, values.get(k));
      result = result == null ? test : LogicKernel.andOr(true, result, test);
    }
    return result;
  }

  private static CompiledExpression scalarCall(ScalarCall call, CompiledExpression[] args) {
    ScalarFunction function = call.function();
    int expected = switch (function) {
      case SUBSTRING -> 3;
      case LIKE, STARTS_WITH, ENDS_WITH, CONTAINS, DATE_ADD, DATE_DIFF -> 2;
      case CONCAT -> args.length;
      default -> 1;
    };
    if (args.length != expected) {
      throw new IllegalArgumentException(function.sqlName() + " takes " + expected + " arguments, got "
          + args.length + " in " + call.sql());
    }
    return switch (function) {
      case SUBSTRING, LIKE, STARTS_WITH, ENDS_WITH, CONTAINS, UPPER, LOWER, LENGTH, CONCAT ->
          StringKernels.create(function, args);
      case YEAR, MONTH, DAY_OF_MONTH, DATE_ADD, DATE_DIFF -> DateKernels.create(function, args);
      case ABS, NEGATE -> ArithmeticKernel.unary(function, call.dataType(), args[0], call.sql());
    };
  }

  /** Evaluates its child once per batch however often it is asked (for a child shared by several kernels). */
  private static final class LastBatchMemo implements CompiledExpression {
    private final CompiledExpression child;
    private VectorBatch lastInput;
    private ColumnData lastResult;

    LastBatchMemo(CompiledExpression child) {
      this.child = child;
    }

    @Override
    public ColumnData evaluate(VectorBatch input) {
      if (input != lastInput) {
        lastResult = child.evaluate(input);
        lastInput = input;
      }
      return lastResult;
    }
  }
}
