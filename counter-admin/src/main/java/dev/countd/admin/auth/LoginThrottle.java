package dev.countd.admin.auth;

/**
 * The per-IP budget for failed dashboard logins (the application backs it with its cluster-wide
 * Bucket4j limiter, so every member enforces one budget).
 */
public interface LoginThrottle {

    /** Seconds this address must wait before it may try again; 0 when it may try now. */
    long lockedFor(String ip);

    /** Records one failed login; answers the seconds the address is now locked out, or 0. */
    long failed(String ip);
}
