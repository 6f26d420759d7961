/**
 * The load generator's engine and its public API: a suite entry planned ({@code LoadPlan}), run ({@code
 * LoadEngine}: warm-up, measurement, a {@code findMaxRate} search) and turned into a result with SLO verdicts
 * ({@code LoadResults}, {@code SloJudge}); the {@code Workload} interface users implement. The engine is a
 * composition of four rooms: {@code load.schedule} (when operations are due, and each slice's share), {@code
 * load.drive} (how they are put onto a target: a {@code Driver} per execution strategy, the open or closed
 * model as data), {@code load.record} (what is recorded of them) and {@code load.http} (the HTTP/1.1 and HTTP/2
 * client). May import {@code result}, {@code suite}, {@code host}, {@code observe} and {@code stats}; its rooms may use {@code
 * Workload} of this package and nothing else of it.
 */
package dev.perf.load;
