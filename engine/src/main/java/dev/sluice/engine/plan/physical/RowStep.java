package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.FlatMapFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.Origin;

/** One per-row user function inside a {@link RowPipelineExec}. */
public sealed interface RowStep permits RowStep.Map, RowStep.FlatMap, RowStep.Filter {
  /** Where the user defined this step, for errors. */
  Origin origin();

  String describe();

  /** One row in, one row out. */
  record Map(Origin origin, MapFunction<Object, Object> function) implements RowStep {
    public Map {
      requireNonNull(origin, "origin is null");
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "map " + FunctionNames.of(function);
    }
  }

  /** One row in, zero or more out. */
  record FlatMap(Origin origin, FlatMapFunction<Object, Object> function) implements RowStep {
    public FlatMap {
      requireNonNull(origin, "origin is null");
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "flatMap " + FunctionNames.of(function);
    }
  }

  /** One row in, kept or dropped. */
  record Filter(Origin origin, FilterFunction<Object> function) implements RowStep {
    public Filter {
      requireNonNull(origin, "origin is null");
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "filter " + FunctionNames.of(function);
    }
  }
}
