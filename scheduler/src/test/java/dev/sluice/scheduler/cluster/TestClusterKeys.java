package dev.sluice.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestClusterKeys {
  @TempDir
  Path temp;

  @Test
  void generatesOneKeyInBothForms() throws Exception {
    ClusterKeys keys = ClusterKeys.generate(temp.resolve("keys"));
    assertThat(keys.exists()).isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys.keyStore())) {
      store.load(in, keys.password().toCharArray());
    }
    X509Certificate pem;
    try (InputStream in = Files.newInputStream(keys.certificatePem())) {
      pem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    // the PEM certificate is the key store's, and the PEM private key is the key store's private key
    assertThat(pem).isEqualTo(store.getCertificate("sluice"));
    String body = Files.readString(keys.privateKeyPem()).replaceAll("-----[A-Z ]+-----|\\s", "");
    var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    assertThat(key.getEncoded()).isEqualTo(store.getKey("sluice", keys.password().toCharArray()).getEncoded());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys.trustStore())) {
      trust.load(in, keys.password().toCharArray());
    }
    assertThat(trust.getCertificate("sluice")).isEqualTo(pem);
    assertThat(Files.getPosixFilePermissions(keys.privateKeyPem()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(keys.directory())) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("cluster.p12", "truststore.p12", "cluster.crt.pem", "cluster.key.pem", "password");
    }
  }

  @Test
  void twoGenerationsGiveTwoKeysAndLoadOrGenerateKeepsAnExistingOne() throws Exception {
    ClusterKeys first = ClusterKeys.loadOrGenerate(temp.resolve("a"));
    String certificate = Files.readString(first.certificatePem());
    assertThat(Files.readString(ClusterKeys.loadOrGenerate(temp.resolve("a")).certificatePem())).isEqualTo(certificate);
    assertThat(Files.readString(ClusterKeys.generate(temp.resolve("b")).certificatePem())).isNotEqualTo(certificate);
  }

  @Test
  void anIncompleteKeyIsRefusedWithTheWayToMakeOne() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("partial"));
    Files.writeString(directory.resolve(ClusterKeys.PASSWORD), "x\n");
    assertThatThrownBy(() -> new ClusterKeys(directory).requireExisting())
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("No complete cluster key in " + directory)
        .hasMessageContaining("bin/sluice keygen --out")
        .hasMessageContaining("sluice.cluster.keys");
  }
}
