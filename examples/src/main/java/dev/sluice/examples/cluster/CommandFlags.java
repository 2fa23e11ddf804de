package dev.sluice.examples.cluster;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.examples.UsageException;
import dev.sluice.scheduler.cluster.ClusterKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of one cluster command ({@code --name value} or {@code --name=value}, each known
 * name once) up to its first positional argument; the positional argument and everything after
 * it (an application's own arguments, for {@code submit}) are kept as they are. {@code --conf
 * key=value} may repeat and collects {@code sluice.*} settings.
 *
 * @param command the command, for messages
 * @param values the flags given, by name without dashes
 * @param settings the {@code --conf} settings
 * @param rest the first positional argument and what follows it
 */
record CommandFlags(String command, Map<String, String> values, Map<String, String> settings, List<String> rest) {
  static final String CONF = "conf";

  /** Parses {@code args}, accepting only {@code known} flag names (without dashes). */
  static CommandFlags parse(String command, String[] args, Set<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    int i = 0;
    for (; i < args.length && args[i].startsWith("--"); i++) {
      String flag = args[i].substring(2);
      String value;
      int equals = flag.indexOf('=');
      if (equals >= 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(command + ": --" + flag + " needs a value");
      }
      if (!known.contains(flag)) {
        throw new UsageException(command + ": unknown flag '--" + flag + "'; known flags: --"
            + String.join(", --", known));
      }
      if (flag.equals(CONF)) {
        int eq = value.indexOf('=');
        if (eq <= 0 || !value.startsWith("sluice.")) {
          throw new UsageException(command + ": --conf needs sluice.KEY=VALUE, got '" + value + "'");
        }
        settings.put(value.substring(0, eq), value.substring(eq + 1));
      } else if (values.putIfAbsent(flag, value) != null) {
        throw new UsageException(command + ": --" + flag + " given twice");
      }
    }
    return new CommandFlags(command, values, settings, new ArrayList<>(Arrays.asList(args).subList(i, args.length)));
  }

  String get(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }

  /** A port: 0..65535. */
  int port(String flag, int fallback) {
    return integer(flag, fallback, 0, 65535, "a port between 0 and 65535");
  }

  /** A whole number of at least 1. */
  int positive(String flag, int fallback) {
    return integer(flag, fallback, 1, Integer.MAX_VALUE, "a whole number of at least 1");
  }

  private int integer(String flag, int fallback, int min, int max, String expected) {
    String raw = values.get(flag);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(command + ": --" + flag + " must be " + expected + ", got '" + raw + "'");
  }

  /** A size such as {@code 4g} or {@code 512m}. */
  long bytes(String flag, long fallback) {
    String raw = values.get(flag);
    if (raw == null) {
      return fallback;
    }
    try {
      return SluiceConfig.of(Map.of("--" + flag, raw)).getBytes("--" + flag, fallback, 1 << 20);
    } catch (RuntimeException e) {
      throw new UsageException(command + ": --" + flag + " must be a size of at least 1m such as 4g or 512m, got '"
          + raw + "'");
    }
  }

  /** No positional arguments allowed. */
  CommandFlags noPositional() {
    if (!rest.isEmpty()) {
      throw new UsageException(command + ": unexpected argument '" + rest.get(0) + "'");
    }
    return this;
  }

  /**
   * The key directory: {@code --keys}, else the {@code sluice.cluster.keys} property, else
   * {@code ~/.sluice/keys}; null when {@code --tls off} (or {@code sluice.cluster.tls=off}).
   */
  Path keyDirectory() {
    String tls = get("tls", System.getProperty(SluiceConfig.CLUSTER_TLS, "on"));
    if (tls.equals("off")) {
      return null;
    }
    if (!tls.equals("on")) {
      throw new UsageException(command + ": --tls must be on or off, got '" + tls + "'");
    }
    String directory = get("keys", System.getProperty(SluiceConfig.CLUSTER_KEYS));
    return directory == null ? ClusterKeys.defaultDirectory() : Path.of(directory);
  }
}
