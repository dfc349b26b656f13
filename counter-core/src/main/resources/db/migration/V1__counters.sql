-- One row per counter: the durable copy of the Hazelcast IMap entry (see CounterMapStore).
CREATE TABLE counters (
    namespace     VARCHAR(63)    NOT NULL,
    name          VARCHAR(200)   NOT NULL,
    format        SMALLINT       NOT NULL,
    counter_value BIGINT         NOT NULL,
    min_value     BIGINT         NOT NULL,
    max_value     BIGINT         NOT NULL,
    initial_value BIGINT         NOT NULL,
    overflow      VARCHAR(8)     NOT NULL,
    version       BIGINT         NOT NULL,
    description   VARCHAR(1024)  NOT NULL,
    labels        VARCHAR(65536) NOT NULL,
    created_at    BIGINT         NOT NULL,
    updated_at    BIGINT         NOT NULL,
    PRIMARY KEY (namespace, name)
);
