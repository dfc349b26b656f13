/** The Hazelcast member's place in the Dropwizard lifecycle, and its health check. */
package dev.countd.api.cluster;
