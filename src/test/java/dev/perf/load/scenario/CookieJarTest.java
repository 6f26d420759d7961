package dev.perf.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cookie jar against RFC 6265's storage and matching rules. */
class CookieJarTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void aHostOnlyCookie_goesBackToItsHostOnly_andAtTheDefaultPath() {
        CookieJar jar = new CookieJar();
        jar.store("session=abc; HttpOnly", "shop.test", "/account/login?x=1", NOW);
        assertThat(jar.header("shop.test", "/account/orders", false, NOW)).isEqualTo("session=abc");
        assertThat(jar.header("shop.test", "/accountant", false, NOW)).isEmpty();
        assertThat(jar.header("shop.test", "/", false, NOW)).isEmpty();
        assertThat(jar.header("api.shop.test", "/account/orders", false, NOW)).isEmpty();
    }

    @Test
    void aDomainCookie_reachesSubdomains_butNotOtherDomains_andIsRefusedFromAStranger() {
        CookieJar jar = new CookieJar();
        jar.store("a=1; Domain=.shop.test; Path=/", "www.shop.test", "/", NOW);
        assertThat(jar.header("api.shop.test", "/x", false, NOW)).isEqualTo("a=1");
        assertThat(jar.header("shop.test", "/x", false, NOW)).isEqualTo("a=1");
        assertThat(jar.header("othershop.test", "/x", false, NOW)).isEmpty();
        jar.store("b=2; Domain=evil.test; Path=/", "www.shop.test", "/", NOW);
        assertThat(jar.header("evil.test", "/", false, NOW)).isEmpty();
    }

    @Test
    void aLaterCookie_replacesTheSameNameDomainAndPath_andMaxAgeZeroOrAPastExpiresRemovesIt() {
        CookieJar jar = new CookieJar();
        jar.store("s=1; Path=/", "h", "/", NOW);
        jar.store("s=2; Path=/", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEqualTo("s=2");
        jar.store("s=gone; Path=/; Max-Age=0", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEmpty();
        jar.store("t=1; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEmpty();
        jar.store("u=1; Path=/; Max-Age=10", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW + 9_000)).isEqualTo("u=1");
        assertThat(jar.header("h", "/", false, NOW + 10_000)).isEmpty();
    }

    @Test
    void secureCookies_goOnlyOverHttps_longerPathsComeFirst_andQuotesAreDropped() {
        CookieJar jar = new CookieJar();
        jar.store("root=r; Path=/", "127.0.0.1", "/", NOW);
        jar.store("deep=\"d\"; Path=/a/b", "127.0.0.1", "/", NOW);
        jar.store("sec=s; Path=/; Secure", "127.0.0.1", "/", NOW);
        assertThat(jar.header("127.0.0.1", "/a/b/c", false, NOW)).isEqualTo("deep=d; root=r");
        assertThat(jar.header("127.0.0.1", "/a/b/c", true, NOW)).isEqualTo("deep=d; root=r; sec=s");
        assertThat(jar.value("sec", "127.0.0.1", "/", false, NOW)).isNull();
        assertThat(jar.value("deep", "127.0.0.1", "/a/b", false, NOW)).isEqualTo("d");
    }

    @Test
    void anIpAddress_neverDomainMatchesASuffix_andNamelessCookiesAreIgnored() {
        assertThat(CookieJar.domainMatches("10.0.0.1", "0.0.1")).isFalse();
        assertThat(CookieJar.domainMatches("a.b.c", "b.c")).isTrue();
        CookieJar jar = new CookieJar();
        jar.store("=novalue", "h", "/", NOW);
        jar.store("noequals", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEmpty();
    }
}
