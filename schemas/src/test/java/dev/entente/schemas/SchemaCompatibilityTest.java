package dev.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema of every released version can still be read by the current schema, so consumers
 * that upgrade read what older producers wrote. A release adds its .avsc files under
 * {@code released/<version>/} and this test keeps them in force.
 */
class SchemaCompatibilityTest {

    private static final List<String> RELEASES = List.of("0.1.0");

    static List<Object[]> releasedSchemas() {
        return RELEASES.stream()
                .flatMap(version -> List.of(
                        new Object[] {version, RawArticle.getClassSchema()},
                        new Object[] {version, EnrichedArticle.getClassSchema()},
                        new Object[] {version, PairCount.getClassSchema()}).stream())
                .toList();
    }

    @ParameterizedTest(name = "{1} reads what {0} wrote")
    @MethodSource("releasedSchemas")
    void currentSchemaReadsRecordsOfEachReleasedVersion(String version, Schema current) throws IOException {
        Schema released = released(version, current.getName());

        var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        assertThat(result.getType())
                .as("%s of %s: %s", current.getName(), version, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema released(String version, String name) throws IOException {
        String path = "released/" + version + "/" + name + ".avsc";
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(path)) {
            assertThat(in).as("released schema %s", path).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
