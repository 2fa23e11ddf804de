package dev.sluice.api;

import dev.sluice.engine.plan.Origin;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Finds where in the user's program a Dataset method was called: the first stack frame outside
 * Sluice's own jars. Used to name plan nodes, stages and errors like Spark's "map at
 * WordCount.java:31".
 */
final class CallSite {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource OWN = CallSite.class.getProtectionDomain().getCodeSource();

  private CallSite() {}

  static Origin of(String operation) {
    String site = WALKER.walk(frames -> frames
        .filter(frame -> !isSluice(frame.getDeclaringClass()))
        .findFirst()
        .map(frame -> (frame.getFileName() == null ? frame.getClassName() : frame.getFileName())
            + ":" + frame.getLineNumber())
        .orElse("unknown"));
    return new Origin(operation, site);
  }

  private static boolean isSluice(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
      return true;
    }
    return name.startsWith("dev.sluice.")
        && Objects.equals(type.getProtectionDomain().getCodeSource(), OWN);
  }
}
