package dev.entente.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The committed pair scorer is the one its labelled data and code train, byte for byte. */
class PairScorerModelTest {

    @Test
    void theCommittedModelIsTheOneTheDataTrains() throws Exception {
        String trained = PairScorerTrainer.train(new PrintStream(OutputStream.nullOutputStream()));
        String committed = Files.readString(PairScorerTrainer.MODEL, StandardCharsets.UTF_8);

        assertThat(committed)
                .as("pair-scorer.tsv is stale: retrain it with mvn -q -pl enrich -am -Ptrain process-test-classes")
                .isEqualTo(trained);
    }
}
