package dev.entente.enrich;

import dev.entente.enrich.features.CueWords;
import dev.entente.enrich.gazetteer.EntityMention;
import dev.entente.enrich.gazetteer.Gazetteer;
import dev.entente.enrich.text.SentenceSplitter;
import dev.entente.enrich.text.Tokens;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The naive baseline every quality figure is reported beside: any two countries named in one sentence (the
 * title is one) that holds a military word form a pair. Countries are the gazetteer's actors (names,
 * demonyms, capitals, leaders in office, institutions); military words are the cue classes of
 * {@link CueWords#MILITARY} (weapons, forces, defence, exercises, pacts, training).
 */
final class NaiveBaseline {

    private final Gazetteer gazetteer = Gazetteer.fromResources();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final CueWords cueWords = CueWords.fromResources();

    /** The pairs of one passage, sorted. */
    List<String> pairs(String title, String text, LocalDate date) {
        List<String> sentences = new ArrayList<>();
        if (title != null && !title.isBlank()) {
            sentences.add(title);
        }
        splitter.split(text).forEach(sentence -> sentences.add(sentence.text()));
        Set<String> pairs = new TreeSet<>();
        for (String sentence : sentences) {
            long all = 0;
            for (long mask : cueWords.classes(Tokens.of(sentence))) {
                all |= mask;
            }
            if ((all & CueWords.MILITARY) == 0) {
                continue;
            }
            List<String> codes = gazetteer.match(sentence, date).stream()
                    .filter(EntityMention::actor).map(EntityMention::country).distinct().sorted().toList();
            for (int i = 0; i < codes.size(); i++) {
                for (int j = i + 1; j < codes.size(); j++) {
                    pairs.add(codes.get(i) + "-" + codes.get(j));
                }
            }
        }
        return new ArrayList<>(pairs);
    }

    /** Precision, recall and F1 of the baseline on a set. */
    DevSetEvaluation.Counts score(List<DevSetEvaluation.Passage> passages) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (DevSetEvaluation.Passage passage : passages) {
            List<String> guessed = pairs(passage.title().orElse(null), passage.text(),
                    passage.date().orElse(LocalDate.now()));
            for (String pair : guessed) {
                if (passage.pairs().containsKey(pair)) {
                    tp++;
                } else {
                    fp++;
                }
            }
            for (String gold : passage.pairs().keySet()) {
                if (!guessed.contains(gold)) {
                    fn++;
                }
            }
        }
        return new DevSetEvaluation.Counts(tp, fp, fn);
    }
}
