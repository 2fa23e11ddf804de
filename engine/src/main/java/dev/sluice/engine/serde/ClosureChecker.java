package dev.sluice.engine.serde;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Checks, when a transformation is defined, that a user function can be shipped to executors:
 * the function and everything reachable from it must be {@link Serializable}. Kryo itself would
 * serialize nearly anything, including sockets and open files, and fail far away on the executor;
 * this check fails early, at the user's call, with the path to the offending object, in the
 * spirit of Spark's "Task not serializable" with its serialization debugger.
 *
 * <p>For a lambda the captured arguments are read from its {@link SerializedLambda}; for other
 * objects their non-static, non-transient fields are walked. JDK classes are trusted as they
 * are (they declare Serializable where they can be serialized).
 */
public final class ClosureChecker {
  private static final int MAX_DEPTH = 12;

  private ClosureChecker() {}

  /**
   * Throws {@link ErrorCode#TASK_NOT_SERIALIZABLE} naming the object path that cannot be
   * serialized; returns normally when the whole graph is serializable.
   *
   * @param function the user function
   * @param operation the Dataset operation it was passed to, for the message (e.g. "map")
   */
  public static void check(Object function, String operation) {
    if (function == null) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "The function passed to " + operation + " is null");
    }
    String problem = findProblem(function, "the function passed to " + operation, 0, new IdentityHashMap<>());
    if (problem != null) {
      throw new EngineException(
          ErrorCode.TASK_NOT_SERIALIZABLE,
          "Task not serializable: " + problem
              + ". Make it Serializable, mark the field transient, or create the object inside the function.");
    }
  }

  private static String findProblem(Object value, String path, int depth, Map<Object, Boolean> seen) {
    if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
      return null;
    }
    Class<?> type = value.getClass();
    if (type.isPrimitive() || type.isEnum() || value instanceof Class<?>) {
      return null;
    }
    if (!(value instanceof Serializable)) {
      return path + " is of class " + type.getName() + ", which is not java.io.Serializable";
    }
    SerializedLambda lambda = serializedLambda(value);
    if (lambda != null) {
      for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
        Object captured = lambda.getCapturedArg(i);
        String where = path + " captures " + describeCapture(lambda, i, captured);
        String problem = findProblem(captured, where, depth + 1, seen);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        return null;
      }
      Object[] array = (Object[]) value;
      for (int i = 0; i < array.length; i++) {
        String problem = findProblem(array[i], path + "[" + i + "]", depth + 1, seen);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (value instanceof Collection<?> collection && isJdk(type)) {
      int i = 0;
      for (Object element : collection) {
        String problem = findProblem(element, path + " element " + i++, depth + 1, seen);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (value instanceof Map<?, ?> map && isJdk(type)) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String problem = findProblem(entry.getKey(), path + " key", depth + 1, seen);
        if (problem == null) {
          problem = findProblem(entry.getValue(), path + " value for key " + entry.getKey(), depth + 1, seen);
        }
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (isJdk(type)) {
      return null;
    }
    Deque<Class<?>> hierarchy = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.push(c);
    }
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive()) {
          continue;
        }
        Object fieldValue;
        try {
          field.setAccessible(true);
          fieldValue = field.get(value);
        } catch (RuntimeException | IllegalAccessException e) {
          continue;
        }
        String problem = findProblem(fieldValue, path + " → field '" + field.getName() + "' (" + c.getSimpleName() + ")",
            depth + 1, seen);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private static String describeCapture(SerializedLambda lambda, int index, Object captured) {
    String kind = captured == null ? "null" : captured.getClass().getName();
    return "argument " + index + " (" + kind + ") of lambda " + lambda.getImplClass().replace('/', '.')
        + "." + lambda.getImplMethodName();
  }

  private static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.");
  }

  /** The serialized form of a serializable lambda or method reference, or null for other objects. */
  public static SerializedLambda serializedLambda(Object function) {
    Class<?> type = function.getClass();
    if (!type.isSynthetic() && !type.getName().contains("$$Lambda")) {
      return null;
    }
    try {
      Method writeReplace = type.getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object replacement = writeReplace.invoke(function);
      return replacement instanceof SerializedLambda lambda ? lambda : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
