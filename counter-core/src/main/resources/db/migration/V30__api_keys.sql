-- One row per API key: the durable copy of the Hazelcast api-keys map (see ApiKeyMapStore).
-- Only the SHA-256 of a key's secret is stored, never the secret.
CREATE TABLE api_keys (
    id                    VARCHAR(16)  NOT NULL PRIMARY KEY,
    name                  VARCHAR(200) NOT NULL,
    namespace             VARCHAR(63)  NOT NULL,
    scopes                VARCHAR(200) NOT NULL,
    plan                  VARCHAR(63),
    rate_capacity         BIGINT,
    rate_refill_tokens    BIGINT,
    rate_refill_period_ms BIGINT,
    secret_sha256         CHAR(64)     NOT NULL,
    created_at            BIGINT       NOT NULL,
    expires_at            BIGINT,
    revoked_at            BIGINT,
    last_used_at          BIGINT
);
CREATE INDEX api_keys_namespace ON api_keys (namespace);
