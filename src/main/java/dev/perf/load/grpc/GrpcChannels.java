package dev.perf.load.grpc;

import dev.perf.result.PerfException;
import dev.perf.suite.GrpcTarget;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** How perf opens a grpc channel: plaintext (h2c) or TLS as the target's {@code tls:} says. */
final class GrpcChannels {
    private GrpcChannels() {}

    /** A channel to {@code host:port} with {@code credentials}, its calls completed on grpc's own threads. */
    static ManagedChannel open(GrpcTarget target, String host, int port, ChannelCredentials credentials) {
        ManagedChannelBuilder<?> b = Grpc.newChannelBuilderForAddress(host, port, credentials)
                .directExecutor()
                .maxInboundMessageSize(64 << 20);
        if (target.tls() != null && target.tls().serverName() != null) {
            b.overrideAuthority(target.tls().serverName());
        }
        return b.build();
    }

    /** The credentials of {@code target}'s channels; its TLS files are read from {@code baseDir}. */
    static ChannelCredentials credentials(String where, GrpcTarget target, Path baseDir) {
        if (!target.secure()) {
            return InsecureChannelCredentials.create();
        }
        var tls = target.tls();
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
        try {
            if (tls.insecure()) {
                b.trustManager(new TrustAll());
            } else if (tls.ca() != null) {
                b.trustManager(baseDir.resolve(tls.ca()).toFile());
            }
            if (tls.cert() != null) {
                b.keyManager(
                        baseDir.resolve(tls.cert()).toFile(),
                        baseDir.resolve(tls.key()).toFile());
            }
        } catch (IOException | RuntimeException e) {
            throw PerfException.badInput(where + ": grpc.tls: cannot read the certificates: " + e.getMessage());
        }
        return b.build();
    }

    /** Trusts any server certificate: {@code tls.insecure}, for self-signed test servers. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
