package dev.entente.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entente.enrich.candidates.Candidate;
import dev.entente.schemas.Entity;
import dev.entente.schemas.Event;
import dev.entente.schemas.PairMention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The contract's offline {@code extract} command: JSON Lines in, one JSON line out per article.
 *
 * <p>Input lines are {@code {"id": "...", "title": "...", "text": "...", "date": "..."}} with {@code title}
 * and {@code date} optional; {@code date} is an ISO date ({@code 2024-06-19}, read as noon UTC) or instant
 * and picks the terms of office leaders are read with (default: now). Blank lines are ignored. Each good
 * line yields {@code {"id", "entities": [{type, id, text, sentence, country, start, end}], "events": [{type,
 * trigger, sentence, subtype, cameo, actors}], "pairMentions": [{pair, sentence, trigger, confidence}],
 * "cooperationPairs": [...], "dictionaryVersion": "..."}}, the fields of {@code EnrichedArticle}; with
 * {@code explain}, also {@code "candidates": [{pair, scope, sentence, first, second, confidence, kept,
 * evidence}]}, every pair the scorer weighed. A bad line (not a JSON object, {@code id} or {@code text} missing or not
 * a string, {@code title} not a string, {@code date} not a date) gets one
 * message on {@code err} naming its line number and is skipped; the run goes on and ends with status 2. Lines
 * are enriched in batches on all cores; the output keeps the input order.
 * Otherwise the status is 0.
 */
public final class ExtractJsonLines {

    /** Exit status when every line was good. */
    public static final int OK = 0;
    /** Exit status when at least one line was bad. */
    public static final int BAD_INPUT = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines enriched together, in parallel; their output keeps the input order. */
    private static final int BATCH = 512;

    private ExtractJsonLines() {}

    /**
     * Runs the command over all of {@code in}; flushes {@code out} and {@code err} but closes neither.
     *
     * @return {@link #OK} or {@link #BAD_INPUT}
     * @throws IOException when reading or writing fails
     */
    public static int run(Reader in, Writer out, Writer err, Enricher enricher) throws IOException {
        return run(in, out, err, enricher, false);
    }

