package dev.perf.load.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.load.template.DataTable;
import dev.perf.result.PerfException;
import dev.perf.suite.DataFile;
import dev.perf.suite.HttpTarget;
import dev.perf.suite.Placeholders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests drawn from the operation's index and the seed: the same for the same index, in every run. */
class RequestTemplateTest {
    @TempDir
    Path dir;

    private static RequestTemplate template(HttpTarget t, Map<String, DataTable> data, long seed) {
        return new RequestTemplate(
                "load t", t, URI.create("http://127.0.0.1:8080/"), data, name -> "v-" + name, seed, List.of());
    }

    private static String http1(RequestTemplate t, long seq) {
        ByteBuf out = Unpooled.buffer();
        t.writeHttp1(seq, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void placeholders_areDrawnFromTheIndexAndTheSeed_goldenValues() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Id", "${uuid}");
        headers.put("Authorization", "Bearer ${env.TOKEN}");
        HttpTarget t = new HttpTarget(
                "http://127.0.0.1:8080/item/${seq}?q=${random(1,1000)}",
                "POST",
                headers,
                "{\"n\":${seq},\"r\":${random(-5,5)}}",
                null,
                null);
        RequestTemplate a = template(t, Map.of(), 42);
        assertThat(a.fixed()).isFalse();
        String r7 = http1(a, 7);
        // golden: the bytes every run, every shard and every repeat sends for index 7 with seed 42
        assertThat(r7)
                .isEqualTo("POST /item/7?q=885 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                        + "X-Id: a2bc3e8d-99ac-4f7c-8727-0c1a550e5567\r\nAuthorization: Bearer v-TOKEN\r\n"
                        + "Content-Length: 14\r\n\r\n{\"n\":7,\"r\":-1}");
        assertThat(a.path(7, null)).isEqualTo("/item/7?q=885");
        assertThat(a.headerValue(0, 7, null)).isEqualTo("a2bc3e8d-99ac-4f7c-8727-0c1a550e5567");
        assertThat(a.bodyLength(7)).isEqualTo(14);
        assertThat(http1(template(t, Map.of(), 42), 7)).isEqualTo(r7);
        assertThat(http1(a, 8)).isNotEqualTo(r7);
        assertThat(http1(template(t, Map.of(), 43), 7)).isNotEqualTo(r7);
    }

    @Test
    void random_staysWithinItsBounds_andCoversThem() {
        RequestTemplate t =
                template(new HttpTarget("http://h:1/${random(1,10)}", null, null, null, null, null), Map.of(), 1);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 2000; i++) {
            seen.add(t.path(i, null).substring(1));
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void uuid_isAVersion4UuidAndUniquePerIndex() {
        RequestTemplate t = template(new HttpTarget("http://h:1/${uuid}", null, null, null, null, null), Map.of(), 9);
        Pattern v4 = Pattern.compile("/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Set<String> all = new HashSet<>();
        for (long i = 0; i < 1000; i++) {
            String p = t.path(i, null);
            assertThat(p).matches(v4);
            all.add(p);
        }
        assertThat(all).hasSize(1000);
    }

    @Test
    void fixedRequest_isRecognised_andEnvIsReadOnce() {
        int[] reads = new int[1];
        RequestTemplate t = new RequestTemplate(
                "load t",
                new HttpTarget("http://h:1/x", null, Map.of("A", "${env.X}"), null, null, null),
                URI.create("http://h:1/"),
                Map.of(),
                name -> {
                    reads[0]++;
                    return "secret";
                },
                1,
                List.of());
        assertThat(t.fixed()).isTrue();
        http1(t, 1);
        http1(t, 2);
        assertThat(reads[0]).isEqualTo(1);
        assertThat(http1(t, 3)).contains("A: secret\r\n").doesNotContain("Content-Length");
    }

    @Test
    void dataRows_inOrder_orShuffledTheSameWayEveryTime() throws Exception {
        Files.writeString(dir.resolve("u.csv"), "id,name\r\n1,\"Smith, J\"\r\n2,\"say \"\"hi\"\"\"\r\n3,c\r\n");
        DataTable inOrder = DataTable.read("load t", "u", new DataFile("u.csv", null, null), dir, 1);
        RequestTemplate t = template(
                new HttpTarget("http://h:1/${data.u.id}/${data.u.name}", null, null, null, null, null),
                Map.of("u", inOrder),
                1);
        assertThat(List.of(t.path(0, null), t.path(1, null), t.path(2, null), t.path(3, null)))
                .containsExactly("/1/Smith, J", "/2/say \"hi\"", "/3/c", "/1/Smith, J");
        DataTable shuffled = DataTable.read("load t", "u", new DataFile("u.csv", null, true), dir, 1);
        Set<String> once = new HashSet<>();
        for (long i = 0; i < 3; i++) {
            once.add(new String(shuffled.cell(i, 0), StandardCharsets.UTF_8));
        }
        assertThat(once).containsExactlyInAnyOrder("1", "2", "3");
        DataTable again = DataTable.read("load t", "u", new DataFile("u.csv", null, true), dir, 1);
        for (long i = 0; i < 6; i++) {
            assertThat(again.cell(i, 0)).isEqualTo(shuffled.cell(i, 0));
        }
    }

    @Test
    void jsonLines_giveTheirKeysAsColumns() throws Exception {
        Files.writeString(
                dir.resolve("q.jsonl"),
                "{\"term\":\"shoes\",\"page\":2}\n\n{\"term\":\"red hat\",\"page\":1,\"f\":{\"a\":1}}\n");
        DataTable q = DataTable.read("load t", "q", new DataFile(null, "q.jsonl", null), dir, 1);
        assertThat(q.rows()).isEqualTo(2);
        assertThat(new String(q.cell(0, q.column("x", "page")), StandardCharsets.UTF_8))
                .isEqualTo("2");
        assertThat(new String(q.cell(1, q.column("x", "f")), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
        assertThat(new String(q.cell(0, q.column("x", "f")), StandardCharsets.UTF_8))
                .isEmpty();
        assertThatThrownBy(() -> q.column("load t: http.url", "nope"))
                .isInstanceOf(PerfException.class)
                .hasMessage("load t: http.url: ${data.q.nope}: data q has no column 'nope'; it has term, page, f");
    }

    @Test
    void jsonLines_thatAreAmbiguous_areBadInputNamingTheLine() throws Exception {
        // a row with a key twice, or with something after its object, has no one meaning: refused, not guessed
        for (String bad : new String[] {"{\"a\":1,\"a\":2}", "{\"a\":1} {\"a\":2}", "{\"a\":1} x"}) {
            Files.writeString(dir.resolve("bad.jsonl"), "{\"a\":0}\n" + bad + "\n");
            assertThatThrownBy(() -> DataTable.read("load t", "b", new DataFile(null, "bad.jsonl", null), dir, 1))
                    .as(bad)
                    .isInstanceOf(PerfException.class)
                    .hasMessageStartingWith("load t: data.b.jsonl: bad.jsonl:2: not JSON: ");
        }
    }

    @Test
    void placeholders_parseAndReject() {
        assertThat(Placeholders.parse("a${seq}b$${x}", "k"))
                .containsExactly(
                        new Placeholders.Literal("a"), new Placeholders.Seq(), new Placeholders.Literal("b${x}"));
        assertThat(Placeholders.parse("${ random( -3 , 4 ) }", "k")).containsExactly(new Placeholders.Random(-3, 4));
        assertThatThrownBy(() -> Placeholders.parse("/${seq", "http.url"))
                .hasMessageContaining("http.url: '${' at position 2 is not closed");
        assertThatThrownBy(() -> Placeholders.parse("${random(5,1)}", "http.body"))
                .hasMessageContaining("the upper bound 1 is below the lower 5");
        assertThat(Placeholders.varies("/x/${env.A}")).isFalse();
        assertThat(Placeholders.varies("/x/${seq}")).isTrue();
    }

    private static RequestTemplate session(HttpTarget t) {
        return new RequestTemplate(
                "load t", t, URI.create("http://127.0.0.1:8080/"), Map.of(), name -> null, 1, List.of("token", "q"));
    }

    private static String http1(RequestTemplate t, String[] vars, String cookies) {
        ByteBuf out = Unpooled.buffer();
        t.writeHttp1(3, vars, cookies, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sessionVariables_areEncodedInTheUrl_checkedInHeaders_andCountedInTheBody() {
        HttpTarget t = new HttpTarget(
                "http://127.0.0.1:8080/search?q=${q}&n=${seq}",
                "POST",
                Map.of("Authorization", "Bearer ${token}"),
                "{\"q\":\"${q}\"}",
                null,
                null);
        RequestTemplate template = session(t);
        assertThat(template.fixed()).isFalse();
        String r = http1(template, new String[] {"T1", "a b/ü&c"}, "session=s1; theme=plain");
        assertThat(r)
                .isEqualTo("POST /search?q=a%20b%2F%C3%BC%26c&n=3 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                        + "Authorization: Bearer T1\r\nCookie: session=s1; theme=plain\r\n"
                        + "Content-Length: 16\r\n\r\n{\"q\":\"a b/ü&c\"}");
        assertThat("{\"q\":\"a b/ü&c\"}".getBytes(StandardCharsets.UTF_8)).hasSize(16);
        assertThatThrownBy(() -> http1(template, new String[] {"T1\r\nX-Injected: 1", "x"}, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("${token} holds a line break and cannot go in a header");
        assertThatThrownBy(() -> http1(template, new String[] {null, "x"}, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("${token} is not set in this session");
    }

    @Test
    void aVariableOutsideAScenario_isBadInputNamingIt() {
        HttpTarget t = new HttpTarget("http://127.0.0.1:8080/x", null, Map.of("A", "${nope}"), null, null, null);
        assertThatThrownBy(() -> template(t, Map.of(), 1))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("${nope} is not a value an earlier scenario step extracts");
    }
}
