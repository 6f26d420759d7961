package dev.perf.load.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.demo.DemoGrpc;
import dev.perf.result.PerfException;
import dev.perf.suite.GrpcTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grpc target resolved against a descriptor set, and what it refuses before any call. */
class GrpcPlanTest {
    @TempDir
    Path dir;

    private GrpcPlan plan(String method, String request, boolean judgesFirst) throws Exception {
        Files.write(dir.resolve("c.protoset"), DemoGrpc.protoset());
        GrpcTarget t = new GrpcTarget("127.0.0.1:1", method, "c.protoset", request, null, null, null, null, null);
        return GrpcPlan.of("load x", t, Map.of(), dir, 1, n -> null, 1_000_000_000L, judgesFirst);
    }

    @Test
    void aMethodIsFoundWithItsKind_andARequestIsCheckedAgainstItsInputType() throws Exception {
        assertThat(plan("shop.Catalog/GetItem", "{\"id\": \"${seq}\"}", false).parts())
                .isEmpty();
        assertThat(plan("shop.Catalog/ListItems", null, true).parts()).containsExactly("firstMessage");
        assertThatThrownBy(() -> plan("shop.Catalog/Nope", null, false))
                .isInstanceOf(PerfException.class)
                .hasMessage("load x: grpc.method shop.Catalog/Nope is not in the protoset; it has"
                        + " shop.Catalog/GetItem, shop.Catalog/ListItems");
        assertThatThrownBy(() -> plan("shop.Catalog/GetItem", "{\"idd\": 1}", false))
                .hasMessageStartingWith("load x: grpc.request does not fit shop.GetItemRequest:")
                .hasMessageContaining("idd");
        assertThatThrownBy(() -> plan("shop.Catalog/GetItem", null, true))
                .hasMessageContaining("steps.firstMessage applies to a server-streaming method");
    }

    @Test
    void aProtosetThatIsMissingOrNotOne_isRefusedWithHowToMakeIt() throws Exception {
        GrpcTarget t = new GrpcTarget("127.0.0.1:1", "a.B/C", "none.protoset", null, null, null, null, null, null);
        assertThatThrownBy(() -> GrpcPlan.of("load x", t, Map.of(), dir, 1, n -> null, 1, false))
                .hasMessage("load x: grpc.protoset none.protoset does not exist; make it with protoc"
                        + " --descriptor_set_out=FILE --include_imports");
        Files.writeString(dir.resolve("none.protoset"), "syntax = \"proto3\";\n");
        assertThatThrownBy(() -> GrpcPlan.of("load x", t, Map.of(), dir, 1, n -> null, 1, false))
                .hasMessageStartingWith("load x: grpc.protoset none.protoset is not a descriptor set");
    }

    @Test
    void badTargetsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> new GrpcTarget("localhost", "a.B/C", "p", null, null, null, null, null, null))
                .hasMessage("grpc.target must be host:port, e.g. 127.0.0.1:50051 (got 'localhost')");
        assertThatThrownBy(() -> new GrpcTarget("h:1", "a.B.C", "p", null, null, null, null, null, null))
                .hasMessageStartingWith("grpc.method must be package.Service/Method");
        assertThatThrownBy(() -> new GrpcTarget("h:1", "a.B/C", "p", null, Map.of("X-Up", "1"), null, null, null, null))
                .hasMessageContaining("'X-Up' is not a metadata key");
        assertThatThrownBy(() -> new GrpcTarget(
                        "h:1",
                        "a.B/C",
                        "p",
                        null,
                        null,
                        null,
                        null,
                        new GrpcTarget.GrpcCheck(java.util.List.of("FINE"), null),
                        null))
                .hasMessageStartingWith("grpc.check.status: 'FINE' is not a gRPC status");
        assertThatThrownBy(() ->
                        new GrpcTarget("h:1", "a.B/C", "p", "{\"a\": \"${token}\"}", null, null, null, null, null))
                .hasMessageContaining("unknown placeholder ${token}");
    }
}
