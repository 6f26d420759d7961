package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What an sql target accepts, and how it counts its parameters: pure, seeded. */
class SqlTargetTest {
    private static SqlTarget single(String sql, List<String> params) {
        return new SqlTarget(
                "jdbc:postgresql://127.0.0.1/x", null, null, null, sql, params, null, null, null, null, null, null);
    }

    /**
     * SQL made of pieces whose parameters are known — a bare {@code ?}, and {@code ?} inside quotes, quoted
     * names, comments and pgjdbc's escaped {@code ??} — counts exactly the bare ones, whatever the mixture.
     */
    @Test
    void parameterMarks_countOnlyTheBareQuestionMarks_in10000GeneratedStatements() {
        String[] none = {
            "SELECT ", "x", " = ", "'a?b'", "'it''s ?'", "\"col?\"", "-- why?\n", "/* ? */", " ?? ", "E'x'", ",", "\n"
        };
        SplittableRandom random = new SplittableRandom(20261206L);
        for (int n = 0; n < 10_000; n++) {
            StringBuilder sql = new StringBuilder();
            int bare = 0;
            int pieces = random.nextInt(1, 14);
            for (int i = 0; i < pieces; i++) {
                if (random.nextInt(3) == 0) {
                    sql.append(" ? ");
                    bare++;
                } else {
                    sql.append(none[random.nextInt(none.length)]);
                }
            }
            assertThat(SqlTarget.parameterMarks(sql.toString()))
                    .as(sql.toString())
                    .isEqualTo(bare);
        }
    }

    @Test
    void aPasswordWrittenInTheFile_isToldApartFromOneReadFromTheEnvironment() {
        java.util.function.Function<String, SqlTarget> with = pw -> new SqlTarget(
                "jdbc:postgresql://h/x", "u", pw, null, "SELECT 1", null, null, null, null, null, null, null);
        assertThat(with.apply("hunter2").passwordWritten()).isTrue();
        assertThat(with.apply("${env.PGPASSWORD}").passwordWritten()).isFalse();
        assertThat(with.apply("pre-${env.PGPASSWORD}").passwordWritten()).isFalse();
        assertThat(with.apply(null).passwordWritten()).isFalse();
    }

    @Test
    void aStatementMustHaveOneValuePerParameter() {
        assertThatThrownBy(() -> single("SELECT * FROM t WHERE a = ? AND b = ?", List.of("1")))
                .hasMessage("sql.statement has 2 parameters (?) but 1 value in params; give one value per ?");
        assertThat(single("SELECT '?' WHERE a = ?", List.of("${seq}")).params()).containsExactly("${seq}");
    }

    @Test
    void badTargetsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> new SqlTarget(
                        "postgres://h/x", null, null, null, "SELECT 1", null, null, null, null, null, null, null))
                .hasMessageContaining("sql.url must be a JDBC URL");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:postgresql://h/x${seq}",
                        null,
                        null,
                        null,
                        "SELECT 1",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .hasMessage("sql.url may read ${env.NAME} and nothing else; it is the same for every operation");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:h2:mem:x", null, null, 0, "SELECT 1", null, null, null, null, null, null, null))
                .hasMessageContaining("sql.pool must be between 1 and 1000");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:h2:mem:x", null, null, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("exactly one of statement");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:h2:mem:x",
                        null,
                        null,
                        null,
                        "SELECT ?",
                        List.of("1"),
                        List.of("TEXTY"),
                        null,
                        null,
                        null,
                        null,
                        null))
                .hasMessageContaining("unknown parameter type 'TEXTY'");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:h2:mem:x", null, null, null, "SELECT 1", null, null, null, "some", null, null, null))
                .hasMessage("sql.fetch must be all, first or none (got 'some')");
        assertThatThrownBy(() -> new SqlTarget.Statement("commit", "COMMIT", null, null))
                .hasMessageContaining("may not be named 'commit'");
        assertThatThrownBy(() -> new SqlTarget.Statement("a", "SELECT ?", List.of("${token}"), null))
                .hasMessageContaining("unknown placeholder ${token}");
    }

    @Test
    void aTransactionsPartsAreAcquireItsStatementsAndCommit_andItsDescriptionHidesTheUrlsQuery() {
        SqlTarget t = new SqlTarget(
                "jdbc:postgresql://h/x?password=secret",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(
                        new SqlTarget.Statement("debit", "UPDATE a SET n = n - 1", null, null),
                        new SqlTarget.Statement("credit", "UPDATE b SET n = n + 1", null, null)),
                null,
                Map.of(),
                null,
                null);
        assertThat(t.partNames()).containsExactly("acquire", "debit", "credit", "commit");
        assertThat(t.describe()).isEqualTo("sql:jdbc:postgresql://h/x transaction debit,credit");
        assertThatThrownBy(() -> new SqlTarget(
                        "jdbc:h2:mem:x",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                new SqlTarget.Statement("a", "SELECT 1", null, null),
                                new SqlTarget.Statement("a", "SELECT 2", null, null)),
                        null,
                        null,
                        null,
                        null))
                .hasMessage("sql.transaction: two statements are named 'a'");
    }
}
