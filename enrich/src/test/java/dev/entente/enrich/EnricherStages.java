package dev.entente.enrich;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The four stages of {@link Enricher#enrich} one at a time, for the stage benchmarks in the {@code bench}
 * package: each stage's input is computed once here, so a benchmark of one stage measures that stage alone.
 */
public final class EnricherStages {

    private final Enricher enricher;
    private final String[] titles;
    private final String[] texts;
    private final LocalDate[] dates;
    private final Enricher.Prepared[] prepared;
    private final Enricher.Split[] splits;
    private final Enricher.Matched[] matched;

    public EnricherStages(Enricher enricher, List<String> titles, List<String> texts, List<Instant> times) {
        this.enricher = enricher;
        int n = texts.size();
        this.titles = titles.toArray(new String[0]);
        this.texts = texts.toArray(new String[0]);
        this.dates = new LocalDate[n];
        this.prepared = new Enricher.Prepared[n];
        this.splits = new Enricher.Split[n];
        this.matched = new Enricher.Matched[n];
        for (int i = 0; i < n; i++) {
            dates[i] = LocalDate.ofInstant(times.get(i), ZoneOffset.UTC);
            prepared[i] = enricher.prepare(this.titles[i], this.texts[i]);
            splits[i] = enricher.split(prepared[i]);
            matched[i] = enricher.match(prepared[i], splits[i], dates[i]);
        }
    }

    public int size() {
        return texts.length;
    }

    public Object prepare(int i) {
        return enricher.prepare(titles[i], texts[i]);
    }

    public Object split(int i) {
        return enricher.split(prepared[i]);
    }

    public Object match(int i) {
        return enricher.match(prepared[i], splits[i], dates[i]);
    }

    public Object classify(int i) {
        return enricher.classify(prepared[i], splits[i], matched[i]);
    }
}
