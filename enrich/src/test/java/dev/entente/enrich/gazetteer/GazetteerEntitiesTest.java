package dev.entente.enrich.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerEntitiesTest {

    private static final Gazetteer GAZETTEER = Gazetteer.fromResources();
    private static final LocalDate IN_2022 = LocalDate.parse("2022-05-10");
    private static final LocalDate IN_2025 = LocalDate.parse("2025-06-01");
    private static final LocalDate IN_2026 = LocalDate.parse("2026-06-01");

    private static List<String> typed(String text, LocalDate date) {
        return GAZETTEER.match(text, date).stream()
                .map(m -> m.text() + ":" + m.type() + ":" + m.country() + (m.actor() ? "" : ":passive"))
                .toList();
    }

    @Test
    void readsALeaderAsHisCountryOnlyDuringHisTermOfOffice() {
        assertThat(typed("Trump met Shoigu.", IN_2022))
                .containsExactly("Trump:person::passive", "Shoigu:leader:RU");
        assertThat(typed("Trump met Belousov.", IN_2025))
                .containsExactly("Trump:leader:US", "Belousov:leader:RU");
        assertThat(typed("Belousov spoke.", IN_2022)).containsExactly("Belousov:person::passive");
    }

    @Test
    void readsAFormerOfficeHolderAsAPerson() {
        assertThat(typed("Former chancellor Scholz spoke.", IN_2022)).containsExactly("Scholz:person::passive");
    }

    @Test
    void tagsOrganisationsOutletsAndAgenciesButNeverAsActors() {
        assertThat(typed("NATO and the European Union met, The Washington Post and KCNA reported.", IN_2025))
                .containsExactly("NATO:organisation::passive", "European Union:organisation::passive",
                        "The Washington Post:outlet::passive", "KCNA:agency:KP:passive");
    }

    @Test
    void readsSeatsOfGovernmentAndArmedForcesAsActorsForTheirCountry() {
        assertThat(typed("The Kremlin, the Pentagon, the Elysee and the PLA", IN_2025))
                .containsExactly("Kremlin:institution:RU", "Pentagon:institution:US", "Elysee:institution:FR",
                        "PLA:institution:CN");
    }

    @Test
    void readsCountryNamesNextToPersonalNamesAsPeople() {
        assertThat(GAZETTEER.find("Michael Jordan and Chad Johnson visited Denzel Washington.")).isEmpty();
        assertThat(typed("Jordan and Chad signed a pact.", IN_2025))
                .containsExactly("Jordan:country:JO", "Chad:country:TD");
        assertThat(typed("Georgia lawmakers met in Atlanta, Georgia.", IN_2025)).isEmpty();
    }

    @Test
    void leavesAmbiguousFormsWithTheirCandidates() {
        EntityMention korea = GAZETTEER.match("Korea", IN_2025).get(0);
        assertThat(korea.type()).isEqualTo("ambiguous");
        assertThat(korea.candidates()).containsExactly("KP", "KR");
        assertThat(korea.actor()).isFalse();
    }

    /** A user dictionary of the given lines, each ended by a newline. */
    private static Path userFile(Path dir, String... lines) throws IOException {
        Path user = dir.resolve("mine.tsv");
        Files.writeString(user, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return user;
    }

    @Test
    void mergesAUserDictionaryOverTheBundledOne(@TempDir Path dir) throws IOException {
        Path user = userFile(dir,
                "# my additions",
                "code\tnames\tdemonyms\tcapitals\tblocked",
                "RU\tRussland|Rossiya\t\t\t",
                "JO\t\t\t\tJordan");
        Gazetteer merged = Gazetteer.fromResources(Optional.of(user));

        assertThat(merged.find("Rossiya and Russia")).extracting(CountryMention::code).containsExactly("RU", "RU");
        assertThat(merged.find("Jordan and Chad")).extracting(CountryMention::code).containsExactly("TD");
        assertThat(merged.formsOf("RU")).contains("Russland", "Moscow");
        assertThat(merged.version()).isNotEqualTo(GAZETTEER.version());
    }

    @Test
    void readsEntityAndLeaderTablesOfAUserDictionary(@TempDir Path dir) throws IOException {
        Path user = userFile(dir,
                "# a new defence minister, a joint command and an outlet",
                "id\tnames\tcountry\trole\tstart\tend",
                "ines-varga\tInes Varga|Varga\tHU\tdefence minister\t2026-05-01\t",
                "",
                "id\ttype\tcountry\tnames",
                "northern-command\tinstitution\tNO\tNorthern Joint Command",
                "baltic-wire\toutlet\t\tBaltic Wire",
                "code\tnames\tdemonyms\tcapitals\tblocked",
                "LV\tLatvija\t\t\t");
        Gazetteer merged = Gazetteer.fromResources(Optional.of(user));

        assertThat(merged.match("Varga met the Northern Joint Command, Baltic Wire said, in Latvija.", IN_2026)).extracting(
                        m -> m.text() + ":" + m.type() + ":" + m.country() + (m.actor() ? "" : ":passive"))
                .containsExactly("Varga:leader:HU", "Northern Joint Command:institution:NO", "Baltic Wire:outlet::passive",
                        "Latvija:country:LV");
        assertThat(merged.match("Varga spoke.", IN_2025)).extracting(EntityMention::type).containsExactly("person");
    }

    @Test
    void aUserLeaderRowReplacesTheBundledTermsOfThatName(@TempDir Path dir) throws IOException {
        Path user = userFile(dir,
                "id\tnames\tcountry\trole\tstart\tend",
                "belousov\tBelousov\tRU\tdefence minister\t2024-05-14\t2025-01-01");
        Gazetteer merged = Gazetteer.fromResources(Optional.of(user));

        assertThat(merged.match("Belousov spoke.", IN_2025)).extracting(EntityMention::type).containsExactly("person");
        assertThat(GAZETTEER.match("Belousov spoke.", IN_2025)).extracting(EntityMention::type).containsExactly("leader");
    }

    @Test
    void namesTheLineOfABadRowInALaterTableOfAUserDictionary(@TempDir Path dir) throws IOException {
        Path user = userFile(dir,
                "code\tnames\tdemonyms\tcapitals\tblocked",
                "LV\tLatvija\t\t\t",
                "",
                "id\ttype\tcountry\tnames",
                "something\tfleet\tNO\tThe Fleet");

        assertThatThrownBy(() -> Gazetteer.fromResources(Optional.of(user)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(user + " line 5: unknown type 'fleet'");
    }

    @Test
    void refusesAUserDictionaryThatStartsWithoutAHeader(@TempDir Path dir) throws IOException {
        Path user = userFile(dir, "# mine", "LV\tLatvija\t\t\t");

        assertThatThrownBy(() -> Gazetteer.fromResources(Optional.of(user)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(user + " line 2: expected one of the headers 'code\tnames");
    }

    @Test
    void namesTheFileAndLineOfABadUserDictionary(@TempDir Path dir) throws IOException {
        Path user = userFile(dir, "code\tnames\tdemonyms\tcapitals\tblocked", "XX\tNowhere\t\t\t");

        assertThatThrownBy(() -> Gazetteer.fromResources(Optional.of(user)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(user + " line 2: 'XX' is not an ISO 3166-1 alpha-2 code");
    }
}
