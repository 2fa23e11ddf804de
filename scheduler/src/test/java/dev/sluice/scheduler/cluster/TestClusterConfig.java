package dev.sluice.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.sluice.engine.error.EngineException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The configuration each role gets (the cluster itself is exercised in {@link TestClusterMaster}). */
@Timeout(60)
class TestClusterConfig {
  @Test
  void testWorkerJoinsTheMasterOverMutualTlsAndLeavesOnSigterm(@TempDir Path temp) {
    ClusterKeys keys = ClusterKeys.generate(temp);
    Config config = ClusterConfig.of(new ClusterNode(ClusterNode.WORKER, "10.0.0.7", 0, "10.0.0.1", 7077, keys));

    assertThat(config.getString("pekko.actor.provider")).isEqualTo("cluster");
    assertThat(config.getStringList("pekko.cluster.roles")).containsExactly("worker");
    assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly("pekko://sluice@10.0.0.1:7077");
    assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.0.0.7");
    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(config.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store"))
        .isEqualTo(keys.keyStore().toString());
    assertThat(config.getString("pekko.remote.artery.ssl.config-ssl-engine.trust-store-password"))
        .isEqualTo(keys.password());
    assertThat(config.getBoolean("pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication")).isTrue();
    assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-oldest");
    assertThat(config.getBoolean("pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone")).isFalse();
    assertThat(config.getBoolean("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook")).isTrue();
    assertThat(config.getString("pekko.actor.serialization-bindings.\"dev.sluice.scheduler.protocol.WireMessage\""))
        .isEqualTo("sluice-kryo");
    assertThat(config.getStringList("pekko.loggers")).containsExactly("org.apache.pekko.event.slf4j.Slf4jLogger");
  }

  @Test
  void testDriverWithoutKeysUsesPlainTcpAndNoShutdownHook() {
    Config config = ClusterConfig.of(new ClusterNode(ClusterNode.DRIVER, "127.0.0.1", 0, "127.0.0.1", 7077, null));

    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tcp");
    assertThat(config.getBoolean("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook")).isFalse();
    assertThat(config.getBoolean("pekko.jvm-shutdown-hooks")).isFalse();
  }

  @Test
  void testWrongRoleOrMissingMasterPortIsRefusedWithTheSetting() {
    assertThatThrownBy(() -> new ClusterNode("boss", "h", 0, "m", 1, null)).isInstanceOf(EngineException.class)
        .hasMessageContaining("'boss'");
    assertThatThrownBy(() -> new ClusterNode(ClusterNode.WORKER, "h", 0, "m", 0, null))
        .isInstanceOf(EngineException.class).hasMessageContaining("sluice://m:<port>");
  }
}
