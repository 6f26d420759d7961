package dev.perf.load.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.perf.load.record.CheckFailure;
import dev.perf.result.Json;
import dev.perf.suite.GrpcTarget;
import dev.perf.suite.JsonPath;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a call must end with: a status among those that count as success (OK by default), and response fields
 * whose text matches. A failure is counted under its name: {@code grpc.NOT_FOUND}, {@code json.$.item.name}.
 */
final class GrpcChecks {
    private final Set<Status.Code> ok;
    private final Map<String, JsonPath> paths;
    private final Map<String, Pattern> patterns;

    private GrpcChecks(Set<Status.Code> ok, Map<String, JsonPath> paths, Map<String, Pattern> patterns) {
        this.ok = ok;
        this.paths = paths;
        this.patterns = patterns;
    }

    static GrpcChecks of(GrpcTarget.GrpcCheck check) {
        List<Status.Code> ok = new ArrayList<>();
        for (String s : check.status().isEmpty() ? List.of("OK") : check.status()) {
            ok.add(Status.Code.valueOf(s));
        }
        Map<String, JsonPath> paths = new LinkedHashMap<>();
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        check.json().forEach((path, regex) -> {
            paths.put(path, JsonPath.parse(path));
            patterns.put(path, Pattern.compile(regex == null ? "" : regex));
        });
        return new GrpcChecks(Set.copyOf(ok), paths, patterns);
    }

    /** Whether a successful call's last message is read by a check. */
    boolean readsMessages() {
        return !paths.isEmpty();
    }

    /** The failure of a call that ended with {@code status} after {@code last} (null: none), or null. */
    CheckFailure judge(Status status, DynamicMessage last) {
        if (!ok.contains(status.getCode())) {
            String detail = status.getDescription() == null ? status.getCode().name() : status.getDescription();
            return new CheckFailure("grpc." + status.getCode().name(), CheckFailure.truncate(detail), 0);
        }
        if (paths.isEmpty()) {
            return null;
        }
        JsonNode root;
        try {
            root = last == null
                    ? null
                    : Json.mapper()
                            .readTree(JsonFormat.printer()
                                    .omittingInsignificantWhitespace()
                                    .print(last));
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return new CheckFailure("json", CheckFailure.truncate(GrpcPlan.oneLine(e.getMessage())), 0);
        }
        for (Map.Entry<String, JsonPath> e : paths.entrySet()) {
            JsonNode found = root == null ? null : e.getValue().find(root);
            String text = found == null || found.isMissingNode() || found.isNull()
                    ? null
                    : found.isValueNode() ? found.asText() : found.toString();
            if (text == null) {
                return new CheckFailure("json." + e.getKey(), "no such field in the answer", 0);
            }
            if (!patterns.get(e.getKey()).matcher(text).matches()) {
                return new CheckFailure("json." + e.getKey(), CheckFailure.truncate(text), 0);
            }
        }
        return null;
    }
}
