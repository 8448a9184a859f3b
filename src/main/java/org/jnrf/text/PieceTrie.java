package org.jnrf.text;

import java.util.Arrays;

/**
 * Character trie over the pieces of a {@link Vocabulary}, with one root for word-initial pieces and one for
 * {@code ##} continuations (stored without the prefix), so that the longest vocabulary piece starting at a position
 * is found in one walk instead of one hash lookup per candidate length. Immutable once built.
 */
final class PieceTrie {
    private static final int INITIAL_ROOT = 0;
    private static final int CONTINUATION_ROOT = 1;
    private static final long EMPTY = -1L;

    /** Open-addressing map (node << 16 | char) -> child node. */
    private long[] keys;
    private int[] children;
    private int mask;
    private int entries;
    /** Vocabulary id of the piece ending at each node, -1 if none. */
    private int[] pieceIds;
    private int nodes;

    PieceTrie(Vocabulary vocabulary) {
        int capacity = Integer.highestOneBit(Math.max(16, vocabulary.size() * 8)) * 2;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        children = new int[capacity];
        mask = capacity - 1;
        pieceIds = new int[Math.max(16, vocabulary.size() * 4)];
        Arrays.fill(pieceIds, -1);
        nodes = 2;
        for (int id = 0; id < vocabulary.size(); id++) {
            String piece = vocabulary.piece(id);
            boolean continuation = piece.startsWith(Token.CONTINUATION_PREFIX);
            String chars = continuation ? piece.substring(Token.CONTINUATION_PREFIX.length()) : piece;
            if (!chars.isEmpty()) {
                insert(continuation ? CONTINUATION_ROOT : INITIAL_ROOT, chars, id);
            }
        }
    }

    /**
     * Longest piece matching {@code word[from, ...)} that ends at or before {@code to}: its end index, with its id
     * stored in {@code idOut[0]}; {@code -1} if no piece matches.
     */
    int longestMatch(boolean continuation, CharSequence word, int from, int to, int[] idOut) {
        int node = continuation ? CONTINUATION_ROOT : INITIAL_ROOT;
        int bestEnd = -1;
        for (int i = from; i < to; i++) {
            node = child(node, word.charAt(i));
            if (node < 0) {
                break;
            }
            if (pieceIds[node] >= 0) {
                bestEnd = i + 1;
                idOut[0] = pieceIds[node];
            }
        }
        return bestEnd;
    }

    private void insert(int root, String chars, int id) {
        int node = root;
        for (int i = 0; i < chars.length(); i++) {
            int next = child(node, chars.charAt(i));
            if (next < 0) {
                next = newNode();
                put(node, chars.charAt(i), next);
            }
            node = next;
        }
        if (pieceIds[node] < 0) {
            pieceIds[node] = id; // first line wins, like Vocabulary.id
        }
    }

    private int newNode() {
        if (nodes == pieceIds.length) {
            int old = pieceIds.length;
            pieceIds = Arrays.copyOf(pieceIds, old * 2);
            Arrays.fill(pieceIds, old, pieceIds.length, -1);
        }
        return nodes++;
    }

    private int child(int node, char c) {
        long key = ((long) node << 16) | c;
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return children[slot];
            }
            if (k == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void put(int node, char c, int child) {
        if ((entries + 1) * 2 > keys.length) {
            grow();
        }
        long key = ((long) node << 16) | c;
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        children[slot] = child;
        entries++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        children = new int[keys.length];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                children[slot] = oldChildren[i];
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
