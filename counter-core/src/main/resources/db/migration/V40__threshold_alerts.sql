-- Threshold alerts (see dev.countd.core.alert).
-- Rules waiting to re-arm after a crossing (hysteresis), comma-separated ruleId:UP / ruleId:DOWN; NULL when none.
ALTER TABLE counters ADD COLUMN alert_state VARCHAR(8192);

-- One row per rule: the durable copy of the Hazelcast alert-rules map (see AlertRuleMapStore).
-- The signing secret must be kept in clear to sign deliveries; it is never shown again after creation.
CREATE TABLE alert_rules (
    id              VARCHAR(32)   NOT NULL PRIMARY KEY,
    namespace       VARCHAR(63)   NOT NULL,
    counter_pattern VARCHAR(200)  NOT NULL,
    threshold       BIGINT        NOT NULL,
    direction       VARCHAR(4)    NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    hysteresis      BIGINT        NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    disabled_reason VARCHAR(500),
    secret          VARCHAR(100)  NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    failing_since   BIGINT
);
CREATE INDEX alert_rules_namespace ON alert_rules (namespace);

-- The durable outbox and delivery state: one row per crossing event, inserted in the same transaction
-- as the counter row whose change crossed (CounterMapStore), never updated by that path again.
CREATE TABLE alert_events (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    rule_id         VARCHAR(32)  NOT NULL,
    namespace       VARCHAR(63)  NOT NULL,
    counter_name    VARCHAR(200) NOT NULL,
    threshold       BIGINT       NOT NULL,
    direction       VARCHAR(4)   NOT NULL,
    previous_value  BIGINT       NOT NULL,
    counter_value   BIGINT       NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    in_entry        BOOLEAN      NOT NULL,
    attempts        INT          NOT NULL,
    window_start    BIGINT       NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   BIGINT,
    delivered_at    BIGINT,
    last_status     INT,
    last_error      VARCHAR(500)
);
CREATE INDEX alert_events_due ON alert_events (status, next_attempt_at);
CREATE INDEX alert_events_rule ON alert_events (rule_id, occurred_at);

-- Every delivery attempt: when, HTTP status (NULL when none arrived), latency, error.
CREATE TABLE alert_attempts (
    event_id     VARCHAR(36)  NOT NULL,
    attempted_at BIGINT       NOT NULL,
    status_code  INT,
    latency_ms   BIGINT       NOT NULL,
    error        VARCHAR(500)
);
CREATE INDEX alert_attempts_event ON alert_attempts (event_id, attempted_at);
