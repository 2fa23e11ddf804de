package dev.sluice.gpu.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver, through JCuda's driver API binding, about device 0.
 *
 * <p>This is the only class that references {@code jcuda.*}. It is loaded only when a probe
 * actually runs, so that {@code sluice.gpu.enabled=false} (and everything outside this module)
 * never loads JCuda. Callers must be ready for {@link LinkageError} when this class itself cannot
 * load (the JCuda jar missing from the class path).
 *
 * <p>JCuda's driver binding fails in its static initialiser when libcuda.so.1 is missing, and is
 * then unusable for the life of the JVM: the first call throws {@link UnsatisfiedLinkError}, later
 * ones {@link NoClassDefFoundError}. Both map to {@link ProbeResult.NoDriver}.
 */
final class CudaDriverDetector {
  private static final int NAME_BUFFER_BYTES = 256;

  private CudaDriverDetector() {}

  /** Probes device 0; never throws, except a {@link LinkageError} loading this class itself. */
  static ProbeResult detect() {
    try {
      JCudaDriver.setExceptionsEnabled(true);
      cuInit(0);
      int[] count = new int[1];
      cuDeviceGetCount(count);
      if (count[0] == 0) {
        return new ProbeResult.NoDevice();
      }
      CUdevice device = new CUdevice();
      cuDeviceGet(device, 0);
      return ProbeResult.forDevice(
          name(device),
          attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
          attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
          driverVersion());
    } catch (LinkageError e) {
      return new ProbeResult.NoDriver(summary(e));
    } catch (CudaException e) {
      return ProbeResult.forCudaError(e.getMessage());
    }
  }

  private static String name(CUdevice device) {
    byte[] name = new byte[NAME_BUFFER_BYTES];
    cuDeviceGetName(name, name.length, device);
    int length = 0;
    while (length < name.length && name[length] != 0) {
      length++;
    }
    return new String(name, 0, length, StandardCharsets.UTF_8).trim();
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] value = new int[1];
    cuDeviceGetAttribute(value, attribute, device);
    return value[0];
  }

  private static int driverVersion() {
    int[] version = new int[1];
    cuDriverGetVersion(version);
    return version[0];
  }

  /**
   * One line of a linkage error for the log: JCuda's message runs to many lines, and the one that
   * names the missing library ("libcuda.so.1: cannot open shared object file") is not the first.
   */
  private static String summary(LinkageError error) {
    String message = String.valueOf(error.getMessage());
    String chosen = message.lines().findFirst().orElse("").trim();
    for (String line : message.lines().toList()) {
      if (line.contains("cannot open shared object file")) {
        chosen = line.trim();
        break;
      }
    }
    String type = error.getClass().getName();
    return chosen.startsWith(type) ? chosen : type + ": " + chosen;
  }
}
