package dev.countd.api.alert;

/** A webhook URL the SSRF guard refuses; the message says why, without internal detail. */
public class BlockedTargetException extends Exception {

    public BlockedTargetException(String reason) {
        super(reason, null, false, false);
    }
}
