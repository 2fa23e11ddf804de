package dev.sluice.examples.bench;

import static java.util.Objects.requireNonNull;

import dev.sluice.examples.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workloads the bench knows, in the order it runs them, and the lookup of {@code --only}
 * selections: a workload is selected by its full id ({@code W1-squares}), or every workload by the
 * part before the first '-' ({@code w1}: W1-squares and W1-squares-typed), case-insensitively.
 */
public final class WorkloadCatalog {
  /** The known workloads by lower-case id, in run order. */
  private final Map<String, Workload> workloads;

  /** A catalog of {@code workloads}, whose ids must differ. */
  public WorkloadCatalog(List<Workload> workloads) {
    Map<String, Workload> byId = new LinkedHashMap<>();
    for (Workload workload : workloads) {
      requireNonNull(workload, "workload is null");
      if (byId.put(workload.id().toLowerCase(Locale.ROOT), workload) != null) {
        throw new IllegalArgumentException("two workloads have the id " + workload.id());
      }
    }
    this.workloads = byId;
  }

  /** The workloads of BENCHMARKS.md implemented so far, at their bench sizes. */
  public static WorkloadCatalog standard() {
    return new WorkloadCatalog(List.of(
        new W1SquaresColumnar(),
        new W1Squares(),
        new W2WordCount(),
        new W3TpchQ1(),
        new W4TpchQ6(),
        new W5TpchQ3(),
        new W6Sort()));
  }

  /** Every workload, in run order. */
  public List<Workload> all() {
    return List.copyOf(workloads.values());
  }

  /**
   * The workloads named in {@code selectors} (an empty list selects all), in catalog order and
   * without repeats.
   *
   * @throws UsageException naming the first unknown selector and listing the known ids
   */
  public List<Workload> select(List<String> selectors) {
    if (selectors.isEmpty()) {
      return all();
    }
    List<Workload> chosen = new ArrayList<>();
    for (String selector : selectors) {
      List<Workload> matching = find(selector);
      if (matching.isEmpty()) {
        throw new UsageException("unknown workload '" + selector + "' in --only; known workloads: " + describe());
      }
      for (Workload workload : matching) {
        if (!chosen.contains(workload)) {
          chosen.add(workload);
        }
      }
    }
    List<Workload> ordered = new ArrayList<>(all());
    ordered.retainAll(chosen);
    return ordered;
  }

  /** The workload with this full id, or every workload whose id starts with this short name. */
  private List<Workload> find(String selector) {
    String key = selector.trim().toLowerCase(Locale.ROOT);
    Workload exact = workloads.get(key);
    if (exact != null) {
      return List.of(exact);
    }
    List<Workload> matching = new ArrayList<>();
    for (Map.Entry<String, Workload> entry : workloads.entrySet()) {
      String id = entry.getKey();
      int dash = id.indexOf('-');
      if (dash > 0 && id.substring(0, dash).equals(key)) {
        matching.add(entry.getValue());
      }
    }
    return matching;
  }

  /** The known ids with their short selectors, e.g. {@code w1 (W1-squares)}. */
  public String describe() {
    return workloads.values().stream()
        .map(w -> shortName(w.id()) + " (" + w.id() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String shortName(String id) {
    int dash = id.indexOf('-');
    return (dash > 0 ? id.substring(0, dash) : id).toLowerCase(Locale.ROOT);
  }
}
