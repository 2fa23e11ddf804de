package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.config.MasterUrl;
import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.device.DeviceProbe;
import dev.sluice.engine.device.DeviceStatus;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.plan.physical.GpuPlacementRule;
import dev.sluice.engine.encoding.RowEncoder;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.RangeNode;
import dev.sluice.engine.plan.TextFileNode;
import dev.sluice.engine.plan.ValuesNode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.planner.PlannerSettings;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sluice session: the entry point of a program. It owns a scheduler (a Pekko actor system),
 * the executors and the Arrow root allocator, and makes the sources that start every Dataset.
 *
 * <pre>{@code
 * try (Sluice sluice = Sluice.builder().master("local[4]").appName("squares").getOrCreate()) {
 *   long sum = sluice.range(0, 1_000_000).map(x -> x * x).sum();
 * }
 * }</pre>
 *
 * <p>In local mode {@code local[N]} starts {@code sluice.local.executors} executors (default N)
 * sharing the N task slots, in this process. With a cluster master ({@code sluice://host:port})
 * the session joins the cluster as its driver and the workers start its executors. Closing the session cancels running jobs, stops the
 * actors and executors and frees every Arrow buffer; it fails loudly if a buffer leaked.
 */
public final class Sluice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sluice.class);
  private static final AtomicReference<Sluice> ACTIVE = new AtomicReference<>();
  private static final int LOCAL_BLOCK_BYTES = 32 << 20;

  private final SluiceConfig config;
  private final MasterUrl master;
  private final BufferAllocator allocator;
  private final EventBus events = new EventBus();
  private final SchedulerSystem scheduler;
  private final AutoCloseable executors;
  private final int slots;
  private final String appId;
  private final SessionObservers observers;
  private final ActionRunner actions;
  private final DeviceStatus device;
  private final GpuPlacementRule placement;
  private final LocalDirectory workDirectory;
  private final AtomicInteger nodeIds = new AtomicInteger();
  private volatile boolean closed;

  private Sluice(SluiceConfig config, List<SchedulerListener> listeners) {
    this.config = config;
    listeners.forEach(events::addListener);
    this.master = MasterUrl.parse(config.get(SluiceConfig.MASTER, "local[*]"));
    SchedulerSettings settings = new SchedulerSettings(config.getInt(SluiceConfig.TASK_MAX_ATTEMPTS, 4, 1),
        config.getInt(SluiceConfig.STAGE_MAX_ATTEMPTS, 4, 1));
    long taskMemory = config.getBytes(SluiceConfig.TASK_MEMORY, defaultTaskMemory(Math.max(1, master.slots())), 1);
    int batchRows = config.getInt(SluiceConfig.BATCH_ROWS, 4096, 1);
    int longBatchRows = config.getInt(SluiceConfig.LONG_BATCH_ROWS, 65536, 1);
    String gpu = config.getChoice(SluiceConfig.GPU_ENABLED, "auto", "auto", "true", "false");
    this.device = gpu.equals("false")
        ? DeviceStatus.unavailable("disabled by " + SluiceConfig.GPU_ENABLED + "=false")
        : DeviceProbe.discover();
    this.placement = new GpuPlacementRule(device, !gpu.equals("false"), discoverGpuOperators(),
        config.getInt(SluiceConfig.GPU_BATCH_ROWS, GpuPlacementRule.DEFAULT_BATCH_ROWS, 1));
    Optional<String> noGpu = gpu.equals("true") ? placement.sessionReason() : Optional.empty();
    if (noGpu.isPresent()) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, SluiceConfig.GPU_ENABLED + "=true but " + noGpu.get());
    }
    this.workDirectory = LocalDirectory.create(config.get(SluiceConfig.LOCAL_DIR, null), appName());
    this.allocator = new RootAllocator(Long.MAX_VALUE);
    SessionObservers.Buffer buffer = new SessionObservers.Buffer();
    events.addListener(buffer);
    SessionRuntime runtime;
    try {
      runtime = master.isCluster()
          ? SessionRuntime.cluster(config, master, appName(), settings, events, allocator)
          : SessionRuntime.local(config, master, actorSystemName(appName()), settings, events, allocator,
              workDirectory.path(), taskMemory, batchRows, longBatchRows);
    } catch (RuntimeException e) {
      allocator.close();
      workDirectory.delete();
      throw e;
    }
    this.scheduler = runtime.scheduler();
    this.executors = runtime.executors();
    this.slots = runtime.slots();
    this.appId = runtime.appId();
    try {
      this.observers = SessionObservers.start(config, buffer, events, scheduler, appId, appName(), master.toString(),
          allocator);
    } catch (RuntimeException e) {
      scheduler.close();
      closeExecutors();
      allocator.close();
      workDirectory.delete();
      throw e;
    }
    observers.uiUrl().ifPresent(runtime::announceUi);
    this.actions = new ActionRunner(this, scheduler);
    LOG.info("Sluice session '{}' started on {} ({} task slots); {}", appName(), master, slots, device);
  }

  /**
   * The default {@code sluice.task.memory}: as Spark's unified memory, 60% of the heap beyond 300
   * MiB, shared by the {@code slots} tasks that may run at once, and at least 256 MiB. The columnar
   * operators hold their rows off-heap, in direct memory, which the JVM also caps at the heap size
   * by default. On a 6 GiB heap with 2 slots this is about 1.7 GiB per task, so a single-machine
   * sort of a few GiB stays in memory instead of spilling at an arbitrary fixed size.
   */
  static long defaultTaskMemory(int slots) {
    long reserved = 300L << 20;
    long usable = Math.max(0, Runtime.getRuntime().maxMemory() - reserved);
    return Math.max(256L << 20, (long) (usable * 0.6) / Math.max(1, slots));
  }

  private static String actorSystemName(String appName) {
    String cleaned = appName.replaceAll("[^A-Za-z0-9_-]", "-");
    return "sluice-" + (cleaned.isEmpty() ? "app" : cleaned);
  }

  /** Starts building a session. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a new session; {@code sluice.*} system properties are defaults. */
  public static final class Builder {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<SchedulerListener> listeners = new ArrayList<>();

    private Builder() {
      System.getProperties().stringPropertyNames().stream()
          .filter(key -> key.startsWith("sluice."))
          .sorted()
          .forEach(key -> settings.put(key, System.getProperty(key)));
    }

    /** Where jobs run: {@code local}, {@code local[N]} or {@code local[*]}. */
    public Builder master(String master) {
      return config(SluiceConfig.MASTER, master);
    }

    public Builder appName(String name) {
      return config(SluiceConfig.APP_NAME, name);
    }

    /** Any {@code sluice.*} setting. */
    public Builder config(String key, String value) {
      settings.put(requireNonNull(key, "key is null"), requireNonNull(value, "value of " + key + " is null"));
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, String.valueOf(value));
    }

    /**
     * A listener that hears every scheduler event from the session's start on, executor
     * registrations included (a listener added later with {@link Sluice#addListener} misses those).
     */
    public Builder listener(SchedulerListener listener) {
      listeners.add(requireNonNull(listener, "listener is null"));
      return this;
    }

    /**
     * The active session if one is open (as Spark does; settings given here are then ignored, with
     * a warning if they differ), else a new session that becomes the active one.
     */
    public Sluice getOrCreate() {
      synchronized (ACTIVE) {
        Sluice active = ACTIVE.get();
        if (active != null && !active.closed) {
          if (!active.config.asMap().entrySet().containsAll(settings.entrySet())) {
            LOG.warn("Returning the active session '{}'; the settings given to getOrCreate ({}) are ignored",
                active.appName(), settings);
          }
          return active;
        }
        Sluice session = new Sluice(SluiceConfig.of(settings), listeners);
        ACTIVE.set(session);
        return session;
      }
    }
  }

  /** The open session of this process that {@link Builder#getOrCreate} would return, if any. */
  public static Optional<Sluice> active() {
    synchronized (ACTIVE) {
      Sluice active = ACTIVE.get();
      return active == null || active.closed ? Optional.empty() : Optional.of(active);
    }
  }

  public String appName() {
    return config.get(SluiceConfig.APP_NAME, "sluice");
  }

  public SluiceConfig config() {
    return config;
  }

  public MasterUrl master() {
    return master;
  }

  /** The GPU operators on the class path, found once per session; none when discovery fails. */
  private static Optional<GpuOperators> discoverGpuOperators() {
    try {
      return GpuOperators.discover();
    } catch (ServiceConfigurationError | LinkageError e) {
      LOG.warn("No GPU operators: their discovery failed: {}", e.toString());
      return Optional.empty();
    }
  }

  /** Where the planner puts each operator (the GPU, or the CPU and why), for this session. */
  GpuPlacementRule placement() {
    return placement;
  }

  /** What the device probe found (a GPU, or why not). */
  public DeviceStatus device() {
    return device;
  }

  /** Partitions used by sources when none are given: {@code sluice.default.parallelism}, else the slots. */
  public int defaultParallelism() {
    return config.getInt(SluiceConfig.DEFAULT_PARALLELISM, slots, 1);
  }

  /** Where this session's executors keep shuffle files and spills; deleted when the session closes. */
  public java.nio.file.Path workDirectory() {
    return workDirectory.path();
  }

  /** Listens to scheduler events (jobs, stages, tasks); the listener must not block. */
  public void addListener(SchedulerListener listener) {
    events.addListener(listener);
  }

  public void removeListener(SchedulerListener listener) {
    events.removeListener(listener);
  }

  /** The numbers from {@code start} (inclusive) to {@code end} (exclusive). */
  public LongDataset range(long start, long end) {
    return range(start, end, 1, defaultParallelism());
  }

  /** The numbers from {@code start} to {@code end} (exclusive) by {@code step}. */
  public LongDataset range(long start, long end, long step) {
    return range(start, end, step, defaultParallelism());
  }

  /**
   * The numbers {@code start, start + step, ...} up to {@code end} (exclusive; for a negative step,
   * down to it) in {@code partitions} partitions of equal size.
   */
  public LongDataset range(long start, long end, long step, int partitions) {
    Origin origin = CallSite.of("range");
    if (step == 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "range step must not be zero (" + origin + ")");
    }
    requirePartitions(partitions, origin);
    return new LongDataset(this, new RangeNode(nextId(), origin, start, end, step, partitions));
  }

  /** The elements of {@code values} in {@link #defaultParallelism()} partitions. */
  public <T> Dataset<T> parallelize(List<T> values) {
    return parallelize(values, defaultParallelism());
  }

  /**
   * The elements of {@code values} (nulls allowed) cut into {@code partitions} consecutive slices,
   * encoded to Arrow now: later changes to the list do not show.
   */
  public <T> Dataset<T> parallelize(List<T> values, int partitions) {
    Origin origin = CallSite.of("parallelize");
    requireNonNull(values, "values is null");
    requirePartitions(partitions, origin);
    Class<?> rowClass = commonClass(values);
    List<ValuesSplit> splits = ValuesEncoder.encode(values, partitions, rowClass, allocator, batchRows());
    return new Dataset<>(this, new ValuesNode(nextId(), origin, splits, rowClass));
  }

  /** The lines of a text file, of the files in a directory, or of the files a glob matches. */
  public Dataset<String> textFile(String pathOrGlob) {
    return textFile(pathOrGlob, Math.min(defaultParallelism(), 2));
  }

  /**
   * The lines of text files, without their line terminators, in at least {@code minPartitions}
   * partitions: files are cut into byte ranges (at most 32 MiB) that end on line boundaries.
   */
  public Dataset<String> textFile(String pathOrGlob, int minPartitions) {
    Origin origin = CallSite.of("textFile");
    requirePartitions(minPartitions, origin);
    List<FileSplit> splits = TextInputs.splits(pathOrGlob, minPartitions, LOCAL_BLOCK_BYTES);
    return new Dataset<>(this, new TextFileNode(nextId(), origin, splits));
  }

  /** Reads files as DataFrames: {@code sluice.read().parquet(path)}, {@code .csv(...)}, {@code .json(...)}... */
  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  /**
   * A DataFrame of driver-side rows with the given columns, in {@link #defaultParallelism()}
   * partitions. Values are checked against the schema now (int32 Integer, int64 Long, float64
   * Double, boolean Boolean, utf8 String, date32 LocalDate, decimal BigDecimal; nulls allowed) and
   * encoded to Arrow: later changes to the list do not show.
   */
  public DataFrame createDataFrame(List<Row> rows, dev.sluice.engine.types.Schema schema) {
    requireNonNull(rows, "rows is null");
    requireNonNull(schema, "schema is null");
    checkOpen();
    Origin origin = CallSite.of("createDataFrame");
    Relation local = RowColumns.encode(rows, schema, defaultParallelism(), batchRows(), allocator);
    return DataFrame.ofSource(this, local, origin);
  }

  /**
   * A DataFrame of Java objects: a record's components (a bean's properties, sorted by name) become
   * columns of the same names, a single value ({@code Long}, {@code String}...) a column
   * {@code value}. BigDecimal columns get the precision and scale their values need.
   */
  public <T> DataFrame createDataFrame(List<T> objects, Class<T> type) {
    requireNonNull(objects, "objects is null");
    requireNonNull(type, "type is null");
    RowEncoder encoder = TypedColumns.encoder(type, "createDataFrame");
    dev.sluice.engine.types.Schema schema = TypedColumns.objectSchema(encoder, objects);
    return createDataFrame(TypedColumns.objectRows(encoder, objects, schema), schema);
  }

  /** What the relational planner takes from this session's settings. */
  PlannerSettings plannerSettings() {
    int shufflePartitions = config.getInt(SluiceConfig.SQL_SHUFFLE_PARTITIONS, defaultParallelism(), 1);
    String threshold = config.get(SluiceConfig.SQL_AUTO_BROADCAST_JOIN_THRESHOLD, null);
    long broadcast = threshold != null && threshold.trim().equals("-1") ? -1
        : config.getBytes(SluiceConfig.SQL_AUTO_BROADCAST_JOIN_THRESHOLD, 10L << 20, 0);
    long maxSplit = config.getBytes(SluiceConfig.FILES_MAX_PARTITION_BYTES, 128L << 20, 1);
    return new PlannerSettings(shufflePartitions, broadcast, maxSplit);
  }

  private static Class<?> commonClass(List<?> values) {
    Class<?> common = null;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      if (common == null) {
        common = value.getClass();
      } else if (common != value.getClass()) {
        return Object.class;
      }
    }
    return common == null ? Object.class : common;
  }

  static void requirePartitions(int partitions, Origin origin) {
    if (partitions < 1) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "partitions must be at least 1, got " + partitions + " (" + origin + ")");
    }
  }

  PlanNodeId nextId() {
    return new PlanNodeId(nodeIds.incrementAndGet());
  }

  int batchRows() {
    return config.getInt(SluiceConfig.BATCH_ROWS, 4096, 1);
  }

  BufferAllocator allocator() {
    return allocator;
  }

  ActionRunner actions() {
    checkOpen();
    return actions;
  }

  void checkOwns(Dataset<?> other) {
    if (other.session() != this) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot combine datasets of two different sessions");
    }
  }

  void checkOpen() {
    if (closed) {
      throw new EngineException(ErrorCode.JOB_CANCELLED, "This Sluice session '" + appName() + "' is closed");
    }
  }

  /** The application's id: the cluster master's, or {@code local-<start millis>}. */
  public String appId() {
    return appId;
  }

  /** The address of the session's web UI, when it serves one ({@code sluice.ui.enabled}). */
  public Optional<String> uiUrl() {
    return observers.uiUrl();
  }

  /** The task slots the session had when it started (in cluster mode, its executors' cores). */
  public int slots() {
    return slots;
  }

  private void closeExecutors() {
    try {
      executors.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Closing the executors failed: " + e.getMessage(), e);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Cancels running jobs, stops the scheduler and the executors, and closes the root allocator;
   * throws {@link IllegalStateException} if Arrow memory leaked.
   */
  @Override
  public void close() {
    synchronized (ACTIVE) {
      if (closed) {
        return;
      }
      closed = true;
      ACTIVE.compareAndSet(this, null);
    }
    try {
      observers.close();
      scheduler.close();
    } finally {
      closeExecutors();
      workDirectory.delete();
      allocator.close();
      LOG.info("Sluice session '{}' closed", appName());
    }
  }
}
