package dev.perf.load.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A value put into a URL stays one component and decodes back to itself, whatever it holds. */
class UrlTextTest {
    @Property(tries = 2000)
    void encodedText_holdsOnlyUnreservedCharactersAndEscapes_andDecodesBack(@ForAll String value) {
        String encoded = UrlText.encode(value);
        assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
        // unpaired surrogates are encoded as '?' by UTF-8, as any encoder does
        String expected = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
