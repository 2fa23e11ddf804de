package dev.sluice.examples.cluster;

import dev.sluice.api.Sluice;
import dev.sluice.engine.config.MasterUrl;
import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.examples.UsageException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sluice submit --master sluice://H:P | local[N] --class MainClass [--conf sluice.k=v]...
 * app.jar [args]}: runs an application's {@code main} in this process (the driver), with its jar in
 * a class loader of its own. Its session picks the master up from {@code sluice.master}; on a
 * cluster the jar is also named in {@code sluice.jars}, so the driver ships it to the workers.
 */
public final class SubmitCommand {
  public static final String USAGE = "submit --master sluice://H:P|local[N] --class MAIN [--conf sluice.K=V]... "
      + "APP.jar [args]";

  private SubmitCommand() {}

  public static int run(String[] args, PrintStream out) throws Exception {
    CommandFlags flags = CommandFlags.parse("submit", args, Set.of("master", "class", CommandFlags.CONF));
    String masterText = flags.get("master", null);
    String mainClass = flags.get("class", null);
    if (masterText == null || mainClass == null) {
      throw new UsageException("submit: --master and --class are required; usage: " + USAGE);
    }
    MasterUrl master = MasterUrl.parse(masterText);
    if (flags.rest().isEmpty()) {
      throw new UsageException("submit: the application jar is missing; usage: " + USAGE);
    }
    Path jar = Path.of(flags.rest().get(0)).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new UsageException("submit: application jar " + jar + " does not exist");
    }
    List<String> appArgs = flags.rest().subList(1, flags.rest().size());
    Map<String, String> settings = new LinkedHashMap<>(flags.settings());
    settings.put(SluiceConfig.MASTER, master.toString());
    if (master.isCluster()) {
      settings.put(SluiceConfig.JARS, jar.toString());
    }
    settings.forEach(System::setProperty);
    // SIGTERM: close the application's session, so that it leaves the cluster and its executors stop at once
    Runtime.getRuntime().addShutdownHook(new Thread(() -> Sluice.active().ifPresent(Sluice::close),
        "sluice-submit-shutdown"));
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader("sluice-app", new URL[] {jar.toUri().toURL()},
        SubmitCommand.class.getClassLoader())) {
      Method main = mainMethod(loader, mainClass, jar);
      Thread.currentThread().setContextClassLoader(loader);
      try {
        main.invoke(null, (Object) appArgs.toArray(String[]::new));
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
          throw exception;
        }
        throw (Error) cause;
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    return 0;
  }

  private static Method mainMethod(ClassLoader loader, String mainClass, Path jar) {
    Class<?> type;
    try {
      type = Class.forName(mainClass, true, loader);
    } catch (ClassNotFoundException e) {
      throw new UsageException("submit: class " + mainClass + " is not in " + jar);
    }
    try {
      Method main = type.getMethod("main", String[].class);
      if (!Modifier.isStatic(main.getModifiers())) {
        throw new UsageException("submit: " + mainClass + ".main(String[]) is not static");
      }
      return main;
    } catch (NoSuchMethodException e) {
      throw new UsageException("submit: " + mainClass + " has no public static void main(String[])");
    }
  }
}
