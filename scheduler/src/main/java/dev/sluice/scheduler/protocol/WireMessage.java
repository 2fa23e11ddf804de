package dev.sluice.scheduler.protocol;

/**
 * Marks a message that may cross between JVMs of a cluster (driver, master, workers). Pekko
 * serializes every such message with Kryo (the cluster configuration binds this interface), so a
 * message type that a remote actor receives must implement it, and must stay small: Artery's frame
 * is 256 KiB, so bulk bytes (task binaries, results, shuffle blocks, jars) go over Arrow Flight
 * and the message carries a reference.
 */
public interface WireMessage {}
