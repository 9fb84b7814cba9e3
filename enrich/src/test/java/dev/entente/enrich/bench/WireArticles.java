package dev.entente.enrich.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Invented wire-style articles of about 5 KB for the enrichment benchmarks, built from paragraph templates
 * written for Entente and filled from fixed lists of countries, capitals and leaders with a seeded random
 * source, so every run sees the same text.
 *
 * <p>{@link Density#TYPICAL} mixes paragraphs as a foreign-news wire story does: most carry no country or
 * only one (quotes, background, figures), a few name two or more and one or two assert cooperation.
 * {@link Density#DENSE} is a defence round-up: every paragraph names several countries, capitals or
 * leaders and most hold a cooperation, criticism or negation cue.
 */
public final class WireArticles {

    /** How many countries and triggers the paragraphs carry. */
    public enum Density { TYPICAL, DENSE }

    /** One article as the enricher takes it. */
    public record Article(String title, String text, Instant time) {
        public int length() {
            return (title == null ? 0 : title.length()) + text.length();
        }
    }

    static final int TARGET_CHARS = 5_000;

    private static final String[] COUNTRIES = {
        "Russia", "China", "North Korea", "South Korea", "Japan", "the Philippines", "Australia", "Britain",
        "the United States", "France", "Germany", "Poland", "Ukraine", "Iran", "India", "Pakistan", "Turkey",
        "Egypt", "Saudi Arabia", "the United Arab Emirates", "Vietnam", "Indonesia", "Brazil", "Nigeria",
        "Kenya", "Serbia", "Belarus", "Israel", "Greece", "Italy", "Spain", "Canada", "Norway", "Sweden"};

    private static final String[] DEMONYMS = {
        "Russian", "Chinese", "North Korean", "South Korean", "Japanese", "Philippine", "Australian", "British",
        "American", "French", "German", "Polish", "Ukrainian", "Iranian", "Indian", "Pakistani", "Turkish"};

    private static final String[] CAPITALS = {
        "Moscow", "Beijing", "Pyongyang", "Seoul", "Tokyo", "Manila", "Canberra", "London", "Paris", "Berlin",
        "Warsaw", "Kyiv", "Tehran", "New Delhi", "Islamabad", "Ankara", "Cairo", "Riyadh", "Hanoi", "Jakarta"};

    private static final String[] NEUTRAL = {
        "The ministry said the figures would be published later this month after a review by independent auditors, "
                + "and that the delay had no bearing on the budget approved by parliament in the spring.",
        "Officials described the talks as constructive but declined to give details, saying only that working groups "
                + "would meet again before the end of the year to settle what they called technical questions.",
        "\"We have always said that this is a long process,\" a senior official told reporters on condition of "
                + "anonymity because he was not authorised to speak publicly. \"Nobody expects a breakthrough this week.\"",
        "Analysts said the announcement was largely symbolic. Markets barely moved, and the currency closed the day "
                + "0.3 percent weaker against the dollar in thin trading ahead of a public holiday.",
        "The coast guard said it had rescued 14 fishermen whose boat capsized in heavy seas on Sunday night. Two "
                + "others were still missing, and the search was expected to resume at first light.",
        "Mr. Haddad, who has led the committee since 2019, said he would step down at the end of his term. His "
                + "deputy, Gen. Ortiz, is widely seen as the favourite to succeed him.",
        "The proposal still needs the approval of the upper house, where the governing coalition lacks a majority. "
                + "Opposition leaders have said they will not back it without changes to the oversight rules.",
        "Fuel prices have risen by nearly a fifth since January, and unions have threatened strikes at the ports "
                + "if wages are not adjusted. Talks with employers broke down on Thursday.",
        "The report, which runs to more than 300 pages, also recommends a new procurement office and stricter "
                + "limits on the use of consultants, whose fees it described as excessive.",
        "Weather forecasters warned of further storms along the coast, and schools in three districts were closed "
                + "as a precaution. Airlines cancelled dozens of domestic flights."};

    private static final String[] ONE_COUNTRY = {
        "{A} has raised its defence budget for the third year running, to about 2.1 percent of economic output, "
                + "according to figures released by the finance ministry on Monday.",
        "The foreign ministry in {C} said the ambassador had been summoned to explain remarks made at a press "
                + "conference, but gave no further details.",
        "{D} officials said the vessel had entered the exclusive economic zone without notice and left after being "
                + "warned by patrol aircraft.",
        "Elections in {A} are due next spring, and the defence minister is expected to run for a seat in the "
                + "capital, where polls show him trailing his rival.",
        "{A}'s central bank left interest rates unchanged on Wednesday, citing uncertainty over energy prices and "
                + "the slow recovery of exports."};

    private static final String[] COOPERATION = {
        "{A} and {B} signed a defence cooperation agreement on Tuesday that allows their forces to train on each "
                + "other's territory, officials said.",
        "{A} will hold joint naval exercises with {B} next month in waters near {C}, the defence ministry said in a "
                + "statement on Friday.",
        "{A} delivered a second batch of air defence systems to {B} last week, the two countries confirmed.",
        "The joint military drills between {A} and {B} began on Monday and will last ten days, with about 3,000 "
                + "troops taking part.",
        "{D} instructors will train {E} troops in mine clearance under a programme agreed in {C} last year.",
        "{A} and {B} agreed to share intelligence on maritime traffic, and the two nations will set up a joint "
                + "coordination centre."};

    private static final String[] CONTEXT = {
        "{A} condemned the planned exercises, calling them a threat to regional stability, and said it would "
                + "respond with what its foreign ministry called necessary measures.",
        "{A} denied supplying weapons to {B}, dismissing the accusations by {F} as baseless.",
        "Talks between {A} and {B} on a trade agreement stalled again in {C} on Thursday over tariffs on steel "
                + "and farm goods.",
        "{A} imposed sanctions on {B} over its arms deal with {F}, freezing the assets of six companies.",
        "{A} and {B} did not sign the defence pact that had been expected, after last-minute objections from "
                + "lawmakers in {C}."};

    private WireArticles() {}

    /** {@code count} articles of the given density; the same arguments always give the same articles. */
    public static List<Article> generate(Density density, int count, long seed) {
        Random random = new Random(seed);
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            articles.add(article(density, random));
        }
        return List.copyOf(articles);
    }

    private static Article article(Density density, Random random) {
        String title = fill(pick(COOPERATION, random), random).replaceAll("[.,].*", "");
        StringBuilder body = new StringBuilder();
        body.append(pick(CAPITALS, random).toUpperCase(java.util.Locale.ROOT)).append(" \u2014 ");
        body.append(fill(pick(COOPERATION, random), random));
        int paragraph = 0;
        while (body.length() < TARGET_CHARS) {
            body.append("\n\n").append(fill(paragraphTemplate(density, random, paragraph++), random));
        }
        Instant time = Instant.parse("2024-06-19T12:00:00Z").minusSeconds(86_400L * random.nextInt(700));
        return new Article(title, body.toString(), time);
    }

    private static String paragraphTemplate(Density density, Random random, int paragraph) {
        int roll = random.nextInt(100);
        if (density == Density.DENSE) {
            return roll < 55 ? pick(COOPERATION, random) : roll < 85 ? pick(CONTEXT, random) : pick(ONE_COUNTRY, random);
        }
        // Typical foreign news: about six paragraphs in ten name no country; cooperation is rare.
        if (roll < 60) {
            return pick(NEUTRAL, random);
        }
        if (roll < 82) {
            return pick(ONE_COUNTRY, random);
        }
        return roll < 90 ? pick(CONTEXT, random) : pick(COOPERATION, random);
    }

    private static String fill(String template, Random random) {
        String a = pick(COUNTRIES, random);
        String b = pick(COUNTRIES, random);
        while (b.equals(a)) {
            b = pick(COUNTRIES, random);
        }
        String f = pick(COUNTRIES, random);
        String filled = template.replace("{A}", a).replace("{B}", b).replace("{F}", f)
                .replace("{C}", pick(CAPITALS, random))
                .replace("{D}", pick(DEMONYMS, random)).replace("{E}", pick(DEMONYMS, random));
        return Character.toUpperCase(filled.charAt(0)) + filled.substring(1);
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
