package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.device.DeviceStatus;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.device.Placed;
import dev.sluice.engine.device.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The planner pass that decides where each operator runs, in the spirit of spark-rapids' tagging:
 * {@link #apply} places every {@link FilterProjectExec}, every {@code PARTIAL}
 * {@link ColumnarAggregateExec} and the map side of every columnar hash {@link ExchangeExec}
 * ({@link Partitioning.HashColumns}: each row's partition) on the GPU when a GPU is available and
 * enabled, a {@link GpuOperators} provider is on the class path and the provider supports the node; otherwise
 * on the CPU with the first reason that applies, in this order: the setting, the device probe's
 * reason, the missing provider, the provider's reason. Under each GPU operator whose input is not
 * itself on the GPU it puts the host side of the transition, a {@link CoalesceBatchesExec} that
 * gathers the columnar path's small batches into batches of {@code sluice.gpu.batchRows} rows; not
 * under an exchange, whose shuffle writer buffers the rows of each partition anyway.
 * {@link #placementOf} answers for every other kind of node too, for {@code explain()}.
 *
 * <p>It decides on the plan alone, with one exception: {@link #sessionReason} asks the provider
 * whether it can run its kernels at all ({@code GpuOperators#unavailable}), which sets the device up
 * once per process (context, module) the first time a session asks; the provider's
 * {@code unsupported} checks never touch the device.
 */
public final class GpuPlacementRule {
  /** The reason when {@code sluice.gpu.enabled=false}. */
  public static final String DISABLED = "disabled by " + SluiceConfig.GPU_ENABLED + "=false";
  /** The reason when no provider of GPU operators is on the class path. */
  public static final String NO_PROVIDER = "no GPU operators on the class path (the gpu module is missing)";
  /** The reason for nodes that run the user's functions. */
  public static final String USER_LAMBDA = "user lambda";
  /** The reason for nodes of the typed path whose rows are Java objects. */
  public static final String TYPED = "typed operator";

  /** The reason for aggregations that merge partial states. */
  public static final String NOT_PARTIAL = "only partial aggregation runs on the GPU";
  /** The reason for the host side of a transition to the GPU. */
  public static final String TRANSITION = "host side of the transition to the GPU";
  /** The default of {@code sluice.gpu.batchRows}. */
  public static final int DEFAULT_BATCH_ROWS = 1 << 20;

  private final DeviceStatus device;
  private final boolean enabled;
  private final Optional<GpuOperators> operators;
  private final int batchRows;

  /**
   * @param device what the device probe found
   * @param enabled false when {@code sluice.gpu.enabled=false}
   * @param operators the GPU operators on the class path, if any
   * @param batchRows rows per batch handed to a GPU operator ({@code sluice.gpu.batchRows})
   */
  public GpuPlacementRule(DeviceStatus device, boolean enabled, Optional<GpuOperators> operators, int batchRows) {
    this.device = requireNonNull(device, "device is null");
    this.enabled = enabled;
    this.operators = requireNonNull(operators, "operators is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1, got " + batchRows);
    }
    this.batchRows = batchRows;
  }

  /** With the default batch size. */
  public GpuPlacementRule(DeviceStatus device, boolean enabled, Optional<GpuOperators> operators) {
    this(device, enabled, operators, DEFAULT_BATCH_ROWS);
  }

  /**
   * Places every {@link FilterProjectExec}, {@link ColumnarAggregateExec} and hash-columns
   * {@link ExchangeExec} of {@code plan} and coalesces the batches entering GPU operators (not
   * exchanges); other nodes are returned as they are.
   */
  public PhysicalPlan apply(PhysicalPlan plan) {
    List<PhysicalPlan> children = plan.children();
    if (!children.isEmpty()) {
      List<PhysicalPlan> placed = new ArrayList<>(children.size());
      boolean changed = false;
      for (PhysicalPlan child : children) {
        PhysicalPlan next = apply(child);
        changed |= next != child;
        placed.add(next);
      }
      if (changed) {
        plan = plan.withChildren(placed);
      }
    }
    if (plan instanceof FilterProjectExec filterProject) {
      FilterProjectExec placed = filterProject.withPlacement(place(filterProject));
      return placed.placement().gpu() ? placed.withChildren(List.of(coalesced(placed.child()))) : placed;
    }
    if (plan instanceof ColumnarAggregateExec aggregate) {
      ColumnarAggregateExec placed = aggregate.withPlacement(place(aggregate));
      return placed.placement().gpu() ? placed.withChildren(List.of(coalesced(placed.child()))) : placed;
    }
    if (plan instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.HashColumns) {
      return exchange.withPlacement(place(exchange));
    }
    return plan;
  }

  /** A GPU operator's input: as it is when it is on the GPU already, else coalesced for it. */
  private PhysicalPlan coalesced(PhysicalPlan input) {
    // a GPU exchange only partitions on the GPU: what the next stage reads is host batches
    boolean onGpu = input instanceof Placed placed && placed.placement().gpu() && !(input instanceof ExchangeExec);
    if (onGpu || input instanceof CoalesceBatchesExec || !(input instanceof ColumnarExec)) {
      return input;
    }
    return new CoalesceBatchesExec(input.id(), input, batchRows);
  }

  /**
   * Why nothing can run on the GPU in this session (the setting, the probe's reason, the missing
   * provider, the provider's own reason, e.g. a driver too old for its kernels), or empty when GPU
   * operators can run.
   */
  public Optional<String> sessionReason() {
    if (!enabled) {
      return Optional.of(DISABLED);
    }
    if (!device.available()) {
      return Optional.of(device.description());
    }
    if (operators.isEmpty()) {
      return Optional.of(NO_PROVIDER);
    }
    try {
      return operators.get().unavailable();
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("the GPU operators failed to start: " + e);
    }
  }

  /** Where {@code node} runs: the GPU, or the CPU with the first reason that applies. */
  public Placement place(FilterProjectExec node) {
    return place(sessionReason(), provider -> provider.unsupported(node));
  }

  /** Where the aggregation {@code node} runs: the GPU, or the CPU with the first reason that applies. */
  public Placement place(ColumnarAggregateExec node) {
    Optional<String> reason = sessionReason();
    if (reason.isEmpty() && node.mode() != AggregateMode.PARTIAL) {
      reason = Optional.of(NOT_PARTIAL);
    }
    return place(reason, provider -> provider.unsupported(node));
  }

  /**
   * Where the map side of the columnar hash exchange {@code node} computes its rows' partitions: the
   * GPU, or the CPU with the first reason that applies.
   *
   * @throws IllegalArgumentException for an exchange with another partitioning
   */
  public Placement place(ExchangeExec node) {
    if (!(node.partitioning() instanceof Partitioning.HashColumns)) {
      throw new IllegalArgumentException("only a hash-columns exchange can be placed, not " + node.describe());
    }
    return place(sessionReason(), provider -> provider.unsupported(node));
  }

  private Placement place(Optional<String> reason, Function<GpuOperators, Optional<String>> check) {
    if (reason.isEmpty()) {
      try {
        reason = check.apply(operators.get());
      } catch (RuntimeException | LinkageError e) {
        reason = Optional.of("the GPU operators failed to check it: " + e);
      }
    }
    return reason.map(Placement::cpu).orElse(Placement.GPU);
  }

  /**
   * Where {@code node} runs, for {@code explain()}: a {@link FilterProjectExec},
   * {@link ColumnarAggregateExec} or hash-columns {@link ExchangeExec} as it was placed (run
   * {@link #apply} first), every other kind on the CPU: "user lambda" for nodes that run the
   * user's functions, "typed operator" for typed nodes whose rows are Java objects, and for the
   * others the session's reason when nothing can run on the GPU, else "no GPU implementation of
   * <Name> yet".
   */
  public Placement placementOf(PhysicalPlan node) {
    return node.accept(new Reasons(), null);
  }

  private Placement notImplemented(String name) {
    return Placement.cpu(sessionReason().orElse("no GPU implementation of " + name + " yet"));
  }

  private final class Reasons implements PhysicalPlanVisitor<Placement, Void> {
    private final Placement userLambda = Placement.cpu(USER_LAMBDA);
    private final Placement typed = Placement.cpu(TYPED);

    @Override
    public Placement visitRangeScan(RangeScanExec node, Void context) {
      return typed;
    }

    @Override
    public Placement visitValuesScan(ValuesScanExec node, Void context) {
      return notImplemented("ValuesScan");
    }

    @Override
    public Placement visitTextScan(TextScanExec node, Void context) {
      return typed;
    }

    @Override
    public Placement visitRowPipeline(RowPipelineExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitMapPartitions(MapPartitionsExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitLongPipeline(LongPipelineExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitMapToLong(MapToLongExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitLongMapToObj(LongMapToObjExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitUnion(UnionExec node, Void context) {
      return notImplemented("Union");
    }

    @Override
    public Placement visitCoalesce(CoalesceExec node, Void context) {
      return notImplemented("Coalesce");
    }

    @Override
    public Placement visitLocalLimit(LocalLimitExec node, Void context) {
      return notImplemented("LocalLimit");
    }

    @Override
    public Placement visitExchange(ExchangeExec node, Void context) {
      // a typed hash or range exchange computes its keys with the user's function
      Partitioning partitioning = node.partitioning();
      if (partitioning instanceof Partitioning.HashColumns) {
        return node.placement();
      }
      if (partitioning instanceof Partitioning.Hash || partitioning instanceof Partitioning.Range) {
        return userLambda;
      }
      return notImplemented("Exchange");
    }

    @Override
    public Placement visitShuffleRead(ShuffleReadExec node, Void context) {
      return notImplemented("ShuffleRead");
    }

    @Override
    public Placement visitHashAggregate(HashAggregateExec node, Void context) {
      return typed;
    }

    @Override
    public Placement visitCoGroup(CoGroupExec node, Void context) {
      return typed;
    }

    @Override
    public Placement visitSort(SortExec node, Void context) {
      return userLambda;
    }

    @Override
    public Placement visitFileScan(FileScanExec node, Void context) {
      return notImplemented("FileScan");
    }

    @Override
    public Placement visitFilterProject(FilterProjectExec node, Void context) {
      return node.placement();
    }

    @Override
    public Placement visitColumnarAggregate(ColumnarAggregateExec node, Void context) {
      return node.placement();
    }

    @Override
    public Placement visitCoalesceBatches(CoalesceBatchesExec node, Void context) {
      return Placement.cpu(TRANSITION);
    }

    @Override
    public Placement visitHashJoin(HashJoinExec node, Void context) {
      return notImplemented("HashJoin");
    }

    @Override
    public Placement visitColumnarSort(ColumnarSortExec node, Void context) {
      return notImplemented(node.limit() >= 0 ? "TopN" : "Sort");
    }
  }
}
