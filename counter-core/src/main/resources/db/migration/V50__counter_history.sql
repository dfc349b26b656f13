-- Counter history (dev.countd.core.history): one row per counter and bucket with activity, one table
-- per resolution. bucket_start is epoch milliseconds (UTC-aligned minute, hour or day);
-- end_value is the counter's value after the last change in the bucket, end_version/end_at that
-- change's counter version and time (epoch ms), used to keep the newest value when two members
-- flush the same minute. increments/decrements are sums of real applied deltas (saturating at 2^63-1).
CREATE TABLE history_minutes (
    namespace    VARCHAR(63)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    bucket_start BIGINT       NOT NULL,
    end_value    BIGINT       NOT NULL,
    end_version  BIGINT       NOT NULL,
    end_at       BIGINT       NOT NULL,
    increments   BIGINT       NOT NULL,
    decrements   BIGINT       NOT NULL,
    ops          BIGINT       NOT NULL,
    PRIMARY KEY (namespace, name, bucket_start)
);
-- Rollups read and pruning deletes whole time ranges across counters.
CREATE INDEX history_minutes_bucket ON history_minutes (bucket_start);

CREATE TABLE history_hours (
    namespace    VARCHAR(63)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    bucket_start BIGINT       NOT NULL,
    end_value    BIGINT       NOT NULL,
    end_version  BIGINT       NOT NULL,
    end_at       BIGINT       NOT NULL,
    increments   BIGINT       NOT NULL,
    decrements   BIGINT       NOT NULL,
    ops          BIGINT       NOT NULL,
    PRIMARY KEY (namespace, name, bucket_start)
);
CREATE INDEX history_hours_bucket ON history_hours (bucket_start);

CREATE TABLE history_days (
    namespace    VARCHAR(63)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    bucket_start BIGINT       NOT NULL,
    end_value    BIGINT       NOT NULL,
    end_version  BIGINT       NOT NULL,
    end_at       BIGINT       NOT NULL,
    increments   BIGINT       NOT NULL,
    decrements   BIGINT       NOT NULL,
    ops          BIGINT       NOT NULL,
    PRIMARY KEY (namespace, name, bucket_start)
);
CREATE INDEX history_days_bucket ON history_days (bucket_start);

-- How far each coarser resolution has been rolled up: buckets before rolled_until are complete.
CREATE TABLE history_rollups (
    resolution   VARCHAR(8) NOT NULL PRIMARY KEY,
    rolled_until BIGINT     NOT NULL
);
