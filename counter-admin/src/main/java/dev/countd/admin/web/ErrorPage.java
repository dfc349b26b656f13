package dev.countd.admin.web;

/** A page that only explains what went wrong and where to go next. */
public record ErrorPage(Chrome chrome, String heading, String message, String nextHref, String nextLabel) {
}
