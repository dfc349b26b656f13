/** The overview page: cluster members, counters per namespace, operations per second, alerts and webhook backlog. */
package dev.countd.admin.overview;
