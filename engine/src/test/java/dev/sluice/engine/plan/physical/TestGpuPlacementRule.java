package dev.sluice.engine.plan.physical;

import static dev.sluice.engine.relational.RelationFixtures.as;
import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lineitem;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.orders;
import static dev.sluice.engine.relational.RelationFixtures.sum;
import static dev.sluice.engine.relational.RelationFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.DeviceStatus;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.plan.FilterNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.LongMapNode;
import dev.sluice.engine.plan.MapNode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.PlanPrinter;
import dev.sluice.engine.plan.RangeNode;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.relational.optimizer.Optimizer;
import dev.sluice.engine.relational.planner.PlannerSettings;
import dev.sluice.engine.relational.planner.RelationalPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/**
 * The GPU placement rule: where each operator runs and, when on the CPU, the first reason that
 * applies. The GPU itself is outside this machine: {@link FakeGpuOperators} stands for the gpu
 * module's provider (its answers only; it never runs a batch here).
 */
class TestGpuPlacementRule {
  private static final long MIB = 1 << 20;
  private static final PlannerSettings SETTINGS = new PlannerSettings(8, 10 * MIB, 128 * MIB);
  private static final DeviceStatus H100 = new DeviceStatus(true, "NVIDIA H100, compute 9.0, driver 12.4");
  private static final DeviceStatus NO_DRIVER = DeviceStatus.unavailable("no CUDA driver");

  /** Stands for the gpu module: supports what {@code reason} does not refuse, and counts its calls. */
  private static class FakeGpuOperators implements GpuOperators {
    private final Function<FilterProjectExec, Optional<String>> reason;
    private final Function<ColumnarAggregateExec, Optional<String>> aggregateReason;
    private final Function<ExchangeExec, Optional<String>> exchangeReason;
    private final List<FilterProjectExec> asked = new ArrayList<>();
    private final List<ExchangeExec> askedExchanges = new ArrayList<>();

    FakeGpuOperators(Function<FilterProjectExec, Optional<String>> reason) {
      this(reason, node -> Optional.of("no aggregation in this fake"));
    }

    FakeGpuOperators(Function<FilterProjectExec, Optional<String>> reason,
        Function<ColumnarAggregateExec, Optional<String>> aggregateReason) {
      this(reason, aggregateReason, node -> Optional.of("no hash partitioning in this fake"));
    }

    FakeGpuOperators(Function<FilterProjectExec, Optional<String>> reason,
        Function<ColumnarAggregateExec, Optional<String>> aggregateReason,
        Function<ExchangeExec, Optional<String>> exchangeReason) {
      this.reason = reason;
      this.aggregateReason = aggregateReason;
      this.exchangeReason = exchangeReason;
    }

    @Override
    public Optional<String> unsupported(FilterProjectExec node) {
      asked.add(node);
      return reason.apply(node);
    }

    @Override
    public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
      throw new AssertionError("the planner must not run batches");
    }

    @Override
    public Optional<String> unsupported(ColumnarAggregateExec node) {
      return aggregateReason.apply(node);
    }

    @Override
    public Batch partialAggregate(ColumnarAggregateExec node, Batch input, BufferAllocator allocator) {
      throw new AssertionError("the planner must not run batches");
    }

    @Override
    public Optional<String> unsupported(ExchangeExec node) {
      askedExchanges.add(node);
      return exchangeReason.apply(node);
    }

