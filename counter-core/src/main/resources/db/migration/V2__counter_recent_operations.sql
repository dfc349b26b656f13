-- Idempotency-Key operations remembered per counter (exactly-once replays survive a restart).
-- JSON array of [id, requestHash, expiresAt, flags, value, version, updatedAt, detail]; NULL when none.
ALTER TABLE counters ADD COLUMN recent_ops VARCHAR;
