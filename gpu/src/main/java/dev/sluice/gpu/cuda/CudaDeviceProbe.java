package dev.sluice.gpu.cuda;

import dev.sluice.engine.device.DeviceProbe;
import dev.sluice.engine.device.DeviceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA implementation of the engine's {@link DeviceProbe}, found through {@link
 * java.util.ServiceLoader} (registered in {@code META-INF/services}).
 *
 * <p>It asks the CUDA driver about device 0 and accepts it when its compute capability is 8.0 or
 * newer. The {@value GpuEnabled#PROPERTY} system property (auto, true or false; auto when absent)
 * can switch the probe off, in which case JCuda is never loaded.
 *
 * <p>{@link #status()} probes once per process, on first use, whichever instance it is called on,
 * and logs the answer once; it is thread-safe and never throws. {@link #probe(String)} probes again
 * each time and is meant for tests and diagnostics. Note that when JCuda's driver binding fails to
 * load, it stays failed for the life of the JVM, so a later probe cannot find a driver installed
 * in the meantime.
 */
public final class CudaDeviceProbe implements DeviceProbe {
  private static final Logger LOG = LoggerFactory.getLogger(CudaDeviceProbe.class);

  /** Creates a probe; cheap, probes nothing (the ServiceLoader calls this). */
  public CudaDeviceProbe() {}

  /**
   * The process-wide answer, probed with the {@value GpuEnabled#PROPERTY} system property as it is
   * at the first call; the same instance on every later call. Never throws.
   */
  @Override
  public DeviceStatus status() {
    return Cached.STATUS;
  }

  /**
   * Probes now, bypassing the cache and not logging, with the given setting in place of the system
   * property. Never throws.
   *
   * @param enabledSetting a value of {@value GpuEnabled#PROPERTY}: auto, true or false (any case),
   *     or null for auto; any other value gives an unavailable status that says so
   */
  public static DeviceStatus probe(String enabledSetting) {
    return detect(enabledSetting).toStatus();
  }

  /**
   * Like {@link #probe(String)}, with the detailed answer. Never throws; JCuda is loaded only when
   * the setting is auto or true.
   */
  public static ProbeResult detect(String enabledSetting) {
    GpuEnabled enabled;
    try {
      enabled = GpuEnabled.parse(enabledSetting);
    } catch (IllegalArgumentException e) {
      return new ProbeResult.InvalidSetting(enabledSetting);
    }
    if (enabled == GpuEnabled.FALSE) {
      return new ProbeResult.Disabled();
    }
    try {
      return CudaDriverDetector.detect();
    } catch (LinkageError e) {
      // CudaDriverDetector itself could not load: the JCuda jar is not on the class path.
      return new ProbeResult.InitError("JCuda could not be loaded: " + e);
    } catch (RuntimeException e) {
      return new ProbeResult.InitError("unexpected error, this is a bug: " + e);
    }
  }

  private static DeviceStatus probeAndLog() {
    String setting = System.getProperty(GpuEnabled.PROPERTY);
    long start = System.nanoTime();
    ProbeResult result = detect(setting);
    long millis = (System.nanoTime() - start) / 1_000_000;
    DeviceStatus status = result.toStatus();
    if (result instanceof ProbeResult.NoDriver noDriver) {
      LOG.debug("CUDA driver binding failed to load: {}", noDriver.detail());
    }
    if (result.available()) {
      LOG.info("GPU found: {} (probed in {} ms)", status.description(), millis);
    } else if (deservesWarning(setting)) {
      LOG.warn("No usable GPU, running on CPU: {} (probed in {} ms)", status, millis);
    } else {
      LOG.info("Running on CPU, {} (probed in {} ms)", status, millis);
    }
    return status;
  }

  /** Whether the setting is true, or not understood (either way the user should hear about it). */
  private static boolean deservesWarning(String setting) {
    try {
      return GpuEnabled.parse(setting) == GpuEnabled.TRUE;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /** Holds the process-wide answer; the JVM runs its initialiser once, on first use, thread-safely. */
  private static final class Cached {
    static final DeviceStatus STATUS = probeAndLog();
  }
}
