/**
 * Dashboard login: users and their PBKDF2 hashes, the bootstrap admin, sessions in a Hazelcast
 * map, CSRF tokens, and the failed-login throttle the application plugs in.
 */
package dev.countd.admin.auth;
