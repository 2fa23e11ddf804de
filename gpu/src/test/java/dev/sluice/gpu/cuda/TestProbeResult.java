package dev.sluice.gpu.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.device.DeviceStatus;
import org.junit.jupiter.api.Test;

/** Tests of how {@link ProbeResult} classifies what the driver said and how it describes it. */
class TestProbeResult {
  @Test
  void testDeviceWithComputeEightOrNewerIsAvailable() {
    ProbeResult result = ProbeResult.forDevice("NVIDIA H100 80GB HBM3", 9, 0, 12040);

    assertThat(result).isEqualTo(new ProbeResult.Available("NVIDIA H100 80GB HBM3", 9, 0, 12040));
    assertThat(result.toStatus())
        .isEqualTo(new DeviceStatus(true, "NVIDIA H100 80GB HBM3, compute 9.0, CUDA driver 12.4"));
    assertThat(ProbeResult.forDevice("NVIDIA A100-SXM4-40GB", 8, 0, 11000).available()).isTrue();
  }

  @Test
  void testDriverVersionIsShownAsMajorDotMinor() {
    assertThat(new ProbeResult.Available("GPU", 8, 6, 13000).description())
        .isEqualTo("GPU, compute 8.6, CUDA driver 13.0");
    assertThat(new ProbeResult.Available("GPU", 8, 6, 12060).description())
        .isEqualTo("GPU, compute 8.6, CUDA driver 12.6");
  }

  @Test
  void testDeviceOlderThanComputeEightIsUnsupported() {
    ProbeResult result = ProbeResult.forDevice("Tesla T4", 7, 5, 12020);

    assertThat(result).isEqualTo(new ProbeResult.UnsupportedDevice("Tesla T4", 7, 5));
    assertThat(result.toStatus())
        .isEqualTo(
            DeviceStatus.unavailable(
                "device Tesla T4 has compute capability 7.5, Sluice needs 8.0 or newer"));
  }

  @Test
  void testNoDeviceErrorMeansDriverWithoutDevice() {
    ProbeResult result = ProbeResult.forCudaError("CUDA_ERROR_NO_DEVICE");

    assertThat(result).isInstanceOf(ProbeResult.NoDevice.class);
    assertThat(result.toStatus())
        .hasToString("no GPU: CUDA driver present but no device")
        .returns(false, DeviceStatus::available);
  }

  @Test
  void testOtherCudaErrorsAreInitialisationFailures() {
    assertThat(ProbeResult.forCudaError("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH").toStatus())
        .hasToString("no GPU: CUDA initialisation failed: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH");
    assertThat(ProbeResult.forCudaError("INVALID CUresult: 35").toStatus())
        .hasToString("no GPU: CUDA initialisation failed: INVALID CUresult: 35");
    assertThat(ProbeResult.forCudaError(null).toStatus())
        .hasToString("no GPU: CUDA initialisation failed: unknown CUDA error");
  }

  @Test
  void testNoDriverDescriptionLeavesTheDetailToTheLog() {
    ProbeResult result = new ProbeResult.NoDriver("java.lang.UnsatisfiedLinkError: long story");

    assertThat(result.toStatus())
        .isEqualTo(new DeviceStatus(false, "no GPU: no CUDA driver (libcuda.so.1 not found)"));
  }

  @Test
  void testSettingResultsSayWhichSettingDecided() {
    assertThat(new ProbeResult.Disabled().toStatus())
        .hasToString("no GPU: disabled by sluice.gpu.enabled=false");
    assertThat(new ProbeResult.InvalidSetting("on").toStatus())
        .hasToString("no GPU: sluice.gpu.enabled must be auto, true or false, not 'on'");
  }

  @Test
  void testComponentsAreRequired() {
    assertThatThrownBy(() -> new ProbeResult.Available(null, 9, 0, 12040))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name is null");
    assertThatThrownBy(() -> new ProbeResult.InitError(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message is null");
  }
}
