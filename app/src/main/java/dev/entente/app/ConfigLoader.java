package dev.entente.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.entente.ingest.FeedSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the YAML configuration of CONTRACTS.md. Every problem is reported as a
 * {@link ConfigException} naming the file and the field, e.g. {@code feeds[1].interval}.
 */
public final class ConfigLoader {

    static final String ENV_BOOTSTRAP = "ENTENTE_KAFKA_BOOTSTRAP_SERVERS";
    static final String ENV_API_PORT = "ENTENTE_API_PORT";
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private static final Set<String> TOP_LEVEL = Set.of("kafka", "embedded", "api", "streams", "feeds");
    private static final Set<String> FEED_FIELDS = Set.of("id", "url", "interval", "enabled");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Reads the file, applies the environment overrides and validates the result. */
    public EntenteConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        EntenteConfig config = parse(text, file.toString());
        return new EntenteConfig(config.kafka(), config.embedded(), config.api(), config.streams(), config.feeds(),
                java.util.Optional.of(file));
    }

    /** The defaults with the environment overrides applied, for commands run without a file. */
    public EntenteConfig defaults() {
        return parse("{}", "defaults");
    }

    EntenteConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        Fields f = new Fields(source, lines(yaml));
        f.requireObject(root, "the top level");
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw f.error(name, "unknown section; expected one of kafka, embedded, api, streams, feeds");
            }
        }

        Map<String, String> kafka = f.properties(root.path("kafka"), "kafka");
        if (env.containsKey(ENV_BOOTSTRAP) && !env.get(ENV_BOOTSTRAP).isBlank()) {
            kafka.put("bootstrap.servers", env.get(ENV_BOOTSTRAP));
        }
        JsonNode embeddedNode = root.path("embedded");
        f.allowOnly(embeddedNode, "embedded", Set.of("port", "dataDir"));
        EntenteConfig.Embedded embedded = new EntenteConfig.Embedded(
                f.port(embeddedNode.path("port"), "embedded.port", EntenteConfig.DEFAULT_EMBEDDED_PORT),
                Path.of(f.text(embeddedNode.path("dataDir"), "embedded.dataDir", EntenteConfig.DEFAULT_DATA_DIR.toString())));

        JsonNode apiNode = root.path("api");
        f.allowOnly(apiNode, "api", Set.of("bind", "port"));
        int apiPort = f.port(apiNode.path("port"), "api.port", EntenteConfig.DEFAULT_API_PORT);
        if (env.containsKey(ENV_API_PORT)) {
            apiPort = f.port(YAML.getNodeFactory().textNode(env.get(ENV_API_PORT)), ENV_API_PORT, apiPort);
        }
        EntenteConfig.Api api = new EntenteConfig.Api(
                f.text(apiNode.path("bind"), "api.bind", EntenteConfig.DEFAULT_API_BIND), apiPort);

        Map<String, String> streams = f.properties(root.path("streams"), "streams");
        List<FeedSpec> feeds = feeds(root.path("feeds"), f);
        return new EntenteConfig(kafka, embedded, api, streams, feeds);
    }

    private static List<FeedSpec> feeds(JsonNode node, Fields f) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw f.error("feeds", "must be a list of feeds, each with id and url");
        }
        List<FeedSpec> feeds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "feeds[" + i + "]";
            JsonNode feed = node.get(i);
            f.requireObject(feed, field);
            f.allowOnly(feed, field, FEED_FIELDS);
            String id = f.required(feed.path("id"), field + ".id");
            String url = f.required(feed.path("url"), field + ".url");
            Duration interval = f.duration(feed.path("interval"), field + ".interval", DEFAULT_INTERVAL);
            boolean enabled = f.bool(feed.path("enabled"), field + ".enabled", true);
            if (!ids.add(id)) {
                throw f.error(field + ".id", "'" + id + "' is used by another feed; ids must be unique");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw f.error(field + ".url", "'" + url + "' is not a URL: " + e.getReason());
            }
            try {
                feeds.add(new FeedSpec(id, uri, interval, enabled));
            } catch (IllegalArgumentException e) {
                throw f.error(field, e.getMessage());
            }
        }
        return feeds;
    }

    /**
     * The line of every value in the document, by JSON pointer ({@code /feeds/1/interval}), so that a
     * problem found in the tree can name the line it is on.
     */
    private static Map<String, Integer> lines(String yaml) {
        Map<String, Integer> lines = new java.util.HashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                        parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // The document was read as a tree already; without positions, messages just omit the line.
            return lines;
        }
        return lines;
    }

    /** Reads typed fields and words each problem the same way: {@code file:LINE: field: problem}. */
    private record Fields(String source, Map<String, Integer> lines) {

        ConfigException error(String field, String problem) {
            String line = lineOf(field).map(n -> ":" + n).orElse("");
            return new ConfigException(source + line + ": " + field + ": " + problem);
        }

        /** The line of {@code feeds[1].interval}, or of the nearest enclosing value that has one. */
        private java.util.Optional<Integer> lineOf(String field) {
            String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
            while (!pointer.isEmpty()) {
                Integer line = lines.get(pointer);
                if (line != null) {
                    return java.util.Optional.of(line);
                }
                pointer = pointer.substring(0, pointer.lastIndexOf('/'));
            }
            return java.util.Optional.empty();
        }

        void requireObject(JsonNode node, String field) {
            if (!node.isObject()) {
                throw error(field, "must be a mapping of keys to values");
            }
        }

        void allowOnly(JsonNode node, String field, Set<String> allowed) {
            if (node.isMissingNode() || node.isNull()) {
                return;
            }
            requireObject(node, field);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(field + "." + name, "unknown key; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        String required(JsonNode node, String field) {
            if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
                throw error(field, "is required");
            }
            if (!node.isValueNode()) {
                throw error(field, "must be a single value");
            }
            return node.asText();
        }

        String text(JsonNode node, String field, String fallback) {
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            return required(node, field);
        }

        int port(JsonNode node, String field, int fallback) {
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            String text = required(node, field);
            try {
                int port = Integer.parseInt(text.strip());
                if (port < 0 || port > 65535) {
                    throw error(field, "'" + text + "' is not a port (0 to 65535)");
                }
                return port;
            } catch (NumberFormatException e) {
                throw error(field, "'" + text + "' is not a port (0 to 65535)");
            }
        }

        boolean bool(JsonNode node, String field, boolean fallback) {
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw error(field, "must be true or false, got '" + node.asText() + "'");
            }
            return node.booleanValue();
        }

        Duration duration(JsonNode node, String field, Duration fallback) {
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            String text = required(node, field).strip();
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw error(field, "'" + text + "' is not a duration like 30s, 5m, 1h or 1d");
            }
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw error(field, "'" + text + "' is too short; poll at most once a second");
            }
            return d;
        }

        /** Flattens nested keys to Kafka's dotted names, so {@code bootstrap: {servers: x}} works too. */
        Map<String, String> properties(JsonNode node, String field) {
            Map<String, String> props = new LinkedHashMap<>();
            if (node.isMissingNode() || node.isNull()) {
                return props;
            }
            requireObject(node, field);
            flatten(node, "", field, props);
            return props;
        }

        private void flatten(JsonNode node, String prefix, String field, Map<String, String> into) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix + e.getKey();
                JsonNode value = e.getValue();
                if (value.isObject()) {
                    flatten(value, key + ".", field, into);
                } else if (value.isValueNode() && !value.isNull()) {
                    into.put(key, value.asText());
                } else {
                    throw error(field + "." + key, "must be a single value");
                }
            }
        }
    }
}
