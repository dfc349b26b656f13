/**
 * The Hazelcast member: its configuration (join, backups, map store), and the one place where
 * every type that crosses the wire registers its Compact serializer.
 */
package dev.countd.core.cluster;
