package io.pushrelay.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Final outcomes of one provider counted by status, in {@link GatewayStatus#BUCKETS} buckets of {@link GatewayStatus#BUCKET}. */
final class Throughput {

    private static final long BUCKET_MS = GatewayStatus.BUCKET.toMillis();

    /** Bucket number (epoch milliseconds / bucket length) of each slot, and its counts by status. */
    private final long[] slots = new long[GatewayStatus.BUCKETS];
    private final List<Map<String, Long>> counts = new ArrayList<>();

    Throughput() {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = -1;
            counts.add(new TreeMap<>());
        }
    }

    synchronized void count(String status, Instant at) {
        long bucket = at.toEpochMilli() / BUCKET_MS;
        int slot = (int) (bucket % slots.length);
        if (slots[slot] != bucket) {
            slots[slot] = bucket;
            counts.get(slot).clear();
        }
        counts.get(slot).merge(status, 1L, Long::sum);
    }

    /** The last {@link GatewayStatus#BUCKETS} buckets up to the one {@code now} is in, oldest first, empty ones too. */
    synchronized List<GatewayStatus.Rate> rates(Instant now) {
        long current = now.toEpochMilli() / BUCKET_MS;
        List<GatewayStatus.Rate> rates = new ArrayList<>(slots.length);
        for (long bucket = current - slots.length + 1; bucket <= current; bucket++) {
            int slot = (int) (bucket % slots.length);
            rates.add(new GatewayStatus.Rate(Instant.ofEpochMilli(bucket * BUCKET_MS),
                    slots[slot] == bucket ? Map.copyOf(counts.get(slot)) : Map.of()));
        }
        return rates;
    }
}