    @Override
    public int[] hashPartitions(ExchangeExec node, Batch input, BufferAllocator allocator) {
      throw new AssertionError("the planner must not run batches");
    }
  }

  private static PhysicalPlan plan(Relation unresolved) {
    return RelationalPlanner.plan(Optimizer.optimize(Analyzer.analyze(unresolved)), SETTINGS);
  }

  /** lineitem filtered by a join-side predicate the scan cannot take, projected with arithmetic, joined, aggregated, sorted. */
  private static PhysicalPlan query() {
    Relation projected = new ProjectRelation(new FilterRelation(lineitem(),
        gt(times(col("l_extendedprice"), col("l_discount")), lit(100))),
        List.of(col("l_orderkey"), as(times(col("l_extendedprice"), col("l_discount")), "revenue")));
    Relation joined = new JoinRelation(projected, orders(), JoinType.INNER, eq(col("l_orderkey"), col("o_orderkey")));
    Relation aggregated = new AggregateRelation(joined, List.of(col("o_orderdate")),
        List.of(col("o_orderdate"), as(sum(col("revenue")), "revenue")));
    return plan(new SortRelation(aggregated, List.of(SortKey.descending(col("revenue")))));
  }

  private static <T> List<T> find(PhysicalPlan plan, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(plan, type, found);
    return found;
  }

  private static <T> void collect(PhysicalPlan plan, Class<T> type, List<T> found) {
    if (type.isInstance(plan)) {
      found.add(type.cast(plan));
    }
    plan.children().forEach(child -> collect(child, type, found));
  }

  private static List<Placement> placements(PhysicalPlan plan) {
    return find(plan, FilterProjectExec.class).stream().map(FilterProjectExec::placement).toList();
  }

  @Test
  void testQueryHasFilterProjectsBeforePlacement() {
    PhysicalPlan plan = query();
    assertThat(placements(plan)).isNotEmpty().containsOnly(Placement.NOT_PLACED);
  }

  @Test
  void testGpuWhenDeviceAvailableEnabledAndProviderSupportsTheNode() {
    FakeGpuOperators provider = new FakeGpuOperators(node -> Optional.empty());
    PhysicalPlan placed = new GpuPlacementRule(H100, true, Optional.of(provider)).apply(query());
    assertThat(placements(placed)).isNotEmpty().containsOnly(Placement.GPU);
    assertThat(provider.asked).hasSameSizeAs(placements(placed));
    // every GPU operator reads coalesced batches; apart from that the plan is unchanged
    for (FilterProjectExec node : find(placed, FilterProjectExec.class)) {
      assertThat(node.child()).isInstanceOfSatisfying(CoalesceBatchesExec.class,
          coalesce -> assertThat(coalesce.targetRows()).isEqualTo(GpuPlacementRule.DEFAULT_BATCH_ROWS));
    }
    assertThat(PlanPrinter.print(withoutCoalesceBatches(placed))).isEqualTo(PlanPrinter.print(query()));
  }

  private static PhysicalPlan withoutCoalesceBatches(PhysicalPlan plan) {
    if (plan instanceof CoalesceBatchesExec coalesce) {
      return withoutCoalesceBatches(coalesce.child());
    }
    return plan.children().isEmpty() ? plan
        : plan.withChildren(plan.children().stream().map(TestGpuPlacementRule::withoutCoalesceBatches).toList());
  }

  @Test
  void testPartialAggregationGoesToTheGpuAndFinalMergeStaysOnTheCpu() {
    GpuPlacementRule rule = new GpuPlacementRule(H100, true,
        Optional.of(new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty())), 1000);
    PhysicalPlan placed = rule.apply(query());
    List<ColumnarAggregateExec> aggregates = find(placed, ColumnarAggregateExec.class);
    assertThat(aggregates).extracting(ColumnarAggregateExec::mode)
        .containsExactly(AggregateMode.FINAL, AggregateMode.PARTIAL);
    assertThat(aggregates.get(0).placement()).isEqualTo(Placement.cpu(GpuPlacementRule.NOT_PARTIAL));
    assertThat(aggregates.get(1).placement()).isEqualTo(Placement.GPU);
    // the partial aggregation reads the (CPU) join's batches coalesced to 1000 rows
    assertThat(aggregates.get(1).child()).isInstanceOfSatisfying(CoalesceBatchesExec.class, coalesce -> {
      assertThat(coalesce.targetRows()).isEqualTo(1000);
      assertThat(coalesce.child()).isInstanceOf(HashJoinExec.class);
      assertThat(rule.placementOf(coalesce)).isEqualTo(Placement.cpu(GpuPlacementRule.TRANSITION));
    });
    assertThat(PlanPrinter.print(placed, rule::placementOf))
        .contains("CoalesceBatches to 1000 rows for the GPU", "[CPU: " + GpuPlacementRule.NOT_PARTIAL + "]");
    // a GPU FilterProject under a GPU operator hands its batches over as they are
    FilterProjectExec gpuFilter = find(placed, FilterProjectExec.class).get(0);
    ColumnarAggregateExec onTop = new ColumnarAggregateExec(gpuFilter.id(), gpuFilter, AggregateMode.PARTIAL,
        List.of(), List.of(), aggregates.get(1).schema());
    ColumnarAggregateExec stacked = (ColumnarAggregateExec) rule.apply(onTop);
    assertThat(stacked.placement()).isEqualTo(Placement.GPU);
    assertThat(stacked.child()).isInstanceOf(FilterProjectExec.class);
    assertThat(find(stacked, CoalesceBatchesExec.class)).hasSize(1);
  }

  private static List<ExchangeExec> hashExchanges(PhysicalPlan plan) {
    return find(plan, ExchangeExec.class).stream()
        .filter(exchange -> exchange.partitioning() instanceof Partitioning.HashColumns).toList();
  }

  @Test
  void testHashExchangeComputesItsPartitionsOnTheGpuWithoutCoalescing() {
    FakeGpuOperators provider = new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty(),
        node -> Optional.empty());
    GpuPlacementRule rule = new GpuPlacementRule(H100, true, Optional.of(provider), 1000);
    assertThat(hashExchanges(query())).isNotEmpty().extracting(ExchangeExec::placement)
        .containsOnly(Placement.NOT_PLACED);
    PhysicalPlan placed = rule.apply(query());
    List<ExchangeExec> exchanges = hashExchanges(placed);
    assertThat(exchanges).isNotEmpty().extracting(ExchangeExec::placement).containsOnly(Placement.GPU);
    assertThat(provider.askedExchanges).hasSameSizeAs(exchanges);
    for (ExchangeExec exchange : exchanges) {
      assertThat(rule.placementOf(exchange)).isEqualTo(Placement.GPU);
      // the shuffle writer buffers rows per partition itself: no transition under an exchange
      assertThat(exchange.child()).isNotInstanceOf(CoalesceBatchesExec.class);
    }
    assertThat(PlanPrinter.print(placed, rule::placementOf)).containsPattern("Exchange\\[hash\\(.*\\[GPU\\]");
    // other exchanges keep their reasons
    for (ExchangeExec other : find(placed, ExchangeExec.class)) {
      if (!(other.partitioning() instanceof Partitioning.HashColumns)) {
        assertThat(other.placement()).isEqualTo(Placement.NOT_PLACED);
        assertThat(rule.placementOf(other)).isEqualTo(Placement.cpu("no GPU implementation of Exchange yet"));
      }
    }
  }

  @Test
  void testHashExchangeStaysOnTheCpuWithTheProvidersOrTheSessionsReason() {
    String reason = "key o_comment of type string not supported on GPU";
    FakeGpuOperators refusing = new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty(),
        node -> Optional.of(reason));
    GpuPlacementRule rule = new GpuPlacementRule(H100, true, Optional.of(refusing));
    PhysicalPlan placed = rule.apply(query());
    assertThat(hashExchanges(placed)).isNotEmpty().allSatisfy(exchange -> {
      assertThat(exchange.placement()).isEqualTo(Placement.cpu(reason));
      assertThat(rule.placementOf(exchange).marker()).isEqualTo("[CPU: " + reason + "]");
    });
    // a provider without hash partitioning refuses by default
    GpuOperators defaults = new GpuOperators() {
      @Override
      public Optional<String> unsupported(FilterProjectExec node) {
        return Optional.empty();
      }

      @Override
      public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
        throw new AssertionError("the planner must not run batches");
      }
    };
    assertThat(hashExchanges(new GpuPlacementRule(H100, true, Optional.of(defaults)).apply(query())))
        .extracting(exchange -> exchange.placement().reason()).isNotEmpty()
        .allSatisfy(why -> assertThat(why).startsWith("no GPU hash partitioning in "));
    // the session's reason comes first, without asking the provider
    FakeGpuOperators never = new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty(),
        node -> Optional.of("never asked"));
    assertThat(hashExchanges(new GpuPlacementRule(NO_DRIVER, true, Optional.of(never)).apply(query())))
        .extracting(ExchangeExec::placement).isNotEmpty().containsOnly(Placement.cpu("no GPU: no CUDA driver"));
    assertThat(hashExchanges(new GpuPlacementRule(H100, false, Optional.of(never)).apply(query())))
        .extracting(ExchangeExec::placement).containsOnly(Placement.cpu(GpuPlacementRule.DISABLED));
    assertThat(never.askedExchanges).isEmpty();
    // one that throws keeps it on the CPU
    FakeGpuOperators throwing = new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty(), node -> {
      throw new IllegalStateException("boom");
    });
    assertThat(hashExchanges(new GpuPlacementRule(H100, true, Optional.of(throwing)).apply(query())))
        .extracting(ExchangeExec::placement).isNotEmpty()
        .allSatisfy(placement -> assertThat(placement.reason()).contains("boom"));
  }

  @Test
  void testProviderReasonWhenItDoesNotSupportTheNode() {
    String reason = "type decimal(38,10) not supported";
    PhysicalPlan placed = new GpuPlacementRule(H100, true,
        Optional.of(new FakeGpuOperators(node -> Optional.of(reason)))).apply(query());
    assertThat(placements(placed)).isNotEmpty().containsOnly(Placement.cpu(reason));
    assertThat(placements(placed).get(0).marker()).isEqualTo("[CPU: type decimal(38,10) not supported]");
  }

  @Test
  void testProviderDecidesNodeByNode() {
    PhysicalPlan placed = new GpuPlacementRule(H100, true, Optional.of(new FakeGpuOperators(
        node -> node.condition() != null ? Optional.of("filter not supported") : Optional.empty()))).apply(query());
    for (FilterProjectExec node : find(placed, FilterProjectExec.class)) {
      assertThat(node.placement()).isEqualTo(node.condition() != null ? Placement.cpu("filter not supported")
          : Placement.GPU);
    }
  }

  @Test
  void testProviderThatThrowsKeepsTheNodeOnTheCpu() {
    PhysicalPlan placed = new GpuPlacementRule(H100, true, Optional.of(new FakeGpuOperators(node -> {
      throw new IllegalStateException("boom");
    }))).apply(query());
    assertThat(placements(placed)).isNotEmpty().allSatisfy(placement -> {
      assertThat(placement.gpu()).isFalse();
      assertThat(placement.reason()).contains("boom");
    });
  }

  @Test
  void testNoDeviceGivesTheProbesReasonWithoutAskingTheProvider() {
    FakeGpuOperators provider = new FakeGpuOperators(node -> Optional.of("never asked"));
    PhysicalPlan placed = new GpuPlacementRule(NO_DRIVER, true, Optional.of(provider)).apply(query());
    assertThat(placements(placed)).isNotEmpty().containsOnly(Placement.cpu("no GPU: no CUDA driver"));
    assertThat(provider.asked).isEmpty();
  }

  @Test
  void testDisabledComesFirst() {
    FakeGpuOperators provider = new FakeGpuOperators(node -> Optional.empty());
    for (DeviceStatus device : List.of(H100, NO_DRIVER)) {
      PhysicalPlan placed = new GpuPlacementRule(device, false, Optional.of(provider)).apply(query());
      assertThat(placements(placed)).isNotEmpty().containsOnly(Placement.cpu("disabled by sluice.gpu.enabled=false"));
      placed = new GpuPlacementRule(device, false, Optional.empty()).apply(query());
      assertThat(placements(placed)).containsOnly(Placement.cpu("disabled by sluice.gpu.enabled=false"));
    }
    assertThat(provider.asked).isEmpty();
  }

  @Test
  void testNoProviderGivesTheMissingModuleReason() {
    PhysicalPlan placed = new GpuPlacementRule(H100, true, Optional.empty()).apply(query());
    assertThat(placements(placed)).isNotEmpty()
        .containsOnly(Placement.cpu("no GPU operators on the class path (the gpu module is missing)"));
    // no device comes before no provider
    placed = new GpuPlacementRule(NO_DRIVER, true, Optional.empty()).apply(query());
    assertThat(placements(placed)).containsOnly(Placement.cpu("no GPU: no CUDA driver"));
  }

  @Test
  void testOtherColumnarNodesGiveTheirReasons() {
    GpuPlacementRule rule = new GpuPlacementRule(H100, true, Optional.of(new FakeGpuOperators(n -> Optional.empty())));
    PhysicalPlan placed = rule.apply(query());
    assertThat(rule.placementOf(find(placed, HashJoinExec.class).get(0)))
        .isEqualTo(Placement.cpu("no GPU implementation of HashJoin yet"));
    assertThat(rule.placementOf(find(placed, ColumnarAggregateExec.class).get(0)))
        .isEqualTo(Placement.cpu(GpuPlacementRule.NOT_PARTIAL));
    assertThat(rule.placementOf(find(placed, ColumnarAggregateExec.class).get(1)))
        .isEqualTo(Placement.cpu("no aggregation in this fake"));
    assertThat(rule.placementOf(find(placed, ColumnarSortExec.class).get(0)))
        .isEqualTo(Placement.cpu("no GPU implementation of Sort yet"));
    assertThat(rule.placementOf(find(placed, FileScanExec.class).get(0)))
        .isEqualTo(Placement.cpu("no GPU implementation of FileScan yet"));
    for (ExchangeExec exchange : find(placed, ExchangeExec.class)) {
      assertThat(rule.placementOf(exchange)).isEqualTo(Placement.cpu(
          exchange.partitioning() instanceof Partitioning.HashColumns ? "no hash partitioning in this fake"
              : "no GPU implementation of Exchange yet"));
    }
    assertThat(rule.placementOf(find(placed, FilterProjectExec.class).get(0))).isEqualTo(Placement.GPU);
  }

  @Test
  void testProviderThatCannotRunItsKernelsPlacesNothing() {
    String why = "no GPU: the GPU cannot run Sluice's kernels: CUDA_ERROR_UNSUPPORTED_PTX_VERSION";
    FakeGpuOperators provider = new FakeGpuOperators(node -> Optional.empty(), node -> Optional.empty()) {
      @Override
      public Optional<String> unavailable() {
        return Optional.of(why);
      }
    };
    GpuPlacementRule rule = new GpuPlacementRule(H100, true, Optional.of(provider));
    PhysicalPlan placed = rule.apply(query());
    assertThat(placements(placed)).isNotEmpty().containsOnly(Placement.cpu(why));
    assertThat(find(placed, ColumnarAggregateExec.class)).allSatisfy(
        aggregate -> assertThat(aggregate.placement()).isEqualTo(Placement.cpu(why)));
    assertThat(find(placed, CoalesceBatchesExec.class)).isEmpty();
    assertThat(provider.asked).as("nodes are not asked about").isEmpty();
    assertThat(rule.sessionReason()).contains(why);
  }

  @Test
  void testWithoutAGpuOtherColumnarNodesGiveTheSessionReason() {
    PhysicalPlan plan = query();
    GpuPlacementRule noDriver = new GpuPlacementRule(NO_DRIVER, true, Optional.empty());
    GpuPlacementRule disabled = new GpuPlacementRule(H100, false, Optional.empty());
    GpuPlacementRule noModule = new GpuPlacementRule(H100, true, Optional.empty());
    HashJoinExec join = find(plan, HashJoinExec.class).get(0);
    assertThat(noDriver.placementOf(join)).isEqualTo(Placement.cpu("no GPU: no CUDA driver"));
    assertThat(disabled.placementOf(join)).isEqualTo(Placement.cpu("disabled by sluice.gpu.enabled=false"));
    assertThat(noModule.placementOf(join)).isEqualTo(Placement.cpu(GpuPlacementRule.NO_PROVIDER));
    assertThat(noDriver.sessionReason()).contains("no GPU: no CUDA driver");
    assertThat(new GpuPlacementRule(H100, true, Optional.of(new FakeGpuOperators(n -> Optional.empty())))
        .sessionReason()).isEmpty();
  }

  @Test
  void testTypedNodesRunUserLambdasOnTheCpu() {
    Origin origin = new Origin("test", "TestGpuPlacementRule.java:1");
    MapFunction<Long, String> toText = x -> "v" + x;
    FilterFunction<String> notEmpty = s -> !s.isEmpty();
    RangeNode range = new RangeNode(new PlanNodeId(1), origin, 0, 10, 1, 2);
    LogicalPlan typed = new FilterNode(new PlanNodeId(3), origin,
        new MapNode(new PlanNodeId(2), origin, range, toText, String.class), notEmpty);
    GpuPlacementRule rule = new GpuPlacementRule(H100, true, Optional.of(new FakeGpuOperators(n -> Optional.empty())));
    PhysicalPlan physical = rule.apply(PhysicalPlanner.plan(typed));
    assertThat(physical).isInstanceOf(RowPipelineExec.class);
    assertThat(rule.placementOf(physical)).isEqualTo(Placement.cpu("user lambda"));
    assertThat(rule.placementOf(physical.children().get(0))).isEqualTo(Placement.cpu("typed operator"));
    PhysicalPlan longs = PhysicalPlanner.plan(new LongMapNode(new PlanNodeId(4), origin, range, x -> x * 2));
    assertThat(rule.placementOf(longs)).isEqualTo(Placement.cpu("user lambda"));
    MapFunction<Object, Object> key = x -> x;
    ExchangeExec byKey = new ExchangeExec(new PlanNodeId(5), physical, new Partitioning.Hash(4, key));
    assertThat(rule.placementOf(byKey)).isEqualTo(Placement.cpu("user lambda"));
    String[] lines = PlanPrinter.print(physical, rule::placementOf).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("RowPipeline[map ").endsWith("-> String] #2  partitions=2 [CPU: user lambda]");
    assertThat(lines[1]).isEqualTo("  +- RangeScan[2 partitions] #1  partitions=2 [CPU: typed operator]");
  }

  @Test
  void testPrinterEndsEveryLineWithItsMarker() {
    GpuPlacementRule rule = new GpuPlacementRule(NO_DRIVER, true, Optional.empty());
    PhysicalPlan placed = rule.apply(query());
    String printed = PlanPrinter.print(placed, rule::placementOf);
    String[] lines = printed.split("\n");
    String[] plain = PlanPrinter.print(placed).split("\n");
    assertThat(lines).hasSameSizeAs(plain);
    for (int i = 0; i < lines.length; i++) {
      assertThat(lines[i]).isEqualTo(plain[i] + " [CPU: no GPU: no CUDA driver]");
    }
    assertThat(printed).contains("FilterProject");
  }
}
