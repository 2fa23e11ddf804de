package dev.sluice.gpu.cuda;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.DeviceStatus;

/**
 * The detailed answer of a CUDA device probe: either a usable device, or the one reason there is
 * none. {@link #toStatus()} turns it into the engine's {@link DeviceStatus}.
 *
 * <p>This type references no JCuda class, so it can be used whether or not JCuda can load.
 */
public sealed interface ProbeResult
    permits ProbeResult.Disabled,
        ProbeResult.InvalidSetting,
        ProbeResult.NoDriver,
        ProbeResult.NoDevice,
        ProbeResult.InitError,
        ProbeResult.UnsupportedDevice,
        ProbeResult.Available {

  /** The oldest compute capability (major part) Sluice runs on: 8.0, Ampere (A100) and newer. */
  int MIN_COMPUTE_MAJOR = 8;

  /** The CUDA driver error name JCuda reports when a driver is installed but sees no device. */
  String NO_DEVICE_ERROR = "CUDA_ERROR_NO_DEVICE";

  /** Whether a device was found that can run Sluice operators. */
  default boolean available() {
    return false;
  }

  /**
   * A one-line description: the device when {@link #available()}, otherwise the reason without the
   * {@code "no GPU: "} prefix that {@link #toStatus()} adds.
   */
  String description();

  /** This result as the engine's status; its description starts with "no GPU: " when unavailable. */
  default DeviceStatus toStatus() {
    return available()
        ? new DeviceStatus(true, description())
        : DeviceStatus.unavailable(description());
  }

  /**
   * The result for a device that the driver reported: {@link Available} when its compute capability
   * is at least {@value #MIN_COMPUTE_MAJOR}.0, otherwise {@link UnsupportedDevice}.
   *
   * @param driverVersion as {@code cuDriverGetVersion} reports it, e.g. 12040 for CUDA 12.4
   */
  static ProbeResult forDevice(String name, int computeMajor, int computeMinor, int driverVersion) {
    if (computeMajor < MIN_COMPUTE_MAJOR) {
      return new UnsupportedDevice(name, computeMajor, computeMinor);
    }
    return new Available(name, computeMajor, computeMinor, driverVersion);
  }

  /**
   * The result for a CUDA driver error raised while initialising or querying the device: {@link
   * NoDevice} for {@value #NO_DEVICE_ERROR}, otherwise {@link InitError}.
   *
   * @param message the error's message, which for JCuda is the error name (e.g. {@code
   *     "CUDA_ERROR_NO_DEVICE"}); may be null
   */
  static ProbeResult forCudaError(String message) {
    if (message != null && message.contains(NO_DEVICE_ERROR)) {
      return new NoDevice();
    }
    return new InitError(message == null ? "unknown CUDA error" : message);
  }

  /** The probe was switched off with {@code sluice.gpu.enabled=false}; JCuda was not touched. */
  record Disabled() implements ProbeResult {
    @Override
    public String description() {
      return "disabled by " + GpuEnabled.PROPERTY + "=false";
    }
  }

  /**
   * The {@code sluice.gpu.enabled} setting has a value other than auto, true or false; JCuda was
   * not touched.
   *
   * @param value the value as given
   */
  record InvalidSetting(String value) implements ProbeResult {
    public InvalidSetting {
      requireNonNull(value, "value is null");
    }

    @Override
    public String description() {
      return "%s must be auto, true or false, not '%s'".formatted(GpuEnabled.PROPERTY, value);
    }
  }

  /**
   * JCuda's driver binding could not load, almost always because the NVIDIA driver library
   * (libcuda.so.1) is not installed.
   *
   * @param detail the first line of the linkage error, for logs; not part of the description
   */
  record NoDriver(String detail) implements ProbeResult {
    public NoDriver {
      requireNonNull(detail, "detail is null");
    }

    @Override
    public String description() {
      return "no CUDA driver (libcuda.so.1 not found)";
    }
  }

  /** The CUDA driver loaded but reports no device. */
  record NoDevice() implements ProbeResult {
    @Override
    public String description() {
      return "CUDA driver present but no device";
    }
  }

  /**
   * The CUDA driver loaded but failed to initialise or to describe the device.
   *
   * @param message the driver's error, e.g. {@code "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"}
   */
  record InitError(String message) implements ProbeResult {
    public InitError {
      requireNonNull(message, "message is null");
    }

    @Override
    public String description() {
      return "CUDA initialisation failed: " + message;
    }
  }

  /**
   * Device 0 is older than Sluice supports.
   *
   * @param name the device name the driver reports
   * @param computeMajor the major part of its compute capability
   * @param computeMinor the minor part of its compute capability
   */
  record UnsupportedDevice(String name, int computeMajor, int computeMinor)
      implements ProbeResult {
    public UnsupportedDevice {
      requireNonNull(name, "name is null");
    }

    @Override
    public String description() {
      return "device %s has compute capability %d.%d, Sluice needs %d.0 or newer"
          .formatted(name, computeMajor, computeMinor, MIN_COMPUTE_MAJOR);
    }
  }

  /**
   * Device 0 is usable.
   *
   * @param name the device name the driver reports, e.g. "NVIDIA H100 80GB HBM3"
   * @param computeMajor the major part of its compute capability (8 or more)
   * @param computeMinor the minor part of its compute capability
   * @param driverVersion the CUDA version the driver supports, as {@code cuDriverGetVersion}
   *     reports it (1000 * major + 10 * minor, e.g. 12040)
   */
  record Available(String name, int computeMajor, int computeMinor, int driverVersion)
      implements ProbeResult {
    public Available {
      requireNonNull(name, "name is null");
    }

    @Override
    public boolean available() {
      return true;
    }

    /** For example "NVIDIA H100 80GB HBM3, compute 9.0, CUDA driver 12.4". */
    @Override
    public String description() {
      return "%s, compute %d.%d, CUDA driver %d.%d"
          .formatted(
              name, computeMajor, computeMinor, driverVersion / 1000, driverVersion % 1000 / 10);
    }
  }
}
