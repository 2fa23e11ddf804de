package dev.sluice.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import org.junit.jupiter.api.Test;

class TestMasterUrl {
  @Test
  void localForms() {
    assertThat(MasterUrl.parse("local")).isEqualTo(new MasterUrl(1));
    assertThat(MasterUrl.parse("local[3]").slots()).isEqualTo(3);
    assertThat(MasterUrl.parse(" local[*] ").slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(MasterUrl.parse("local[2]").isCluster()).isFalse();
    assertThat(MasterUrl.parse("local[2]")).hasToString("local[2]");
  }

  @Test
  void clusterForm() {
    MasterUrl master = MasterUrl.parse("sluice://10.0.0.1:7077");
    assertThat(master.isCluster()).isTrue();
    assertThat(master.host()).isEqualTo("10.0.0.1");
    assertThat(master.port()).isEqualTo(7077);
    assertThat(master).hasToString("sluice://10.0.0.1:7077");
    assertThat(MasterUrl.parse("sluice://master-1.example.org:1").host()).isEqualTo("master-1.example.org");
  }

  @Test
  void badFormsNameTheSettingAndTheAcceptedForms() {
    for (String bad : new String[] {"yarn", "sluice://host", "sluice://:7077", "spark://h:7077", "local[0]", ""}) {
      assertThatThrownBy(() -> MasterUrl.parse(bad)).as(bad).isInstanceOf(EngineException.class)
          .hasMessageContaining("sluice.master");
    }
    assertThatThrownBy(() -> MasterUrl.parse("yarn")).hasMessageContaining("sluice://host:port");
    assertThatThrownBy(() -> MasterUrl.parse("sluice://h:70000")).hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> MasterUrl.parse("sluice://h:0")).hasMessageContaining("between 1 and 65535");
  }
}
