package dev.countd.api.counter;

import java.util.List;

/** Body of {@code POST /counters/_batch}. */
public record BatchRequest(List<Operation> operations) {

    /** One operation: {@code op} is increment, decrement, set, reset or delete. */
    public record Operation(String op, String name, Long by, Long value) {
        String fingerprint() {
            return op + " " + name + " by=" + by + " value=" + value;
        }
    }
}
