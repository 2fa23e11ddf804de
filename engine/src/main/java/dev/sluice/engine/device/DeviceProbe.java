package dev.sluice.engine.device;

import java.util.ServiceLoader;

/**
 * Service interface for accelerator discovery, implemented by the {@code gpu} module and found with
 * {@link ServiceLoader}, so that nothing else depends on it at compile time and Sluice runs without
 * it.
 *
 * <p>Implementations probe at most once per process, cache the answer, and never throw.
 */
public interface DeviceProbe {
  /** The cached result of probing for a device; never throws. */
  DeviceStatus status();

  /**
   * The status of the first probe on the class path, or "no GPU: the gpu module is not on the
   * class path" when there is none.
   */
  static DeviceStatus discover() {
    for (DeviceProbe probe : ServiceLoader.load(DeviceProbe.class)) {
      try {
        return probe.status();
      } catch (RuntimeException | LinkageError e) {
        return DeviceStatus.unavailable("the device probe failed: " + e);
      }
    }
    return DeviceStatus.unavailable("the gpu module is not on the class path");
  }
}
