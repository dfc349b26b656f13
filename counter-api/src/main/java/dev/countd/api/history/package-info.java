/**
 * {@code GET /counters/{name}/history}: parses the range and step, answers the core's history
 * series as JSON, and stops and flushes the history jobs with the application.
 */
package dev.countd.api.history;
