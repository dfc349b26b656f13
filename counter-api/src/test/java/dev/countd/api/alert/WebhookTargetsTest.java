package dev.countd.api.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard's address rules, with a resolver under the test's control (no DNS traffic). */
class WebhookTargetsTest {

    private static WebhookTargets resolvingTo(boolean allowPrivate, String... addresses) {
        return new WebhookTargets(allowPrivate, host -> {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            return resolved;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.251", "255.255.255.255", "::1", "::", "fe80::1",
            "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "198.18.0.1"})
    void nonPublicAddressesAreRefused(String address) {
        assertThatThrownBy(() -> resolvingTo(false, address).check("https://hooks.example.com/x"))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("public addresses only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1"})
    void publicAddressesAreAccepted(String address) throws Exception {
        assertThat(resolvingTo(false, address).check("https://hooks.example.com/x").getHost()).isEqualTo("hooks.example.com");
    }

    @Test
    void aHostWithOnePrivateAmongItsAddressesIsRefused() {
        assertThatThrownBy(() -> resolvingTo(false, "93.184.215.14", "10.0.0.7").check("https://mixed.example.com/"))
                .isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void allowPrivateNetworksLetsLoopbackThrough() throws Exception {
        assertThat(resolvingTo(true, "127.0.0.1").check("http://localhost:8080/hook").getPort()).isEqualTo(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "//example.com/x",
            "https:///nohost", "https://u:p@example.com/", "https://example.com/#frag", "", "ht tp://x"})
    void onlyPlainHttpAndHttpsUrlsWithAHostAreAccepted(String url) {
        assertThatThrownBy(() -> resolvingTo(true, "93.184.215.14").check(url)).isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void anUnresolvableHostIsRefused() {
        WebhookTargets targets = new WebhookTargets(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> targets.check("https://nowhere.invalid/")).isInstanceOf(BlockedTargetException.class)
                .hasMessageContaining("does not resolve");
    }
}
