package dev.countd.core.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.RecordedOp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code recent_ops} column: only Idempotency-Key operations are persisted (server ids only
 * matter while a member fails over, and the backup replica already holds them).
 */
final class RecentOpsColumn {

    private RecentOpsColumn() {
    }

    static String write(List<RecordedOp> ops, ObjectMapper json) {
        ArrayNode rows = json.createArrayNode();
        for (RecordedOp op : ops) {
            if (op.clientKey()) {
                rows.addArray().add(op.id()).add(op.requestHash()).add(op.expiresAt())
                        .add(op.outcome().name() + (op.clamped() ? "+clamped" : ""))
                        .add(op.value()).add(op.version()).add(op.updatedAt()).add(op.detail());
            }
        }
        return rows.isEmpty() ? null : rows.toString();
    }

    static List<RecordedOp> read(String stored, ObjectMapper json, long now) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        try {
            List<RecordedOp> ops = new ArrayList<>();
            for (JsonNode row : json.readTree(stored)) {
                long expiresAt = row.get(2).asLong();
                if (expiresAt <= now) {
                    continue;
                }
                String outcome = row.get(3).asText();
                boolean clamped = outcome.endsWith("+clamped");
                ops.add(new RecordedOp(row.get(0).asLong(), row.get(1).asLong(), expiresAt, true,
                        MutationOutcome.valueOf(clamped ? outcome.substring(0, outcome.length() - 8) : outcome), clamped,
                        row.get(4).asLong(), row.get(5).asLong(), row.get(6).asLong(),
                        row.get(7).isNull() ? null : row.get(7).asText()));
            }
            return ops;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counter row holds malformed recent operations", e);
        }
    }
}
