package dev.sluice.engine.keyed;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.CombineFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.function.ReduceFunction;

/**
 * The three functions of a keyed aggregation (Spark's {@code combineByKey}): every keyed operation
 * that combines values is one of these.
 *
 * @param createCombiner turns the first value of a key into an accumulator
 * @param mergeValue adds another value of the key to an accumulator
 * @param mergeCombiners merges two accumulators of the same key (from different map tasks or
 *     spilled runs)
 */
public record Aggregator(
    MapFunction<Object, Object> createCombiner,
    CombineFunction<Object, Object> mergeValue,
    ReduceFunction<Object> mergeCombiners) {
  public Aggregator {
    requireNonNull(createCombiner, "createCombiner is null");
    requireNonNull(mergeValue, "mergeValue is null");
    requireNonNull(mergeCombiners, "mergeCombiners is null");
  }
}
