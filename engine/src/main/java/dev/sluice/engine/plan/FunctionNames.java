package dev.sluice.engine.plan;

import dev.sluice.engine.serde.ClosureChecker;
import java.lang.invoke.SerializedLambda;

/** Readable names of user functions for explain output, e.g. {@code WordCount.lambda$main$0}. */
public final class FunctionNames {
  private FunctionNames() {}

  public static String of(Object function) {
    SerializedLambda lambda = ClosureChecker.serializedLambda(function);
    if (lambda == null) {
      return function.getClass().getSimpleName();
    }
    String owner = lambda.getImplClass();
    owner = owner.substring(owner.lastIndexOf('/') + 1);
    return owner + "::" + lambda.getImplMethodName();
  }

  /** A short name for a row class. */
  public static String ofClass(Class<?> type) {
    return type == Object.class ? "?" : type.getSimpleName();
  }
}
