package dev.countd.api.alert;

import java.time.Duration;

/**
 * How webhooks are delivered.
 *
 * @param pollInterval   how often each member looks for due events
 * @param threads        concurrent deliveries per member (also bounds what a member claims)
 * @param timeout        connect and response timeout of one attempt
 * @param initialBackoff delay before the first retry; doubles per attempt (with jitter) up to {@code maxBackoff}
 * @param giveUpAfter    an event is abandoned, and an endpoint failing this long is disabled, after this
 * @param claimTimeout   how long a member's claim on an attempt holds if it dies mid-attempt (&gt; timeout)
 */
public record DeliverySettings(Duration pollInterval, int threads, Duration timeout, Duration initialBackoff,
                               Duration maxBackoff, Duration giveUpAfter, Duration claimTimeout) {

    /** The delay before retry number {@code attempt} (1-based): exponential, capped, with equal jitter. */
    public long backoffMillis(int attempt, double random) {
        long base = initialBackoff.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(maxBackoff.toMillis(), base << shift);
        if (capped < 0) {
            capped = maxBackoff.toMillis();
        }
        return capped / 2 + (long) (random * (capped - capped / 2));
    }
}
