/**
 * How operations are put onto a target: one {@code Driver} per execution strategy ({@code ThreadDriver} for
 * calls that block, {@code EventLoopDriver} for asynchronous calls and connections), each given the open or
 * closed {@code Model} as data; the event loops' stripes and the {@code Lane} a workload opens on one. A
 * protocol that brings connections implements {@code Lane.Source}; nothing here names a protocol. May import
 * {@code load.schedule}, {@code load.record} and the {@code Workload} API.
 */
package dev.perf.load.drive;
