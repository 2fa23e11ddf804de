package dev.sluice.engine.device;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link DeviceProbe} found.
 *
 * @param available whether an accelerator can run Sluice operators
 * @param description the device ("NVIDIA H100, compute 9.0, driver 12.4") or, when not available,
 *     the reason, starting with {@code "no GPU: "}
 */
public record DeviceStatus(boolean available, String description) {
  public DeviceStatus {
    requireNonNull(description, "description is null");
  }

  /** A status saying there is no usable device, and why. */
  public static DeviceStatus unavailable(String reason) {
    return new DeviceStatus(false, "no GPU: " + reason);
  }

  @Override
  public String toString() {
    return description;
  }
}
