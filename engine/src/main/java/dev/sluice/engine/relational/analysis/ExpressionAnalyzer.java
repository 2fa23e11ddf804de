package dev.sluice.engine.relational.analysis;

import static dev.sluice.engine.relational.analysis.TypeCoercion.castTo;
import static dev.sluice.engine.relational.analysis.TypeCoercion.isNullLiteral;
import static dev.sluice.engine.relational.analysis.TypeCoercion.isNumeric;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
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
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves one expression against a {@link Scope} and coerces its operands, bottom-up, so that
 * every node meets the post-analysis contract its record states (see the records of
 * {@code dev.sluice.engine.expr}). Already resolved nodes pass through unchanged, so analyzing an
 * analyzed expression returns an equal one.
 */
final class ExpressionAnalyzer {
  private final Scope scope;
  /** Where the expression sits, for messages ("filter condition", "select"...). */
  private final String context;
  /** Whether aggregate calls may appear (only in an aggregate's outputs). */
  private final boolean aggregatesAllowed;

  private ExpressionAnalyzer(Scope scope, String context, boolean aggregatesAllowed) {
    this.scope = scope;
    this.context = context;
    this.aggregatesAllowed = aggregatesAllowed;
  }

  /** The expression resolved and coerced; aggregate calls are refused. */
  static Expression analyze(Expression expression, Scope scope, String context) {
    return new ExpressionAnalyzer(scope, context, false).resolve(expression);
  }

  /** As {@link #analyze} for an aggregate's output, where aggregate calls (not nested) are allowed. */
  static Expression analyzeAggregateOutput(Expression expression, Scope scope) {
    return new ExpressionAnalyzer(scope, "aggregate output", true).resolve(expression);
  }

