package dev.sluice.gpu.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests of parsing the {@code sluice.gpu.enabled} setting. */
class TestGpuEnabled {
  @Test
  void testParsesTheThreeValuesIgnoringCaseAndBlanks() {
    assertThat(GpuEnabled.parse("auto")).isEqualTo(GpuEnabled.AUTO);
    assertThat(GpuEnabled.parse("TRUE")).isEqualTo(GpuEnabled.TRUE);
    assertThat(GpuEnabled.parse(" False ")).isEqualTo(GpuEnabled.FALSE);
  }

  @Test
  void testAbsentSettingIsAuto() {
    assertThat(GpuEnabled.parse(null)).isEqualTo(GpuEnabled.AUTO);
  }

  @Test
  void testRejectsOtherValuesNamingTheSetting() {
    assertThatThrownBy(() -> GpuEnabled.parse("yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sluice.gpu.enabled must be auto, true or false, not 'yes'");
    assertThatThrownBy(() -> GpuEnabled.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
