package dev.perf.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perf.result.PerfException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "250ms,250000000",
        "5s,5000000000",
        "1.5s,1500000000",
        "2m,120000000000",
        "1h,3600000000000",
        "10us,10000",
        "10µs,10000",
        "7ns,7",
        "' 3 s ',3000000000"
    })
    void duration_parsesEveryUnit(String text, long nanos) {
        assertThat(Quantity.duration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "", "s", "5", "-1s", "PT5S", "1.s"})
    void duration_rejectsOtherFormsListingTheAcceptedOnes(String text) {
        assertThatThrownBy(() -> Quantity.duration(text))
                .isInstanceOf(PerfException.class)
                .hasMessageContaining("invalid duration")
                .hasMessageContaining("500ms, 5s");
    }

    @ParameterizedTest
    @CsvSource({"1000/s,1000", "60/m,1", "3600/h,1", "2.5/s,2.5", "120/min,2"})
    void ratePerSec_parsesPerUnit(String text, double perSec) {
        assertThat(Quantity.ratePerSec(text)).isEqualTo(perSec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "1000/x", "/s", "fast"})
    void ratePerSec_rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Quantity.ratePerSec(text)).hasMessageContaining("1000/s");
    }

    @ParameterizedTest
    @CsvSource({"512,512", "64KB,64000", "64KiB,65536", "16MB,16000000", "1GiB,1073741824", "2k,2048", "1.5m,1572864"})
    void bytes_parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(Quantity.bytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"10%,0.10", "2.5%,0.025", "20,0.20", "0%,0"})
    void percent_parsesToFraction(String text, double fraction) {
        assertThat(Quantity.percent(text)).isCloseTo(fraction, org.assertj.core.data.Offset.offset(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5%", "ten%", "NaN"})
    void percent_rejectsNegativeAndText(String text) {
        assertThatThrownBy(() -> Quantity.percent(text)).hasMessageContaining("invalid percentage");
    }

    @ParameterizedTest
    @CsvSource({"1s", "200ms", "2m", "1h", "1500ms", "10us", "7ns"})
    void format_roundTripsThroughDuration(String text) {
        assertThat(Quantity.format(Quantity.duration(text))).isEqualTo(text);
    }
}
