package dev.sluice.api;

import dev.sluice.engine.serde.ClosureChecker;
import java.lang.invoke.SerializedLambda;

/**
 * Recovers the result class of a lambda or method reference from its serialized form: the
 * compiler records the instantiated types (e.g. {@code (Ljava/lang/Long;)Ljava/lang/String;}), so
 * {@code ds.map(x -> "n" + x)} is known to produce Strings without an explicit encoder. Falls back
 * to {@code Object.class}, for which rows are encoded by what they turn out to be at run time.
 */
final class LambdaTypes {
  private LambdaTypes() {}

  static Class<?> resultClass(Object function) {
    SerializedLambda lambda = ClosureChecker.serializedLambda(function);
    if (lambda == null) {
      return Object.class;
    }
    String descriptor = lambda.getInstantiatedMethodType();
    int close = descriptor.lastIndexOf(')');
    if (close < 0 || close + 1 >= descriptor.length() || descriptor.charAt(close + 1) != 'L') {
      return Object.class;
    }
    String className = descriptor.substring(close + 2, descriptor.length() - 1).replace('/', '.');
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(className, false, loader != null ? loader : LambdaTypes.class.getClassLoader());
      return type.isInterface() || type == java.util.Iterator.class ? Object.class : type;
    } catch (ClassNotFoundException | LinkageError e) {
      return Object.class;
    }
  }
}