  /** A boolean expression (a filter or join condition). */
  static Expression analyzeCondition(Expression expression, Scope scope, String context) {
    Expression resolved = analyze(expression, scope, context);
    if (isNullLiteral(resolved)) {
      return Literal.nullOf(DataType.BOOLEAN);
    }
    if (!(resolved.dataType() instanceof DataType.Bool)) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "The " + context + " " + resolved.sql()
          + " must be boolean, got " + resolved.dataType().displayName());
    }
    return resolved;
  }

  private Expression resolve(Expression expression) {
    if (expression instanceof ColumnRef ref) {
      return scope.resolve(ref);
    }
    if (expression instanceof BoundRef ref) {
      return checkBound(ref);
    }
    if (expression instanceof Literal) {
      return expression;
    }
    if (expression instanceof AggregateCall call) {
      if (!aggregatesAllowed) {
        throw new EngineException(ErrorCode.INVALID_QUERY, "Aggregate " + call.sql() + " is not allowed in the "
            + context + "; aggregates go in groupBy(...).agg(...) or in a select of only aggregates");
      }
      Expression input = call.input() == null ? null
          : new ExpressionAnalyzer(scope, "input of " + call.function().sqlName(), false).resolve(call.input());
      return checkAggregate(input == call.input() ? call : new AggregateCall(call.function(), input, call.distinct()));
    }
    List<Expression> children = expression.children();
    List<Expression> resolved = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression analyzed = resolve(child);
      changed |= analyzed != child;
      resolved.add(analyzed);
    }
    return coerce(changed ? expression.withChildren(resolved) : expression);
  }

  private BoundRef checkBound(BoundRef ref) {
    if (ref.index() >= scope.size() || !scope.column(ref.index()).type().equals(ref.type())) {
      throw new EngineException(ErrorCode.INTERNAL, "Bound column " + ref.sql() + "#" + ref.index() + " of type "
          + ref.type().displayName() + " does not match its input (" + scope.size() + " columns)");
    }
    return ref;
  }

  /** The node, whose children are resolved, with casts inserted where its contract needs them. */
  private Expression coerce(Expression node) {
    if (node instanceof Arithmetic arithmetic) {
      return coerceArithmetic(arithmetic);
    }
    if (node instanceof Comparison comparison) {
      return coerceComparison(comparison);
    }
    if (node instanceof And and) {
      Expression left = requireBoolean(and.left(), node, "AND");
      Expression right = requireBoolean(and.right(), node, "AND");
      return left == and.left() && right == and.right() ? and : new And(left, right);
    }
    if (node instanceof Or or) {
      Expression left = requireBoolean(or.left(), node, "OR");
      Expression right = requireBoolean(or.right(), node, "OR");
      return left == or.left() && right == or.right() ? or : new Or(left, right);
    }
    if (node instanceof Not not) {
      Expression child = requireBoolean(not.child(), node, "NOT");
      return child == not.child() ? not : new Not(child);
    }
    if (node instanceof Cast cast) {
      DataType from = cast.child().dataType();
      if (!isNullLiteral(cast.child()) && !TypeCoercion.castable(from, cast.target())) {
        throw new EngineException(ErrorCode.TYPE_MISMATCH, "Cannot cast " + cast.child().sql() + " ("
            + from.displayName() + ") to " + cast.target().displayName());
      }
      return cast;
    }
    if (node instanceof CaseWhen caseWhen) {
      return coerceCaseWhen(caseWhen);
    }
    if (node instanceof InList in) {
      return coerceInList(in);
    }
    if (node instanceof ScalarCall call) {
      return FunctionSignatures.coerce(call);
    }
    if (node instanceof IsNull || node instanceof Alias) {
      return node;
    }
    throw new IllegalStateException("unexpected expression " + node);
  }

  private Expression requireBoolean(Expression operand, Expression node, String operator) {
    if (isNullLiteral(operand)) {
      return Literal.nullOf(DataType.BOOLEAN);
    }
    if (!(operand.dataType() instanceof DataType.Bool)) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, operator + " needs boolean operands, but " + operand.sql()
          + " is " + operand.dataType().displayName() + " in " + node.sql());
    }
    return operand;
  }

  private Expression coerceArithmetic(Arithmetic node) {
    Expression left = adaptNull(node.left(), node.right());
    Expression right = adaptNull(node.right(), left);
    DataType l = left.dataType();
    DataType r = right.dataType();
    if (!isNumeric(l) || !isNumeric(r)) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "Cannot apply '" + node.op().symbol() + "' to "
          + left.sql() + " (" + l.displayName() + ") and " + right.sql() + " (" + r.displayName()
          + "): arithmetic needs numbers (int32, int64, float64 or decimal)" + dateHint(l, r, node.op()));
    }
    boolean integerDivision = node.op() == Arithmetic.Op.DIVIDE && TypeCoercion.isIntegral(l)
        && TypeCoercion.isIntegral(r);
    DataType leftType = integerDivision ? DataType.FLOAT64 : TypeCoercion.numericOperandType(l, r);
    DataType rightType = integerDivision ? DataType.FLOAT64 : TypeCoercion.numericOperandType(r, l);
    Expression castLeft = castTo(left, leftType);
    Expression castRight = castTo(right, rightType);
    return castLeft == node.left() && castRight == node.right() ? node
        : new Arithmetic(node.op(), castLeft, castRight);
  }

  private static String dateHint(DataType l, DataType r, Arithmetic.Op op) {
    boolean date = l instanceof DataType.Date32 || r instanceof DataType.Date32;
    return date && (op == Arithmetic.Op.ADD || op == Arithmetic.Op.SUBTRACT)
        ? "; use date_add(date, days) or datediff(end, start) for dates" : "";
  }

  private Expression coerceComparison(Comparison node) {
    Expression left = adaptNull(node.left(), node.right());
    Expression right = adaptNull(node.right(), left);
    DataType l = left.dataType();
    DataType r = right.dataType();
    Expression castLeft;
    Expression castRight;
    if (l.equals(r)) {
      castLeft = left;
      castRight = right;
    } else if (isNumeric(l) && isNumeric(r)) {
      castLeft = castTo(left, TypeCoercion.numericOperandType(l, r));
      castRight = castTo(right, TypeCoercion.numericOperandType(r, l));
    } else if (l instanceof DataType.Date32 && r instanceof DataType.Utf8
        || l instanceof DataType.Utf8 && r instanceof DataType.Date32) {
      castLeft = castTo(left, DataType.DATE32);
      castRight = castTo(right, DataType.DATE32);
    } else {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "Cannot compare " + left.sql() + " (" + l.displayName()
          + ") with " + right.sql() + " (" + r.displayName() + ") in " + node.sql()
          + "; cast one side to the other's type");
    }
    return castLeft == node.left() && castRight == node.right() ? node
        : new Comparison(node.op(), castLeft, castRight);
  }

  /** A null literal takes the type of the other operand. */
  private static Expression adaptNull(Expression operand, Expression other) {
    return isNullLiteral(operand) && !isNullLiteral(other) ? Literal.nullOf(other.dataType()) : operand;
  }

  private Expression coerceCaseWhen(CaseWhen node) {
    List<Expression> values = new ArrayList<>();
    for (CaseWhen.Branch branch : node.branches()) {
      values.add(branch.value());
    }
    values.add(node.otherwise());
    DataType common = TypeCoercion.commonType(values);
    if (common == null) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "The values of " + node.sql() + " have no common type: "
          + values.stream().map(v -> v.sql() + " (" + v.dataType().displayName() + ")").toList());
    }
    List<CaseWhen.Branch> branches = new ArrayList<>();
    for (CaseWhen.Branch branch : node.branches()) {
      branches.add(new CaseWhen.Branch(requireBoolean(branch.condition(), node, "WHEN"),
          castTo(branch.value(), common)));
    }
    CaseWhen coerced = new CaseWhen(branches, castTo(node.otherwise(), common));
    return coerced.equals(node) ? node : coerced;
  }

  private Expression coerceInList(InList node) {
    List<Expression> all = node.children();
    DataType common = TypeCoercion.commonType(all);
    if (common == null) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "The values of " + node.sql()
          + " cannot be compared with " + node.child().sql() + " (" + node.child().dataType().displayName() + "): "
          + node.values().stream().map(v -> v.sql() + " (" + v.dataType().displayName() + ")").toList());
    }
    List<Expression> values = new ArrayList<>();
    for (Expression value : node.values()) {
      values.add(castTo(value, common));
    }
    InList coerced = new InList(castTo(node.child(), common), values);
    return coerced.equals(node) ? node : coerced;
  }

  private Expression checkAggregate(AggregateCall call) {
    if (call.input() == null) {
      return call;
    }
    if (call.input().containsAggregate()) {
      throw new EngineException(ErrorCode.INVALID_QUERY, "Aggregate " + call.sql()
          + " contains another aggregate; nested aggregates are not supported");
    }
    DataType input = call.input().dataType();
    AggregateFunction function = call.function();
    if ((function == AggregateFunction.SUM || function == AggregateFunction.AVG) && !isNumeric(input)) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, call.sql() + " needs a numeric input (int32, int64, "
          + "float64 or decimal), got " + input.displayName());
    }
    if ((function == AggregateFunction.MIN || function == AggregateFunction.MAX)
        && input instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, call.sql() + " needs an ordered input, got binary");
    }
    return call;
  }
}
