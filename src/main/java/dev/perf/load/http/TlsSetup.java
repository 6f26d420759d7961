package dev.perf.load.http;

import dev.perf.result.PerfException;
import dev.perf.suite.TlsOptions;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * TLS for an {@code https://} target: Netty's {@code SslHandler} on BoringSSL ({@code
 * netty-tcnative-boringssl-static}: faster handshakes and bulk crypto) where its library loads, else the JDK's
 * provider, and {@link #provider()} says which and why. Certificates are checked against the JDK's trust
 * store (or {@code tls.ca}) and for the URL's host (or {@code tls.serverName}), unless {@code tls.insecure}.
 */
final class TlsSetup {
    private TlsSetup() {}

    /** {@code OpenSSL} when BoringSSL loads, else {@code JDK}, with the reason. */
    static String provider() {
        if (OpenSsl.isAvailable()) {
            return OpenSsl.versionString() + " (netty-tcnative)";
        }
        Throwable why = OpenSsl.unavailabilityCause();
        return "JDK (BoringSSL did not load: " + (why == null ? "unknown" : message(why)) + ")";
    }

    /**
     * The client context of a target; {@code h2}: ALPN offers {@code h2} only. Bad input naming {@code where}
     * and the key when a file is missing or not PEM.
     */
    static SslContext context(String where, TlsOptions tls, boolean h2, Path baseDir) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        h2 ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1));
        String key = "tls";
        try {
            if (tls.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                b.endpointIdentificationAlgorithm("HTTPS");
                if (tls.ca() != null) {
                    key = "tls.ca";
                    b.trustManager(pem(where, key, tls.ca(), baseDir).toFile());
                    b.build(); // a CA file that is not PEM fails here, named as such
                }
            }
            if (tls.cert() != null) {
                key = "tls.cert/tls.key";
                b.keyManager(
                        pem(where, "tls.cert", tls.cert(), baseDir).toFile(),
                        pem(where, "tls.key", tls.key(), baseDir).toFile());
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw PerfException.badInput(where + ": " + key + ": not a usable PEM file (" + rootMessage(e)
                    + "); give PEM text (-----BEGIN CERTIFICATE----- / PRIVATE KEY, PKCS#8)");
        }
    }

    private static Path pem(String where, String key, String file, Path baseDir) {
        Path path = baseDir.resolve(file);
        if (!Files.isReadable(path)) {
            throw PerfException.badInput(where + ": " + key + ": " + file + " does not exist or cannot be read"
                    + (path.toString().equals(file) ? "" : " (looked for " + path + ")"));
        }
        return path;
    }

    /**
     * A handshake failure as a user reads it: an untrusted certificate or a name it does not hold says which
     * option fixes it.
     */
    static String explain(Throwable failure, String serverName) {
        String all = chain(failure);
        if (all.contains("unable to find valid certification path")
                || all.contains("PKIX path")
                || all.contains("CERTIFICATE_VERIFY_FAILED")
                || all.contains("self-signed")
                || all.contains("self signed")
                || has(failure, CertPathBuilderException.class)) {
            return "certificate not trusted for " + serverName + ": add tls.ca or tls.insecure";
        }
        if (all.contains("No subject alternative")
                || all.contains("No name matching")
                || all.contains("hostname")
                || all.contains("HOSTNAME_MISMATCH")) {
            return "certificate does not name " + serverName
                    + ": set tls.serverName to a name it holds, or tls.insecure";
        }
        if (has(failure, CertificateException.class)) {
            return "certificate of " + serverName + " rejected: " + rootMessage(failure);
        }
        return "TLS handshake with " + serverName + " failed: " + rootMessage(failure);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 4000; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return message(c);
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
