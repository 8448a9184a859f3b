package org.jnrf.model;

import java.util.ArrayList;
import java.util.List;

import org.jnrf.document.TextSpan;
import org.jnrf.network.TokenRange;
import org.jnrf.text.TokenOffsets;

/** The token ranges an entity's character fragments cover: what the network pools for that entity. */
public final class EntityTokenRanges {
    private EntityTokenRanges() {
    }

    /**
     * One range per fragment that covers at least one token, in text order; fragments meeting in one token merge
     * into one range. Empty when no fragment covers a token.
     */
    public static List<TokenRange> of(TokenOffsets offsets, List<TextSpan> fragments) {
        List<TokenRange> ranges = new ArrayList<>();
        for (TextSpan f : fragments) {
            int[] r = offsets.overlapping(f.begin(), f.end());
            if (r[1] <= r[0]) {
                continue;
            }
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).end() >= r[0]) {
                TokenRange last = ranges.remove(ranges.size() - 1);
                ranges.add(new TokenRange(last.begin(), Math.max(last.end(), r[1])));
            } else {
                ranges.add(new TokenRange(r[0], r[1]));
            }
        }
        return ranges;
    }
}
