/**
 * RFC 9457 problem responses: the one error shape of the API, and the exception mappers that turn
 * each exception family into it. No stack trace ever reaches a client.
 */
package dev.countd.api.problem;
