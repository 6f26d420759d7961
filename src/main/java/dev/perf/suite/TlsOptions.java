package dev.perf.suite;

/**
 * How an {@code https://} target's certificate is checked, and the client's own. Files are PEM, relative to
 * the suite's directory.
 *
 * @param insecure accept any certificate (self-signed test servers); default false
 * @param ca trust the certificates in this PEM file (instead of the JDK's trust store)
 * @param serverName the name sent in SNI and checked against the certificate; default the URL's host
 * @param cert a client certificate chain (PEM), with {@code key}
 * @param key the client certificate's private key (PEM, PKCS#8)
 */
public record TlsOptions(Boolean insecure, String ca, String serverName, String cert, String key) {
    public TlsOptions {
        insecure = insecure != null && insecure;
        if (insecure && ca != null) {
            throw new IllegalArgumentException(
                    "tls: give insecure: true (trust anything) or ca: FILE (trust that CA), not both");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("tls: a client certificate needs both cert: FILE and key: FILE (PEM)");
        }
        if (serverName != null && (serverName.isBlank() || !serverName.matches("[A-Za-z0-9.-]+"))) {
            throw new IllegalArgumentException(
                    "tls.serverName '" + serverName + "' is not a host name (letters, digits, '.' and '-')");
        }
    }

    /** No options: verify against the JDK's trust store, by the URL's host. */
    public static final TlsOptions DEFAULT = new TlsOptions(false, null, null, null, null);
}
