package dev.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void coloursNeedATerminal_andNoColorWithAValueTurnsThemOff() {
        assertThat(Terminal.colour(Map.of(), true)).isTrue();
        assertThat(Terminal.colour(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Terminal.colour(Map.of("NO_COLOR", ""), true)).isTrue(); // no-color.org: only a value counts
        assertThat(Terminal.colour(Map.of(), false)).isFalse();
    }
}
