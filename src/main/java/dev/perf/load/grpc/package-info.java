/**
 * The grpc target: unary and server-streaming calls over grpc-java (its own shaded Netty), their messages built
 * from a descriptor set ({@code Protoset}) and JSON ({@code GrpcPlan}), no generated code ({@code
 * MessageMarshaller}); calls start on perf's event loops ({@code GrpcLane}) and end there, status codes counted by
 * name ({@code GrpcChecks}). May import {@code result}, {@code suite}, {@code load.template}, {@code load.drive},
 * {@code load.record} and the {@code Workload} API.
 */
package dev.perf.load.grpc;
