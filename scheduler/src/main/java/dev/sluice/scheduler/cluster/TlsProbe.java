package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Tells why a node cannot join: opens a mutual-TLS connection to the master's Artery port with this
 * node's cluster key, as Artery itself would, and reports what the handshake says. Pekko only logs
 * a node's failed joins as retries; this names the cause ("different cluster keys") for the user.
 */
public final class TlsProbe {
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int ALERT_WAIT_MILLIS = 2_000;

  private TlsProbe() {}

  /**
   * Empty when the master accepted this key, else the reason in words.
   *
   * @param keys this node's cluster key
   * @param host the master's host
   * @param port the master's port
   */
  public static Optional<String> check(ClusterKeys keys, String host, int port) {
    requireNonNull(keys, "keys is null");
    SSLContext context;
    try {
      context = context(keys);
    } catch (IOException | GeneralSecurityException e) {
      return Optional.of("this node cannot read its own cluster key in " + keys.directory() + ": " + e.getMessage());
    }
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.setSoTimeout(ALERT_WAIT_MILLIS);
        try {
          socket.startHandshake();
        } catch (SSLHandshakeException e) {
          return Optional.of("this node does not trust the master's certificate, so the two hold different cluster "
              + "keys (" + e.getMessage() + ")");
        }
        // in TLS 1.3 the server checks the client's certificate after the handshake: a refusal arrives as an alert
        try {
          InputStream in = socket.getInputStream();
          in.read();
        } catch (SocketTimeoutException e) {
          return Optional.empty();
        } catch (SSLException e) {
          return Optional.of("the master refused this node's certificate, so the two hold different cluster keys ("
              + e.getMessage() + ")");
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.of("cannot reach the master at " + host + ":" + port + " (" + e.getMessage() + ")");
    }
  }

  private static SSLContext context(ClusterKeys keys) throws IOException, GeneralSecurityException {
    char[] password = keys.password().toCharArray();
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(load(keys.keyStore(), password), password);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(load(keys.trustStore(), password));
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }
}
