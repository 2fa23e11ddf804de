package dev.sluice.engine.config;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of {@code sluice.*} settings with typed, validated getters. A bad value fails
 * with a message that names the setting, the value and what was expected.
 */
public final class SluiceConfig {
  /** Where jobs run: {@code local}, {@code local[N]}, {@code local[*]} or a cluster's {@code sluice://host:port}. */
  public static final String MASTER = "sluice.master";
  /** The application's name, shown in logs and the UI. */
  public static final String APP_NAME = "sluice.app.name";
  /** How many times a task is tried before its job fails (default 4). */
  public static final String TASK_MAX_ATTEMPTS = "sluice.task.maxAttempts";
  /** Rows per Arrow batch for row-encoded data (default 4096). */
  public static final String BATCH_ROWS = "sluice.batch.rows";
  /** Rows per Arrow batch for primitive long data such as {@code range} (default 65536). */
  public static final String LONG_BATCH_ROWS = "sluice.batch.longRows";
  /** Partitions of sources when none are given (default: the number of task slots). */
  public static final String DEFAULT_PARALLELISM = "sluice.default.parallelism";
  /** In local mode, how many executors share the {@code N} slots of {@code local[N]} (default N). */
  public static final String LOCAL_EXECUTORS = "sluice.local.executors";
  /** How often a stage may lose its shuffle input and be re-run after recomputing it (default 4). */
  public static final String STAGE_MAX_ATTEMPTS = "sluice.stage.maxAttempts";
  /**
   * Memory a task's hash tables and sort buffers may hold before spilling, e.g. {@code 256m}
   * (default: 60% of the heap beyond 300 MiB divided by the task slots, at least 256m).
   */
  public static final String TASK_MEMORY = "sluice.task.memory";
  /** Where shuffle files and spills go (default: a new directory under java.io.tmpdir, removed on close). */
  public static final String LOCAL_DIR = "sluice.local.dir";
  /** Whether to use a GPU: {@code auto}, {@code true} or {@code false}. */
  public static final String GPU_ENABLED = "sluice.gpu.enabled";
  /** Rows per batch handed to a GPU operator: smaller batches are concatenated first (default 1048576). */
  public static final String GPU_BATCH_ROWS = "sluice.gpu.batchRows";
  /** Partitions of the DataFrame path's aggregation, join and sort exchanges (default: the default parallelism). */
  public static final String SQL_SHUFFLE_PARTITIONS = "sluice.sql.shuffle.partitions";
  /**
   * The estimated size below which a join side is broadcast to every task instead of shuffled,
   * e.g. {@code 10m}; {@code -1} turns broadcasting off (default 10m).
   */
  public static final String SQL_AUTO_BROADCAST_JOIN_THRESHOLD = "sluice.sql.autoBroadcastJoinThreshold";
  /** The most bytes of a splittable file (CSV, JSON, text) one DataFrame scan task reads (default 128m). */
  public static final String FILES_MAX_PARTITION_BYTES = "sluice.files.maxPartitionBytes";

  /**
   * The directory holding the cluster's key (written by {@code bin/sluice keygen}); every master,
   * worker and driver of one cluster uses the same key (default {@code ~/.sluice/keys}).
   */
  public static final String CLUSTER_KEYS = "sluice.cluster.keys";
  /** Whether cluster traffic (Pekko Artery and Arrow Flight) uses mutual TLS: {@code on} (default) or {@code off}. */
  public static final String CLUSTER_TLS = "sluice.cluster.tls";
  /** The address a cluster driver listens on, as workers reach it (default 127.0.0.1). */
  public static final String DRIVER_HOST = "sluice.driver.host";
  /** The Pekko port of a cluster driver (default 0: any free port); its data port is picked freely. */
  public static final String DRIVER_PORT = "sluice.driver.port";
  /** The port of a cluster driver's Arrow Flight data server (default 0: any free port). */
  public static final String DRIVER_DATA_PORT = "sluice.driver.dataPort";
  /** Comma-separated application jars that a cluster driver ships to the workers ({@code submit} sets it). */
  public static final String JARS = "sluice.jars";
  /** How long a cluster session waits at start for its first executor, in seconds (default 60). */
  public static final String CLUSTER_START_TIMEOUT = "sluice.cluster.startTimeoutSeconds";

  /** Whether the session serves its web UI (default true). */
  public static final String UI_ENABLED = "sluice.ui.enabled";
  /** The web UI's port (default 4040; the next free one of the 16 after it when taken; 0: any free port). */
  public static final String UI_PORT = "sluice.ui.port";
  /** The address the web UI binds to (default 127.0.0.1: this machine only). */
  public static final String UI_HOST = "sluice.ui.host";
  /** Whether running stages show a progress line on stderr (default: when stderr is a terminal). */
  public static final String UI_CONSOLE_PROGRESS = "sluice.ui.showConsoleProgress";
  /** Whether the session writes its events to a JSON-lines event log (default false). */
  public static final String EVENT_LOG_ENABLED = "sluice.eventLog.enabled";
  /** Where event logs go, one file per application (default /tmp/sluice-events). */
  public static final String EVENT_LOG_DIR = "sluice.eventLog.dir";

  private final Map<String, String> values;

  private SluiceConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static SluiceConfig of(Map<String, String> values) {
    return new SluiceConfig(requireNonNull(values, "values is null"));
  }

  public SluiceConfig with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    return new SluiceConfig(copy);
  }

  /** All settings, sorted by key. */
  public Map<String, String> asMap() {
    return values;
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /** The integer value of {@code key}, at least {@code min}, or {@code defaultValue} if unset. */
  public int getInt(String key, int defaultValue, int min) {
    String raw = values.get(key);
    if (raw == null) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, raw, "an integer");
    }
    if (value < min) {
      throw invalid(key, raw, "an integer greater than or equal to " + min);
    }
    return value;
  }

  /**
   * A size in bytes, written as a number with an optional unit {@code k}, {@code m} or {@code g}
   * (powers of 1024), at least {@code min}; {@code defaultValue} if unset.
   */
  public long getBytes(String key, long defaultValue, long min) {
    String raw = values.get(key);
    if (raw == null) {
      return defaultValue;
    }
    String text = raw.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (text.endsWith("b")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!text.isEmpty() && "kmg".indexOf(text.charAt(text.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmg".indexOf(text.charAt(text.length() - 1)) + 1));
      text = text.substring(0, text.length() - 1);
    }
    long value;
    try {
      value = Math.multiplyExact(Long.parseLong(text.trim()), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(key, raw, "a size in bytes such as 64m, 512k or 1g");
    }
    if (value < min) {
      throw invalid(key, raw, "a size of at least " + min + " bytes");
    }
    return value;
  }

  /** One of {@code allowed} (case-insensitive), or {@code defaultValue} if unset. */
  public String getChoice(String key, String defaultValue, String... allowed) {
    String raw = values.get(key);
    if (raw == null) {
      return defaultValue;
    }
    for (String option : allowed) {
      if (option.equalsIgnoreCase(raw.trim())) {
        return option;
      }
    }
    throw invalid(key, raw, "one of " + String.join(", ", allowed));
  }

  /** An error naming the setting, its value and what was expected. */
  public static EngineException invalid(String key, String value, String expected) {
    return new EngineException(ErrorCode.INVALID_CONFIGURATION,
        "Invalid value '" + value + "' for setting " + key + ": expected " + expected);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
