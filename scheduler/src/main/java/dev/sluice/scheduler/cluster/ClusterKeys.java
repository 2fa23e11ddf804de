package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's key: one key pair and self-signed certificate that every master, worker and driver
 * of a cluster holds, so that each side of every connection proves it belongs (mutual TLS). The
 * directory holds the same key in the two forms the two transports read:
 *
 * <ul>
 *   <li>{@code cluster.p12} (PKCS12 key store, alias {@code sluice}) and {@code truststore.p12}
 *       (the certificate alone) for Pekko Artery's {@code tls-tcp};
 *   <li>{@code cluster.crt.pem} and {@code cluster.key.pem} (PKCS#8) for Arrow Flight (gRPC);
 *   <li>{@code password}, the stores' password.
 * </ul>
 *
 * A node with another key is refused by the others during the TLS handshake. Files are readable by
 * their owner only. {@link #generate} uses the JDK's {@code keytool}.
 *
 * @param directory where the files are
 */
public record ClusterKeys(Path directory) {
  public static final String KEY_STORE = "cluster.p12";
  public static final String TRUST_STORE = "truststore.p12";
  public static final String CERTIFICATE_PEM = "cluster.crt.pem";
  public static final String PRIVATE_KEY_PEM = "cluster.key.pem";
  public static final String PASSWORD = "password";
  private static final String ALIAS = "sluice";
  private static final long KEYTOOL_SECONDS = 60;
  private static final String PASSWORD_VARIABLE = "SLUICE_KEYSTORE_PASSWORD";

  public ClusterKeys {
    requireNonNull(directory, "directory is null");
    directory = directory.toAbsolutePath().normalize();
  }

  /** The default key directory, {@code ~/.sluice/keys}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".sluice", "keys");
  }

  public Path keyStore() {
    return directory.resolve(KEY_STORE);
  }

  public Path trustStore() {
    return directory.resolve(TRUST_STORE);
  }

  public Path certificatePem() {
    return directory.resolve(CERTIFICATE_PEM);
  }

  public Path privateKeyPem() {
    return directory.resolve(PRIVATE_KEY_PEM);
  }

  /** Whether every file of the key is there. */
  public boolean exists() {
    return List.of(keyStore(), trustStore(), certificatePem(), privateKeyPem(), directory.resolve(PASSWORD))
        .stream().allMatch(Files::isRegularFile);
  }

  /** The stores' password. */
  public String password() {
    try {
      return Files.readString(directory.resolve(PASSWORD), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw missing(e);
    }
  }

  /** Fails with a message saying how to make the key when it is not complete. */
  public ClusterKeys requireExisting() {
    if (!exists()) {
      throw missing(null);
    }
    return this;
  }

  private EngineException missing(Exception cause) {
    return new EngineException(ErrorCode.INVALID_CONFIGURATION, "No complete cluster key in " + directory
        + " (expected " + KEY_STORE + ", " + TRUST_STORE + ", " + CERTIFICATE_PEM + ", " + PRIVATE_KEY_PEM + " and "
        + PASSWORD + "); run 'bin/sluice keygen --out " + directory + "' on one machine and copy the directory to "
        + "every machine of the cluster, or set sluice.cluster.keys", cause);
  }

  /** The existing key in {@code directory}, or a new one generated there when there is none. */
  public static ClusterKeys loadOrGenerate(Path directory) {
    ClusterKeys keys = new ClusterKeys(directory);
    return keys.exists() ? keys : generate(directory);
  }

  /**
   * Generates a new cluster key into {@code directory} (created if needed; files written under
   * temporary names and renamed into place, so a failure leaves no partial key).
   */
  public static ClusterKeys generate(Path directory) {
    ClusterKeys keys = new ClusterKeys(directory);
    Path dir = keys.directory();
    Path staging = null;
    try {
      Files.createDirectories(dir);
      staging = Files.createTempDirectory(dir, ".keygen-");
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      Path keyStore = staging.resolve(KEY_STORE);
      Path certificate = staging.resolve("cluster.crt");
      keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=sluice-cluster",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
          "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
      keytool(password, "-exportcert", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass:env",
          PASSWORD_VARIABLE, "-file", certificate.toString());
      keytool(password, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype",
          "PKCS12", "-keystore", staging.resolve(TRUST_STORE).toString(), "-storepass:env", PASSWORD_VARIABLE);
      Files.delete(certificate);
      writePems(keyStore, password, staging);
      Files.writeString(staging.resolve(PASSWORD), password + "\n", StandardCharsets.US_ASCII);
      for (String name : List.of(KEY_STORE, TRUST_STORE, CERTIFICATE_PEM, PRIVATE_KEY_PEM, PASSWORD)) {
        Path file = staging.resolve(name);
        restrict(file);
        Files.move(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return keys;
    } catch (IOException | GeneralSecurityException e) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Cannot generate a cluster key in " + dir + ": "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(staging);
    }
  }

  private static void writePems(Path keyStore, String password, Path directory)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    Certificate certificate = store.getCertificate(ALIAS);
    java.security.Key key = store.getKey(ALIAS, password.toCharArray());
    Files.writeString(directory.resolve(CERTIFICATE_PEM), pem("CERTIFICATE", certificate.getEncoded()),
        StandardCharsets.US_ASCII);
    Files.writeString(directory.resolve(PRIVATE_KEY_PEM), pem("PRIVATE KEY", key.getEncoded()),
        StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void keytool(String password, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // the password goes through the environment, not the command line (which other users can list)
    builder.environment().put(PASSWORD_VARIABLE, password);
    Process process = builder.start();
    try {
      if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool did not finish within " + KEYTOOL_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace(password,
        "****");
    if (process.exitValue() != 0) {
      throw new IOException("keytool " + arguments[0] + " failed (exit " + process.exitValue() + "): " + output.trim());
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: left as created
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // best effort: a leftover staging directory holds no complete key
    }
  }
}
