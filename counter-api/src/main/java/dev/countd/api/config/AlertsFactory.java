package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.api.alert.DeliverySettings;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;

/**
 * {@code alerts:} webhook delivery. {@code allowPrivateNetworks} lifts the SSRF guard (loopback and private
 * targets) and is for local testing only.
 */
public class AlertsFactory {

    @JsonProperty
    private boolean allowPrivateNetworks = false;
    @JsonProperty
    private Duration pollInterval = Duration.milliseconds(250);
    @JsonProperty
    @Min(1)
    private int deliveryThreads = 4;
    @JsonProperty
    private Duration timeout = Duration.seconds(10);
    @JsonProperty
    private Duration initialBackoff = Duration.seconds(5);
    @JsonProperty
    private Duration maxBackoff = Duration.hours(1);
    @JsonProperty
    private Duration giveUpAfter = Duration.hours(24);
    @JsonProperty
    private Duration claimTimeout = Duration.minutes(2);

    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    public DeliverySettings delivery() {
        return new DeliverySettings(pollInterval.toJavaDuration(), deliveryThreads, timeout.toJavaDuration(),
                initialBackoff.toJavaDuration(), maxBackoff.toJavaDuration(), giveUpAfter.toJavaDuration(),
                claimTimeout.toJavaDuration().compareTo(timeout.toJavaDuration()) > 0 ? claimTimeout.toJavaDuration()
                        : timeout.toJavaDuration().multipliedBy(2));
    }
}
