package dev.countd.core.counter;

import java.util.List;

/** The results of one key's operations in a batch, in request order. */
public record BatchResults(List<MutationResult> results) {
}
