/** The rate-limits page: configured plans and every key's remaining tokens. */
package dev.countd.admin.ratelimit;
