package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.Placed;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.plan.physical.CoalesceExec;
import dev.sluice.engine.plan.physical.PartitionResolver;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.UnionExec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operators of a stage as the UI lists them and as its tasks report their figures: the sink
 * first, then every node of the stage's plan in pre-order from the root (the node nearest the
 * sink, then its inputs depth-first, in {@link PhysicalPlan#children()} order). A node object met
 * again (a dataset unioned with itself) is listed once, where it is first met; {@link UnionExec}
 * and {@link CoalesceExec} are not listed, since they only route partitions. Each name is the
 * node's class name without {@code Exec} ({@code HashAggregate}) or the sink's ({@code
 * ShuffleWrite}, {@code Collect}); each line of {@link #lines} starts with its name, and {@link
 * #placements} says, line for line, where the nodes with a GPU implementation run (the UI shows it).
 *
 * <p>Each task's fragment carries an {@link OperatorListing} that maps the nodes of its resolved
 * plan to the listed nodes they were resolved from, so every task of the stage reports the whole
 * listing: a node it does not run (another input of a union) gets zeros, nodes it runs more than
 * once (a coalesce's inputs side by side) are summed.
 */
public final class StageOperators {
  private final PhysicalPlan stagePlan;
  /** The listed nodes, in listing order. */
  private final List<PhysicalPlan> listed = new ArrayList<>();
  /** Each listed node's index in {@link #listed}, by identity. */
  private final Map<PhysicalPlan, Integer> index = new IdentityHashMap<>();
  private final List<String> names = new ArrayList<>();

  /** The listing of a stage's plan, before it is resolved per partition. */
  public StageOperators(PhysicalPlan stagePlan) {
    this.stagePlan = requireNonNull(stagePlan, "stagePlan is null");
    collect(stagePlan);
  }

  private void collect(PhysicalPlan node) {
    boolean routing = node instanceof UnionExec || node instanceof CoalesceExec;
    if (!routing) {
      if (index.containsKey(node)) {
        return;
      }
      index.put(node, listed.size());
      listed.add(node);
      names.add(name(node));
    }
    for (PhysicalPlan child : node.children()) {
      collect(child);
    }
  }

  /** The listing as text: the sink's line, then one line per listed node, e.g. {@code HashAggregate[final]}. */
  public List<String> lines(TaskSink sink) {
    List<String> lines = new ArrayList<>(listed.size() + 1);
    lines.add(line(name(sink), sink.describe()));
    for (PhysicalPlan node : listed) {
      lines.add(line(name(node), node.describe()));
    }
    return List.copyOf(lines);
  }

  /**
   * Where each operator of {@link #lines} runs, in the same order: the {@link Placement} of a node
   * with a GPU implementation ({@link Placed}) and of a shuffle write whose partitioning was placed
   * (a hash exchange's map side), empty for the other sinks and for nodes that only run on the CPU.
   */
  public List<Optional<Placement>> placements(TaskSink sink) {
    List<Optional<Placement>> placements = new ArrayList<>(listed.size() + 1);
    placements.add(sink instanceof TaskSink.ShuffleWrite write && write.placement() != Placement.NOT_PLACED
        ? Optional.of(write.placement()) : Optional.empty());
    for (PhysicalPlan node : listed) {
      placements.add(node instanceof Placed placed ? Optional.of(placed.placement()) : Optional.empty());
    }
    return List.copyOf(placements);
  }

  /** The task of one partition: the stage's plan resolved to it, with the listing its figures follow. */
  public TaskFragment fragment(TaskSink sink, int partition) {
    Map<PhysicalPlan, PhysicalPlan> resolvedFrom = new IdentityHashMap<>();
    PhysicalPlan resolved = PartitionResolver.resolve(stagePlan, partition, resolvedFrom::put);
    return new TaskFragment(resolved, sink, listing(resolved, resolvedFrom::get));
  }

  /** The listing for a plan whose nodes came from the stage's nodes as {@code origin} says. */
  OperatorListing listing(PhysicalPlan plan, Function<PhysicalPlan, PhysicalPlan> origin) {
    List<Integer> slots = new ArrayList<>();
    addSlots(plan, origin, slots);
    return new OperatorListing(names, slots);
  }

  private void addSlots(PhysicalPlan node, Function<PhysicalPlan, PhysicalPlan> origin, List<Integer> slots) {
    PhysicalPlan from = origin.apply(node);
    Integer slot = from == null ? null : index.get(from);
    slots.add(slot == null ? -1 : slot);
    for (PhysicalPlan child : node.children()) {
      addSlots(child, origin, slots);
    }
  }

  /** The name a plan node's figures are reported under: its class name without {@code Exec}. */
  public static String name(PhysicalPlan node) {
    String simple = node.getClass().getSimpleName();
    return simple.endsWith("Exec") ? simple.substring(0, simple.length() - "Exec".length()) : simple;
  }

  /** The name a sink's figures are reported under: its class name, e.g. {@code ShuffleWrite}. */
  public static String name(TaskSink sink) {
    return sink.getClass().getSimpleName();
  }

  /** The name, then the description without a repeated name: {@code HashAggregate[final]}, {@code ShuffleWrite: shuffle 0 ...}. */
  private static String line(String name, String description) {
    if (description.regionMatches(true, 0, name, 0, name.length())) {
      return name + description.substring(name.length());
    }
    return name + ": " + description;
  }
}
