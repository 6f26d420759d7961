/**
 * The bundled demo benchmarks: small, realistic JMH benchmarks of what perf's users measure (a tenant
 * cache, an in-memory event bus, JSON serialization, a state machine), and the small HTTP server the demo
 * suite's load loop calls. {@code perf run quick} runs them when no perf.yaml is present.
 */
package dev.perf.demo;
