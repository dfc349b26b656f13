package dev.countd.api.http;

/**
 * One answered API request, as metrics and the request log see it.
 *
 * @param route  the matched JAX-RS path template ({@code /counters/{name}/increment}), or
 *               {@value RequestEvents#UNMATCHED} when no resource matched; never the raw path
 * @param method the HTTP method, or {@code OTHER} for a non-standard one
 * @param status the HTTP status code sent
 * @param nanos  time from Jersey receiving the request to the response being written
 * @param keyId  the API key's public id, or {@code -} when the request carried none
 */
public record CompletedRequest(String route, String method, int status, long nanos, String keyId) {

    /** {@code 2xx}, {@code 4xx}, ...: the status label of the latency histogram. */
    public String statusClass() {
        return switch (status / 100) {
            case 1 -> "1xx";
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            default -> "5xx";
        };
    }
}
