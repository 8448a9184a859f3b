package org.jnrf.network;

import java.util.List;

/**
 * An entity as the network sees it: its type index and the token ranges it covers (several for a discontinuous gold
 * entity; predicted entities are contiguous).
 */
public record EntitySpan(int type, List<TokenRange> ranges, double confidence) {
    public EntitySpan {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("an entity span needs at least one token range");
        }
        ranges = List.copyOf(ranges);
    }

    public static EntitySpan of(int type, int begin, int end) {
        return new EntitySpan(type, List.of(new TokenRange(begin, end)), 1.0);
    }

    public EntitySpan withConfidence(double c) {
        return new EntitySpan(type, ranges, c);
    }

    public int firstToken() {
        return ranges.get(0).begin();
    }

    public int lastTokenExclusive() {
        return ranges.get(ranges.size() - 1).end();
    }

    public int tokenCount() {
        return ranges.stream().mapToInt(TokenRange::length).sum();
    }

    public boolean sameTokens(EntitySpan o) {
        return ranges.equals(o.ranges);
    }
}