    /**
     * Runs the command, adding every candidate with its confidence and evidence when {@code explain} is set.
     *
     * @return {@link #OK} or {@link #BAD_INPUT}
     * @throws IOException when reading or writing fails
     */
    public static int run(Reader in, Writer out, Writer err, Enricher enricher, boolean explain) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        int status = OK;
        int lineNumber = 0;
        List<String> batch = new ArrayList<>(BATCH);
        int firstLine = 1;
        for (String line = lines.readLine(); ; line = lines.readLine()) {
            if (line != null) {
                lineNumber++;
                batch.add(line);
            }
            if (batch.size() == BATCH || line == null && !batch.isEmpty()) {
                status = Math.max(status, writeBatch(batch, firstLine, out, err, enricher, explain));
                firstLine = lineNumber + 1;
                batch.clear();
            }
            if (line == null) {
                break;
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    /**
     * Enriches a batch of lines on all cores (the enricher is thread-safe), then writes their results in input
     * order: a bulk run uses the machine, and the output is the same as one line at a time.
     */
    private static int writeBatch(List<String> batch, int firstLine, Writer out, Writer err, Enricher enricher,
            boolean explain) throws IOException {
        String[] results = new String[batch.size()];
        boolean[] bad = new boolean[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            String line = batch.get(i);
            if (line.isBlank()) {
                return;
            }
            Optional<String> problem = Optional.empty();
            JsonNode node = null;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                problem = Optional.of("not valid JSON: " + e.getOriginalMessage());
            }
            if (problem.isEmpty()) {
                problem = validate(node);
            }
            if (problem.isPresent()) {
                results[i] = "line " + (firstLine + i) + ": " + problem.get() + System.lineSeparator();
                bad[i] = true;
                return;
            }
            JsonNode title = node.get("title");
            Enrichment enrichment = enricher.enrich(
                    title == null || title.isNull() ? null : title.asText(), node.get("text").asText(), dateOf(node));
            try {
                results[i] = JSON.writeValueAsString(toJson(node.get("id").asText(), enrichment, enricher, explain)) + "\n";
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
        int status = OK;
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                continue;
            }
            if (bad[i]) {
                err.write(results[i]);
                status = BAD_INPUT;
            } else {
                out.write(results[i]);
            }
        }
        return status;
    }

    private static Optional<String> validate(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.of("expected a JSON object like {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\"}");
        }
        for (String field : new String[] {"id", "text"}) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.of("missing required field \"" + field + "\"");
            }
            if (!value.isTextual()) {
                return Optional.of("field \"" + field + "\" must be a string");
            }
        }
        JsonNode title = node.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            return Optional.of("field \"title\" must be a string");
        }
        JsonNode date = node.get("date");
        if (date != null && !date.isNull()) {
            if (!date.isTextual()) {
                return Optional.of("field \"date\" must be a string like 2024-06-19 or 2024-06-19T08:30:00Z");
            }
            try {
                parseDate(date.asText());
            } catch (DateTimeParseException e) {
                return Optional.of("field \"date\" must be a date like 2024-06-19 or an instant like 2024-06-19T08:30:00Z, got '"
                        + date.asText() + "'");
            }
        }
        return Optional.empty();
    }

    /** The article's time: its {@code date} field, else now. */
    private static Instant dateOf(JsonNode node) {
        JsonNode date = node.get("date");
        return date == null || date.isNull() ? Instant.now() : parseDate(date.asText());
    }

    /** An ISO instant, or an ISO date read as noon UTC of that day. */
    private static Instant parseDate(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atTime(12, 0).toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(text);
    }

    private static ObjectNode toJson(String id, Enrichment enrichment, Enricher enricher, boolean explain) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        ArrayNode entities = root.putArray("entities");
        for (Entity entity : enrichment.entities()) {
            ObjectNode node = entities.addObject();
            node.put("type", entity.getType());
            node.put("id", entity.getId());
            node.put("text", entity.getText());
            node.put("sentence", entity.getSentence());
            node.put("country", entity.getCountry());
            node.put("start", entity.getStart());
            node.put("end", entity.getEnd());
        }
        ArrayNode events = root.putArray("events");
        for (Event event : enrichment.events()) {
            ObjectNode node = events.addObject();
            node.put("type", event.getType());
            node.put("trigger", event.getTrigger());
            node.put("sentence", event.getSentence());
            node.put("subtype", event.getSubtype());
            node.put("cameo", event.getCameo());
            ArrayNode actors = node.putArray("actors");
            event.getActors().forEach(actors::add);
        }
        ArrayNode mentions = root.putArray("pairMentions");
        for (PairMention mention : enrichment.pairMentions()) {
            ObjectNode node = mentions.addObject();
            node.put("pair", mention.getPair());
            node.put("sentence", mention.getSentence());
            node.put("trigger", mention.getTrigger());
            node.put("confidence", round(mention.getConfidence()));
        }
        ArrayNode pairs = root.putArray("cooperationPairs");
        enrichment.cooperationPairs().forEach(pairs::add);
        if (explain) {
            ArrayNode candidates = root.putArray("candidates");
            for (Candidate candidate : enrichment.candidates()) {
                ObjectNode node = candidates.addObject();
                node.put("pair", candidate.pair());
                node.put("scope", candidate.scope());
                node.put("sentence", candidate.sentence());
                node.put("first", candidate.first().text() + " (" + candidate.first().code() + ", "
                        + candidate.first().type() + ")");
                node.put("second", candidate.second().text() + " (" + candidate.second().code() + ", "
                        + candidate.second().type() + ")");
                node.put("confidence", round(candidate.confidence()));
                node.put("kept", candidate.confidence() >= enricher.minConfidence());
                ArrayNode evidence = node.putArray("evidence");
                enricher.evidence(candidate).forEach(evidence::add);
            }
        }
        root.put("dictionaryVersion", enricher.dictionaryVersion());
        return root;
    }

    /** Three decimals are what a reader can use; the full double only adds noise to the output. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
