package dev.perf.load.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.perf.result.PerfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A descriptor set ({@code protoc --descriptor_set_out=FILE --include_imports}) read and linked: every file's
 * descriptor built over its dependencies, so that a method and its messages can be looked up by name. Bad input
 * names the file and says how to make it.
 */
final class Protoset {
    private static final String HOW = "make it with protoc --descriptor_set_out=FILE --include_imports";

    private final Map<String, Descriptors.FileDescriptor> files;
    /** Where the files came from: {@code protoset} or {@code server's reflection}. */
    private final String source;

    private Protoset(Map<String, Descriptors.FileDescriptor> files, String source) {
        this.files = files;
        this.source = source;
    }

    /** Reads {@code file} ({@code shown} as the suite names it); {@code where} names the loop. */
    static Protoset read(String where, Path file, String shown) {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw PerfException.badInput(where + ": grpc.protoset " + shown + " does not exist; " + HOW);
        } catch (InvalidProtocolBufferException e) {
            throw PerfException.badInput(
                    where + ": grpc.protoset " + shown + " is not a descriptor set (" + e.getMessage() + "); " + HOW);
        } catch (IOException e) {
            throw PerfException.badInput(where + ": cannot read grpc.protoset " + shown + ": " + e.getMessage());
        }
        return of(where, "grpc.protoset " + shown, set.getFileList());
    }

    /** Links {@code files} ({@code shown}: where they came from, for messages). */
    static Protoset of(String where, String shown, List<FileDescriptorProto> files) {
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        files.forEach(f -> protos.put(f.getName(), f));
        Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
        for (String name : protos.keySet()) {
            build(where, shown, name, protos, built, new ArrayList<>());
        }
        return new Protoset(built, shown.startsWith("grpc.protoset") ? "protoset" : "server's reflection");
    }

    private static Descriptors.FileDescriptor build(
            String where,
            String shown,
            String name,
            Map<String, FileDescriptorProto> protos,
            Map<String, Descriptors.FileDescriptor> built,
            List<String> path) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw PerfException.badInput(where + ": " + shown + " lacks " + name + ", which "
                    + path.get(path.size() - 1) + " imports; " + HOW);
        }
        if (path.contains(name)) {
            throw PerfException.badInput(where + ": " + shown + ": " + name + " imports itself");
        }
        path.add(name);
        Descriptors.FileDescriptor[] deps = new Descriptors.FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = build(where, shown, proto.getDependency(i), protos, built, path);
        }
        path.remove(path.size() - 1);
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(proto, deps);
            built.put(name, fd);
            return fd;
        } catch (Descriptors.DescriptorValidationException e) {
            throw PerfException.badInput(where + ": " + shown + ": " + name + " is not valid: " + e.getMessage());
        }
    }

    /** Method {@code fullName} ({@code package.Service/Method}); bad input listing what the set has. */
    Descriptors.MethodDescriptor method(String where, String fullName) {
        int slash = fullName.lastIndexOf('/');
        String service = fullName.substring(0, slash);
        String method = fullName.substring(slash + 1);
        List<String> known = new ArrayList<>();
        for (Descriptors.FileDescriptor f : files.values()) {
            for (Descriptors.ServiceDescriptor s : f.getServices()) {
                for (Descriptors.MethodDescriptor m : s.getMethods()) {
                    if (s.getFullName().equals(service) && m.getName().equals(method)) {
                        return m;
                    }
                    known.add(s.getFullName() + "/" + m.getName());
                }
            }
        }
        known.sort(null);
        throw PerfException.badInput(where + ": grpc.method " + fullName + " is not in the " + source + "; it has "
                + (known.isEmpty() ? "no service" : String.join(", ", known.subList(0, Math.min(20, known.size())))));
    }
}
