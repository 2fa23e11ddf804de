package dev.sluice.engine.relational.planner;

import static dev.sluice.engine.relational.optimizer.ExpressionRewrites.stripAlias;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.CaseWhen;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans distinct aggregates ({@code countDistinct(x)}, {@code sum(DISTINCT x)}) as two ordinary
 * aggregations: the first groups by the grouping columns plus {@code x} (so each distinct value is
 * one row) and pre-aggregates the other aggregates; the second groups by the grouping columns,
 * applies the distinct aggregates to {@code x} without distinct, and merges the pre-aggregates
 * (sums of sums, sums of counts, min of mins, max of maxes, averages as sum over count).
 *
 * <pre>
 * Aggregate by [k] [count(DISTINCT x), sum(y)]   =&gt;   Aggregate by [_g0] [count(_d), CAST(sum(_p0) AS t)]
 *                                                       Aggregate by [k, x] [k AS _g0, x AS _d, sum(y) AS _p0]
 * </pre>
 *
 * One distinct input per aggregation is supported (several distinct aggregates of the same input
 * are fine); distinct aggregates of different inputs fail with INVALID_QUERY.
 */
final class DistinctAggregates {
  private DistinctAggregates() {}

  static boolean hasDistinct(AggregateRelation aggregate) {
    for (AggregateCall call : calls(aggregate)) {
      if (call.distinct()) {
        return true;
      }
    }
    return false;
  }

  /** The aggregate calls of an aggregate's outputs, each once, in order of appearance. */
  static List<AggregateCall> calls(AggregateRelation aggregate) {
    List<AggregateCall> calls = new ArrayList<>();
    for (Expression output : aggregate.outputs()) {
      collect(output, calls);
    }
    return calls;
  }

  private static void collect(Expression expression, List<AggregateCall> calls) {
    if (expression instanceof AggregateCall call) {
      if (!calls.contains(call)) {
        calls.add(call);
      }
      return;
    }
    for (Expression child : expression.children()) {
      collect(child, calls);
    }
  }

  /** The two-step form of an aggregate with distinct aggregates, analyzed, with the same output columns. */
  static Relation rewrite(AggregateRelation aggregate) {
    List<AggregateCall> calls = calls(aggregate);
    Expression distinctInput = null;
    for (AggregateCall call : calls) {
      if (call.distinct()) {
        Expression input = stripAlias(call.input());
        if (distinctInput != null && !distinctInput.equals(input)) {
          throw new EngineException(ErrorCode.INVALID_QUERY, "Only one distinct input per aggregation is supported, got "
              + calls.stream().filter(AggregateCall::distinct).map(AggregateCall::sql).toList()
              + "; compute them in separate aggregations and join the results");
        }
        distinctInput = input;
      }
    }
    List<Expression> groupings = aggregate.groupings();
    int width = groupings.size();
    List<Expression> innerGroupings = new ArrayList<>();
    List<Expression> innerOutputs = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      innerGroupings.add(stripAlias(groupings.get(i)));
      innerOutputs.add(new Alias(stripAlias(groupings.get(i)), "_g" + i));
    }
    innerGroupings.add(distinctInput);
    innerOutputs.add(new Alias(distinctInput, "_d"));
    Map<AggregateCall, Integer> partials = new LinkedHashMap<>();
    for (AggregateCall call : calls) {
      if (call.distinct()) {
        continue;
      }
      partials.put(call, innerOutputs.size());
      AggregateFunction function = call.function();
      String name = "_p" + partials.size();
      if (function == AggregateFunction.AVG) {
        innerOutputs.add(new Alias(new AggregateCall(AggregateFunction.SUM, call.input(), false), name + "_sum"));
        innerOutputs.add(new Alias(new AggregateCall(AggregateFunction.COUNT, call.input(), false), name + "_count"));
      } else {
        innerOutputs.add(new Alias(call, name));
      }
    }
    Relation inner = Analyzer.analyze(new AggregateRelation(aggregate.child(), innerGroupings, innerOutputs));
    List<Expression> outerGroupings = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      outerGroupings.add(ref(inner, i));
    }
    BoundRef distinct = ref(inner, width);
    List<Expression> outerOutputs = new ArrayList<>();
    for (Expression output : aggregate.outputs()) {
      Expression rewritten = ExpressionRewrites.transformUp(output, node -> {
        if (node instanceof AggregateCall call) {
          return call.distinct() ? new AggregateCall(call.function(), distinct, false)
              : merge(call, inner, partials.get(call));
        }
        return node;
      });
      outerOutputs.add(ExpressionRewrites.keepName(output, replaceGroupings(rewritten, groupings, outerGroupings)));
    }
    return Analyzer.analyze(new AggregateRelation(inner, outerGroupings, outerOutputs));
  }

  private static Expression replaceGroupings(Expression expression, List<Expression> groupings,
      List<Expression> replacements) {
    if (expression instanceof AggregateCall) {
      return expression;
    }
    for (int i = 0; i < groupings.size(); i++) {
      if (stripAlias(groupings.get(i)).equals(stripAlias(expression))) {
        return replacements.get(i);
      }
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> replaced = new ArrayList<>();
    for (Expression child : children) {
      replaced.add(replaceGroupings(child, groupings, replacements));
    }
    return expression.withChildren(replaced);
  }

  /** The second-step aggregate that merges the pre-aggregated state of a non-distinct call. */
  private static Expression merge(AggregateCall call, Relation inner, int column) {
    BoundRef partial = ref(inner, column);
    DataType type = call.dataType();
    return switch (call.function()) {
      case SUM -> new Cast(new AggregateCall(AggregateFunction.SUM, partial, false), type);
      case COUNT -> {
        Expression total = new AggregateCall(AggregateFunction.SUM, partial, false);
        yield new CaseWhen(List.of(new CaseWhen.Branch(new IsNull(total, false), new Literal(0L, DataType.INT64))),
            total);
      }
      case MIN, MAX -> new AggregateCall(call.function(), partial, false);
      case AVG -> {
        Expression sum = new AggregateCall(AggregateFunction.SUM, partial, false);
        Expression count = new AggregateCall(AggregateFunction.SUM, ref(inner, column + 1), false);
        if (type instanceof DataType.Decimal) {
          yield new Cast(new Arithmetic(Arithmetic.Op.DIVIDE, sum, count), type);
        }
        yield new Arithmetic(Arithmetic.Op.DIVIDE, new Cast(sum, DataType.FLOAT64), new Cast(count, DataType.FLOAT64));
      }
    };
  }

  private static BoundRef ref(Relation relation, int index) {
    var field = relation.schema().fields().get(index);
    return new BoundRef(index, field.name(), field.type());
  }
}
