/**
 * The application's side of the admin dashboard ({@code counter-admin}): the data sources the
 * dashboard defines, implemented over Hazelcast, the history store and the Bucket4j limiter.
 */
package dev.countd.api.admin;
