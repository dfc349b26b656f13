/** Cross-cutting HTTP concerns of the API: request size limits and similar guards. */
package dev.countd.api.http;
