package org.jnrf.ctakes;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frequency mention as cTAKES' {@code MedicationFrequency} holds it: a number of times per unit ("b.i.d.",
 * "twice a day" -> 2 per day; "q6h" -> 4 per day). A frequency it cannot count ("p.r.n.", "with meals") keeps its
 * words as the number and no unit, so cTAKES' medication table shows them as written.
 */
final class FrequencyNormalizer {
    /** The number of times and the unit; {@code unit} is null when the text could not be counted. */
    record Frequency(String number, String unit) {
    }

    private static final String DAY = "day";

    private static final Map<String, Frequency> ABBREVIATIONS = Map.ofEntries(
            Map.entry("qd", perDay(1)), Map.entry("od", perDay(1)), Map.entry("daily", perDay(1)),
            Map.entry("qam", perDay(1)), Map.entry("qpm", perDay(1)), Map.entry("qhs", perDay(1)),
            Map.entry("hs", perDay(1)), Map.entry("nightly", perDay(1)), Map.entry("qday", perDay(1)),
            Map.entry("bid", perDay(2)), Map.entry("tid", perDay(3)), Map.entry("qid", perDay(4)),
            Map.entry("hourly", perDay(24)), Map.entry("weekly", new Frequency("1", "week")),
            Map.entry("qweek", new Frequency("1", "week")), Map.entry("monthly", new Frequency("1", "month")));

    private static final Map<String, Integer> COUNT_WORDS = Map.of("once", 1, "one", 1, "every", 1, "twice", 2,
            "two", 2, "thrice", 3, "three", 3, "four", 4, "five", 5, "six", 6);

    /** "every 6 hours", "q6h", "q 6 hrs", "q6-8h" (the shorter interval) */
    private static final Pattern EVERY_HOURS = Pattern.compile("(?:every|q)\\s*(\\d+)(?:\\s*-\\s*\\d+)?\\s*"
            + "(?:h|hr|hrs|hour|hours)\\b");
    /** "twice a day", "3 times daily", "once per week", "two times each day" */
    private static final Pattern TIMES_PER = Pattern.compile("\\b(\\d+|[a-z]+)(?:\\s*(?:times?|x))?\\s*"
            + "(?:a|an|per|each|every|/)?\\s*(day|daily|week|weekly|month|monthly)\\b");

    private FrequencyNormalizer() {
    }

    static Frequency normalize(String text) {
        String plain = text.toLowerCase(Locale.ROOT).replace(".", "").replaceAll("\\s+", " ").trim();
        Frequency known = ABBREVIATIONS.get(plain.replace(" ", ""));
        if (known != null) {
            return known;
        }
        Matcher hours = EVERY_HOURS.matcher(plain);
        if (hours.find()) {
            int interval = Integer.parseInt(hours.group(1));
            if (interval > 0 && 24 % interval == 0) {
                return perDay(24 / interval);
            }
            return new Frequency("1", interval + " hours");
        }
        Matcher times = TIMES_PER.matcher(plain);
        if (times.find()) {
            Integer count = count(times.group(1));
            if (count != null) {
                return new Frequency(String.valueOf(count), unit(times.group(2)));
            }
        }
        for (String word : plain.split("[^a-z]+")) {
            Frequency abbreviation = ABBREVIATIONS.get(word);
            if (abbreviation != null) {
                return abbreviation; // "1 tab bid", "daily at noon"
            }
        }
        return new Frequency(text.trim(), null);
    }

    private static Integer count(String word) {
        if (word.chars().allMatch(Character::isDigit)) {
            return Integer.valueOf(word);
        }
        return COUNT_WORDS.get(word);
    }

    private static String unit(String word) {
        return word.startsWith("dai") ? DAY : word.replace("ly", "");
    }

    private static Frequency perDay(int times) {
        return new Frequency(String.valueOf(times), DAY);
    }
}
