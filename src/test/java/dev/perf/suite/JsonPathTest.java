package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON Pointers and paths against documents with a known truth: random trees whose every node is reached by a
 * pointer and by a path written in each style perf accepts, names with the characters that need escaping.
 */
class JsonPathTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] NAMES = {
        "a", "id", "items", "x y", "a/b", "t~e", "ü", "0", "-", "k.v", "[q]", "it's", "a\\b", ""
    };

    /** A random tree of depth at most {@code depth}, and every (steps → node) pair in it. */
    private static JsonNode tree(Random r, int depth, List<String> at, List<List<String>> paths, List<JsonNode> nodes) {
        JsonNode node;
        if (depth == 0 || r.nextInt(4) == 0) {
            node = switch (r.nextInt(4)) {
                case 0 -> F.textNode("v" + r.nextInt(1000));
                case 1 -> F.numberNode(r.nextInt(1_000_000));
                case 2 -> F.booleanNode(r.nextBoolean());
                default -> F.textNode("");
            };
        } else if (r.nextBoolean()) {
            ArrayNode a = F.arrayNode();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                List<String> next = new ArrayList<>(at);
                next.add(Integer.toString(i));
                a.add(tree(r, depth - 1, next, paths, nodes));
            }
            node = a;
        } else {
            ObjectNode o = F.objectNode();
            for (String name : NAMES) {
                if (r.nextInt(3) == 0) {
                    List<String> next = new ArrayList<>(at);
                    next.add(name);
                    o.set(name, tree(r, depth - 1, next, paths, nodes));
                }
            }
            node = o;
        }
        paths.add(at);
        nodes.add(node);
        return node;
    }

    private static String pointer(List<String> steps) {
        StringBuilder sb = new StringBuilder();
        for (String s : steps) {
            sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static String bracketPath(List<String> steps) {
        StringBuilder sb = new StringBuilder("$");
        for (String s : steps) {
            sb.append(
                    s.matches("\\d+")
                            ? "[" + s + "]"
                            : "['" + s.replace("\\", "\\\\").replace("'", "\\'") + "']");
        }
        return sb.toString();
    }

    @Property(tries = 300)
    void everyNodeOfARandomDocument_isFoundByItsPointer_andByItsPath(@ForAll long seed) {
        Random r = new Random(seed);
        List<List<String>> paths = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        JsonNode root = tree(r, 4, List.of(), paths, nodes);
        for (int i = 0; i < paths.size(); i++) {
            List<String> steps = paths.get(i);
            assertThat(JsonPath.parse(pointer(steps)).find(root))
                    .as(pointer(steps))
                    .isSameAs(nodes.get(i));
            assertThat(JsonPath.parse(bracketPath(steps)).find(root))
                    .as(bracketPath(steps))
                    .isSameAs(nodes.get(i));
        }
    }

    @Test
    void dottedPaths_negativeIndexes_andMisses() throws Exception {
        JsonNode doc =
                new ObjectMapper().readTree("{\"items\":[{\"id\":\"i1\"},{\"id\":\"i2\"},{\"id\":7}],\"n\":null}");
        assertThat(JsonPath.parse("$.items[1].id").find(doc).asText()).isEqualTo("i2");
        assertThat(JsonPath.parse("items.1.id").find(doc).asText()).isEqualTo("i2");
        assertThat(JsonPath.parse("$.items[-1].id").find(doc).asInt()).isEqualTo(7);
        assertThat(JsonPath.parse("/items/0/id").find(doc).asText()).isEqualTo("i1");
        assertThat(JsonPath.parse("$").find(doc)).isSameAs(doc);
        assertThat(JsonPath.parse("").find(doc)).isSameAs(doc);
        assertThat(JsonPath.parse("$.items[3].id").find(doc)).isNull();
        assertThat(JsonPath.parse("$.items.id").find(doc)).isNull();
        assertThat(JsonPath.parse("$.n.x").find(doc)).isNull();
        assertThat(JsonPath.parse("/items/0/id/deeper").find(doc)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.items[*]", "$..id", "$.", "items[", "$[?(@.id)]", "$.a.*", "/a~2", "/a~", "$a"})
    void wildcardsFiltersAndBrokenSyntax_areRefusedWithTheReason(String bad) {
        assertThatThrownBy(() -> JsonPath.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + bad + "'")
                .hasMessageContaining("is not a JSON Pointer or path");
    }
}
