package dev.countd.api.http;

import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestEventsTest {

    @Test
    void routeJoinsTheMatchedTemplatesOutermostFirst() {
        assertThat(RequestEvents.route(List.of(new UriTemplate("/{name}/increment"), new UriTemplate("/counters"))))
                .isEqualTo("/counters/{name}/increment");
        assertThat(RequestEvents.route(List.of(new UriTemplate("{name}"), new UriTemplate("counters/"))))
                .isEqualTo("/counters/{name}");
        assertThat(RequestEvents.route(List.of(new UriTemplate("/counters")))).isEqualTo("/counters");
    }

    @Test
    void requestsNoResourceMatchedShareOneRoute() {
        assertThat(RequestEvents.route(List.of())).isEqualTo(RequestEvents.UNMATCHED);
    }

    @Test
    void nonStandardMethodsShareOneLabel() {
        assertThat(RequestEvents.method("POST")).isEqualTo("POST");
        assertThat(RequestEvents.method("BREW")).isEqualTo("OTHER");
    }

    @Test
    void statusClassGroupsCodesByHundreds() {
        assertThat(new CompletedRequest("/", "GET", 204, 1, "-").statusClass()).isEqualTo("2xx");
        assertThat(new CompletedRequest("/", "GET", 304, 1, "-").statusClass()).isEqualTo("3xx");
        assertThat(new CompletedRequest("/", "GET", 429, 1, "-").statusClass()).isEqualTo("4xx");
        assertThat(new CompletedRequest("/", "GET", 503, 1, "-").statusClass()).isEqualTo("5xx");
    }
}
