package org.jnrf.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a WordPiece vocabulary from training texts, for a model trained from scratch.
 *
 * <p>The vocabulary holds, in this order:
 * <ol>
 *   <li>the special tokens {@code [PAD] [UNK] [CLS] [SEP] [MASK]};</li>
 *   <li>every character seen in the texts (after the {@link BasicTokenizer}'s normalization), both as a
 *       word-initial piece {@code c} and as a continuation {@code ##c}, most frequent first, so that only characters
 *       never seen in training can make a word {@code [UNK]};</li>
 *   <li>learned pieces, in the order they were learned, until {@code maxSize} pieces or until no candidate occurs at
 *       least {@code minFrequency} times.</li>
 * </ol>
 *
 * <p>Pieces are learned by byte-pair-encoding merges over the word counts, which is how the usual WordPiece
 * trainers (Hugging Face {@code tokenizers}) work: every word starts as its characters ({@code p ##a ##i ##n}); the
 * adjacent pair of symbols with the highest total count over all word occurrences is merged into a new symbol
 * everywhere ({@code p ##a} becomes {@code pa}, {@code ##i ##n} becomes {@code ##in}), and the new symbol joins the
 * vocabulary. Frequent words thus end up whole, frequent stems, prefixes and suffixes as pieces, and rare words
 * decompose into them. Ties in count are broken by the merged piece, then the left symbol, in lexicographic order,
 * so the result depends only on the multiset of words added. Pair counts are maintained incrementally (only words
 * containing the merged pair are revisited), so an 8k vocabulary from a few hundred kilobytes of text takes well
 * under a second. Words longer than {@link WordPieceTokenizer#DEFAULT_MAX_CHARS_PER_WORD} code points are counted
 * for their characters only, since the tokenizer maps them to {@code [UNK]} anyway. If {@code maxSize} cannot hold
 * every character, the most frequent characters are kept.
 *
 * <p>Not thread-safe: add all texts from one thread, then call {@link #build()} (which may be called again after
 * more texts are added).
 */
public final class VocabularyBuilder {
    private final BasicTokenizer basic;
    private final int maxSize;
    private final int minFrequency;
    /** Occurrences of each normalized word; sorted so that building is deterministic. */
    private final Map<String, Long> wordCounts = new TreeMap<>();

    public VocabularyBuilder(BasicTokenizer basic, int maxSize, int minFrequency) {
        if (maxSize < Vocabulary.SPECIAL_TOKENS.size()) {
            throw new IllegalArgumentException("maxSize " + maxSize + " cannot hold the "
                    + Vocabulary.SPECIAL_TOKENS.size() + " special tokens");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1: " + minFrequency);
        }
        this.basic = basic;
        this.maxSize = maxSize;
        this.minFrequency = minFrequency;
    }

    /** Counts the words of one training text. */
    public void add(String text) {
        for (Word word : basic.words(text)) {
            wordCounts.merge(word.text(), 1L, Long::sum);
        }
    }

    /** Number of distinct normalized words added so far. */
    public int distinctWords() {
        return wordCounts.size();
    }

    public Vocabulary build() {
        LinkedHashSet<String> pieces = new LinkedHashSet<>(Vocabulary.SPECIAL_TOKENS);
        Set<String> keptCharacters = addCharacters(pieces);
        new Merger(pieces, keptCharacters).run();
        return Vocabulary.of(new ArrayList<>(pieces));
    }

    /** Adds c and ##c for the most frequent characters that fit; returns the characters kept. */
    private Set<String> addCharacters(LinkedHashSet<String> pieces) {
        Map<String, Long> charCounts = new HashMap<>();
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            e.getKey().codePoints().forEach(cp -> charCounts.merge(Character.toString(cp), e.getValue(), Long::sum));
        }
        List<Map.Entry<String, Long>> byFrequency = new ArrayList<>(charCounts.entrySet());
        byFrequency.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Set<String> kept = new HashSet<>();
        for (Map.Entry<String, Long> e : byFrequency) {
            String c = e.getKey();
            int added = (pieces.contains(c) ? 0 : 1) + (pieces.contains(Token.CONTINUATION_PREFIX + c) ? 0 : 1);
            if (pieces.size() + added > maxSize) {
                break;
            }
            pieces.add(c);
            pieces.add(Token.CONTINUATION_PREFIX + c);
            kept.add(c);
        }
        return kept;
    }

    /** Incremental BPE over the distinct words. */
    private final class Merger {
        private final LinkedHashSet<String> pieces;
        private final List<String> symbols = new ArrayList<>();
        private final Map<String, Integer> symbolIds = new HashMap<>();
        private final List<int[]> words = new ArrayList<>();
        private final List<Long> frequencies = new ArrayList<>();
        private final Map<Long, Long> pairCounts = new HashMap<>();
        /** Words in which a pair occurs or occurred (append-only, checked when used). */
        private final Map<Long, List<Integer>> pairWords = new HashMap<>();
        private final PriorityQueue<Candidate> queue = new PriorityQueue<>(Candidate.ORDER);

        Merger(LinkedHashSet<String> pieces, Set<String> keptCharacters) {
            this.pieces = pieces;
            for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
                String word = e.getKey();
                int[] cps = word.codePoints().toArray();
                if (cps.length < 2 || cps.length > WordPieceTokenizer.DEFAULT_MAX_CHARS_PER_WORD
                        || !Arrays.stream(cps).allMatch(cp -> keptCharacters.contains(Character.toString(cp)))) {
                    continue;
                }
                int[] seq = new int[cps.length];
                for (int k = 0; k < cps.length; k++) {
                    String c = Character.toString(cps[k]);
                    seq[k] = intern(k == 0 ? c : Token.CONTINUATION_PREFIX + c);
                }
                int index = words.size();
                words.add(seq);
                frequencies.add(e.getValue());
                for (int k = 0; k + 1 < seq.length; k++) {
                    long pair = pair(seq[k], seq[k + 1]);
                    pairCounts.merge(pair, e.getValue(), Long::sum);
                    List<Integer> where = pairWords.computeIfAbsent(pair, p -> new ArrayList<>());
                    if (where.isEmpty() || where.get(where.size() - 1) != index) {
                        where.add(index);
                    }
                }
            }
            pairCounts.forEach((pair, count) -> queue.add(candidate(pair, count)));
        }

        void run() {
            int[] visited = new int[words.size()];
            int stamp = 0;
            while (pieces.size() < maxSize && !queue.isEmpty()) {
                Candidate best = queue.poll();
                Long current = pairCounts.get(best.pair);
                if (current == null || current != best.count) {
                    continue; // stale entry: the pair was merged or its count changed since
                }
                if (best.count < minFrequency) {
                    break;
                }
                pairCounts.remove(best.pair);
                int merged = intern(best.merged);
                pieces.add(best.merged);
                stamp++;
                Map<Long, Long> changes = new HashMap<>();
                for (int index : pairWords.remove(best.pair)) {
                    if (visited[index] != stamp) {
                        visited[index] = stamp;
                        mergeIn(index, best.pair, merged, changes);
                    }
                }
                // only pairs whose count really changed get a fresh queue entry; the old one turns stale
                changes.forEach((pair, change) -> {
                    if (change != 0) {
                        long count = pairCounts.merge(pair, change, Long::sum);
                        if (count > 0) {
                            queue.add(candidate(pair, count));
                        }
                    }
                });
            }
        }

        /** Replaces every occurrence of {@code pair} in word {@code index} by {@code merged}, noting count changes. */
        private void mergeIn(int index, long pair, int merged, Map<Long, Long> changes) {
            int[] seq = words.get(index);
            long frequency = frequencies.get(index);
            int left = left(pair);
            int right = right(pair);
            int[] out = new int[seq.length];
            int n = 0;
            boolean found = false;
            for (int k = 0; k < seq.length; k++) {
                if (k + 1 < seq.length && seq[k] == left && seq[k + 1] == right) {
                    out[n++] = merged;
                    k++;
                    found = true;
                } else {
                    out[n++] = seq[k];
                }
            }
            if (!found) {
                return;
            }
            for (int k = 0; k + 1 < seq.length; k++) {
                long p = pair(seq[k], seq[k + 1]);
                if (p != pair) {
                    changes.merge(p, -frequency, Long::sum);
                }
            }
            int[] next = Arrays.copyOf(out, n);
            words.set(index, next);
            for (int k = 0; k + 1 < n; k++) {
                long p = pair(next[k], next[k + 1]);
                changes.merge(p, frequency, Long::sum);
                if (next[k] == merged || next[k + 1] == merged) {
                    List<Integer> where = pairWords.computeIfAbsent(p, q -> new ArrayList<>());
                    if (where.isEmpty() || where.get(where.size() - 1) != index) {
                        where.add(index);
                    }
                }
            }
        }

        private Candidate candidate(long pair, long count) {
            String left = symbols.get(left(pair));
            String right = symbols.get(right(pair));
            return new Candidate(pair, count, left + right.substring(Token.CONTINUATION_PREFIX.length()), left);
        }

        private int intern(String symbol) {
            Integer id = symbolIds.get(symbol);
            if (id == null) {
                id = symbols.size();
                symbols.add(symbol);
                symbolIds.put(symbol, id);
            }
            return id;
        }

        /**
         * Pair key: (left, right) packed and multiplied by an odd constant, a bijection that spreads the key over all
         * bits; Long.hashCode of the raw packing (left ^ right) collides so much that hash bins degrade to trees.
         */
        private static long pair(int left, int right) {
            return (((long) left << 32) | (right & 0xFFFFFFFFL)) * MIX;
        }

        private static int left(long pair) {
            return (int) ((pair * UNMIX) >>> 32);
        }

        private static int right(long pair) {
            return (int) (pair * UNMIX);
        }
    }

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final long UNMIX = inverse(MIX);

    /** Multiplicative inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    private record Candidate(long pair, long count, String merged, String left) {
        static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::count).reversed()
                .thenComparing(Candidate::merged).thenComparing(Candidate::left);
    }
}
