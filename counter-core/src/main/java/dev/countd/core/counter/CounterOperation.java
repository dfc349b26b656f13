package dev.countd.core.counter;

/** One requested change to a counter. Amounts are validated here, before anything reaches the cluster. */
public sealed interface CounterOperation {

    /** Short stable name, used in metrics and logs. */
    String kind();

    record Increment(long by) implements CounterOperation {
        public Increment {
            requirePositive(by);
        }

        @Override
        public String kind() {
            return "increment";
        }
    }

    record Decrement(long by) implements CounterOperation {
        public Decrement {
            requirePositive(by);
        }

        @Override
        public String kind() {
            return "decrement";
        }
    }

    record Reset() implements CounterOperation {
        @Override
        public String kind() {
            return "reset";
        }
    }

    /** Create the counter, or update the fields the patch names. */
    record Upsert(CounterPatch patch) implements CounterOperation {
        public Upsert {
            if (patch == null) {
                throw new IllegalArgumentException("patch must not be null");
            }
        }

        @Override
        public String kind() {
            return "upsert";
        }
    }

    record Delete() implements CounterOperation {
        @Override
        public String kind() {
            return "delete";
        }
    }

    private static void requirePositive(long by) {
        if (by < 1) {
            throw new CounterValidationException("invalid-amount",
                    "'by' must be an integer from 1 to " + Long.MAX_VALUE + "; got " + by);
        }
    }
}
