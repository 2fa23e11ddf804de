package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.physical.PhysicalPlan;
import java.util.List;

/**
 * What a task needs to report its operators' figures in its stage's listing ({@link
 * StageOperators}), whatever part of the stage's plan it runs.
 *
 * @param names the listing's names after the sink's, one per listed node of the stage's plan
 * @param slots for each node of the task's resolved plan in pre-order (a node, then its children
 *     in {@link PhysicalPlan#children()} order), the index in {@code names} its operator's figures
 *     add to, or -1 for a node that is not listed (the concatenation a coalesce resolves to)
 */
public record OperatorListing(List<String> names, List<Integer> slots) {
  public OperatorListing {
    names = List.copyOf(requireNonNull(names, "names is null"));
    slots = List.copyOf(requireNonNull(slots, "slots is null"));
    for (int slot : slots) {
      if (slot < -1 || slot >= names.size()) {
        throw new IllegalArgumentException("slot " + slot + " is outside the " + names.size() + " listed operators");
      }
    }
  }

  /** The listing of a plan that is a stage of its own, unresolved (every node is its own). */
  public static OperatorListing of(PhysicalPlan plan) {
    return new StageOperators(plan).listing(plan, node -> node);
  }

  /** The slot of the node at {@code position} of the task's plan in pre-order, or -1. */
  public int slot(int position) {
    return position < slots.size() ? slots.get(position) : -1;
  }
}
