package dev.sluice.scheduler.cluster;

/** Placeholder: the cluster's master (a cluster singleton), written next. */
final class Master {
  private Master() {}
}
