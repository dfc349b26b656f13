package dev.countd.api.metrics;

import dev.countd.api.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Scrapes {@code /prometheus} on an app's admin port and parses the whole answer strictly. */
final class Scrapes {

    private Scrapes() {
    }

    static Exposition scrape(int adminPort) {
        Http.Reply reply = Http.local(adminPort).get("/prometheus").send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        return Exposition.parse(reply.body());
    }
}
