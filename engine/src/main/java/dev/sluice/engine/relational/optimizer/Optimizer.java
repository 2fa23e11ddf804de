package dev.sluice.engine.relational.optimizer;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.rules.BooleanSimplification;
import dev.sluice.engine.relational.optimizer.rules.CombineFilters;
import dev.sluice.engine.relational.optimizer.rules.ConstantFolding;
import dev.sluice.engine.relational.optimizer.rules.PruneColumns;
import dev.sluice.engine.relational.optimizer.rules.PushDownFilters;
import dev.sluice.engine.relational.optimizer.rules.PushDownLimit;
import dev.sluice.engine.relational.optimizer.rules.RemoveAliasRelation;
import dev.sluice.engine.relational.optimizer.rules.Rule;
import dev.sluice.engine.relational.optimizer.rules.TopN;
import java.util.List;

/**
 * Rewrites an analyzed relation tree with the optimizer rules, in batches (as Catalyst does): each
 * batch runs its rules in order, over and over, until a pass changes nothing or the batch's
 * iteration bound is reached. The result has the same rows and the same output columns.
 *
 * <ol>
 *   <li>{@code Finish analysis}, once: drop aliases.
 *   <li>{@code Operator optimizations}, to a fixpoint: constant folding, boolean simplification,
 *       combining and pushing down filters, pushing down limits, limit over sort to top-N.
 *   <li>{@code Column pruning}, to a fixpoint: read and carry only the columns used.
 * </ol>
 */
public final class Optimizer {
  /**
   * Rules that run together.
   *
   * @param name for traces
   * @param maxIterations how many passes at most (1 = once)
   * @param rules the rules, in order
   */
  public record Batch(String name, int maxIterations, List<Rule> rules) {
    public Batch {
      requireNonNull(name, "name is null");
      rules = List.copyOf(requireNonNull(rules, "rules is null"));
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
      }
    }
  }

  /** The batches {@link #optimize(Relation)} runs. */
  public static final List<Batch> BATCHES = List.of(
      new Batch("Finish analysis", 1, List.of(new RemoveAliasRelation())),
      new Batch("Operator optimizations", 100, List.of(new ConstantFolding(), new BooleanSimplification(),
          new CombineFilters(), new PushDownFilters(), new PushDownLimit(), new TopN())),
      new Batch("Column pruning", 10, List.of(new PruneColumns())));

  private Optimizer() {}

  /** The optimized tree, with the same rows and output columns as {@code analyzed}. */
  public static Relation optimize(Relation analyzed) {
    return optimize(analyzed, BATCHES);
  }

  /** The tree rewritten by the given batches, in order. */
  public static Relation optimize(Relation analyzed, List<Batch> batches) {
    if (!analyzed.resolved()) {
      throw new EngineException(ErrorCode.INTERNAL, "the optimizer got an unresolved plan: " + analyzed.describe());
    }
    Relation current = analyzed;
    for (Batch batch : batches) {
      current = run(batch, current);
    }
    if (!current.schema().equals(analyzed.schema())) {
      throw new EngineException(ErrorCode.INTERNAL, "the optimizer changed the output columns from "
          + analyzed.schema() + " to " + current.schema());
    }
    return current;
  }

  private static Relation run(Batch batch, Relation relation) {
    Relation current = relation;
    for (int i = 0; i < batch.maxIterations(); i++) {
      Relation before = current;
      for (Rule rule : batch.rules()) {
        current = rule.apply(current);
      }
      if (current.equals(before)) {
        break;
      }
    }
    return current;
  }
}
