package dev.countd.api.problem;

import java.io.IOException;

/** Raised while reading a request body that passes the size limit. An IOException so parsers pass it through. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
