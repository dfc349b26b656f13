package dev.countd.api.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard: a webhook URL must be http(s) with a host, and every address the host resolves to
 * must be public: not loopback, any-local, link-local (incl. 169.254.169.254), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7, fec0::/10), carrier-grade NAT (100.64/10), multicast or reserved, also when
 * embedded in an IPv6 address. Checked at rule creation and again before every delivery.
 * {@code allowPrivateNetworks} lifts the address checks (local testing only). Thread-safe.
 */
public final class WebhookTargets {

    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    public WebhookTargets(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    WebhookTargets(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /** The URL if it may receive webhooks now. */
    public URI check(String url) throws BlockedTargetException {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new BlockedTargetException("the host " + uri.getHost() + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new BlockedTargetException("the host " + uri.getHost() + " does not resolve");
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                if (isNonPublic(address)) {
                    throw new BlockedTargetException("the host " + uri.getHost() + " resolves to a loopback, private, "
                            + "link-local, multicast or reserved address; webhooks go to public addresses only");
                }
            }
        }
        return uri;
    }

    static URI parse(String url) throws BlockedTargetException {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new BlockedTargetException("url must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BlockedTargetException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedTargetException("url must use http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BlockedTargetException("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BlockedTargetException("url must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new BlockedTargetException("url must not have a fragment");
        }
        return uri;
    }

    static boolean isNonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isNonPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if (isZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || isZero(b, 10, 12))) {
                return isNonPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // IPv4-mapped or -compatible
            }
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
                return isNonPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return isNonPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16
            }
        }
        return false;
    }

    private static boolean isNonPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224          // this network, private, loopback, multicast, reserved
                || (a0 == 100 && (a1 & 0xc0) == 64)                   // carrier-grade NAT 100.64/10
                || (a0 == 169 && a1 == 254)                           // link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)                   // 172.16/12
                || (a0 == 192 && a1 == 168)                           // 192.168/16
                || (a0 == 192 && a1 == 0 && a2 == 0)                  // IETF protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18);                  // benchmarking 198.18/15
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Resolves a host to all its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
