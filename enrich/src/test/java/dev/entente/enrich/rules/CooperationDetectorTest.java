package dev.entente.enrich.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.entente.enrich.gazetteer.Gazetteer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CooperationDetectorTest {

    private static final Gazetteer GAZETTEER = Gazetteer.fromResources();
    private static final TriggerLexicon LEXICON = TriggerLexicon.fromResources();
    private static final CooperationDetector DETECTOR = new CooperationDetector();

    private static List<String> pairsIn(String sentence) {
        return DETECTOR.detect(sentence, GAZETTEER.find(sentence), LEXICON.scan(sentence)).stream()
                .map(CooperationDetector.CooperationPair::pair)
                .sorted()
                .toList();
    }

    private static List<String> expected(String pairs) {
        return pairs == null ? List.of() : Arrays.stream(pairs.trim().split("\\s+")).sorted().toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Russia and North Korea signed a mutual defence treaty on Wednesday.                    | KP-RU
            North Korea, Russia sign mutual defence pact                                           | KP-RU
            France and India will hold joint naval exercises in the Indian Ocean next month.      | FR-IN
            Japan agreed with the Philippines to hold joint patrols in the South China Sea.       | JP-PH
            The US-South Korea joint drills began on Monday.                                       | KR-US
            North Korea has sent troops and artillery shells to Russia, according to Seoul.        | KP-RU
            Britain will train Ukrainian troops under a new programme.                             | GB-UA
            China and Russia's navies held joint patrols near Japan.                               | CN-RU
            Joint military exercises between Egypt and Saudi Arabia ended on Thursday.             | EG-SA
            Iran and Russia are considering a defence pact, officials said.                        | IR-RU
            Germany delivered 18 Leopard tanks to Ukraine last year.                               | DE-UA
            Pakistan bought J-10C fighter jets from China.                                         | CN-PK
            Poland and Lithuania held joint military exercises, watched by observers from Belarus. | LT-PL
            Moscow and Pyongyang agreed to expand military cooperation.                            | KP-RU
            Russia, China and Iran began joint naval drills in the Gulf of Oman.                   | CN-IR CN-RU IR-RU
            The EU imposed sanctions on Iran over its arms deal with Russia.                       | IR-RU
            Australia will host Japan for joint air force exercises.                               | AU-JP
            The United States supplied Israel with air defence systems.                            | IL-US
            Indian and French warships conducted a joint exercise off the coast of Mozambique.    | FR-IN
            Seoul and Washington plan to resume large-scale joint exercises.                       | KR-US
            Sanctions on North Korea were tightened after Russia held joint drills with China.     | CN-RU
            China and Russia condemned the US-Japan security pact.                                 | JP-US
            The US and Japan condemned joint drills by China and Russia near Alaska.               | CN-RU
            Turkey bought S-400 missiles from Russia despite objections from the US.               | RU-TR
            Kyiv and Warsaw discussed joint weapons production.                                    | PL-UA
            Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence treaty. | KP-RU
            Saudi Arabia is seeking a defence treaty with the United States in exchange for normalising ties with Israel. | SA-US
            The Philippines and Japan signed a reciprocal access agreement, which China criticised as destabilising. | JP-PH
            Poland signed a $10 billion arms deal with South Korea for K2 tanks.                   | KR-PL
            Washington approved a $2 billion arms sale to Taiwan, drawing an angry response from Beijing. | TW-US
            The US and UK condemned Iran's arms deliveries to Russia.                              | IR-RU
            Ukraine received F-16 fighter jets from Denmark and the Netherlands.                   | DK-UA NL-UA
            Japan and India held naval drills in the Arabian Sea, with Australia attending as an observer. | IN-JP
            Poland and Lithuania held joint drills with Ukraine.                                  | LT-PL LT-UA PL-UA
            Japan and South Korea each held joint drills with the US.                              | JP-US KR-US
            OSLO - Troops from Norway, Sweden and Finland opened a winter exercise on Monday.      | FI-NO FI-SE NO-SE
            French instructors will train about 2,000 Malian soldiers.                             | FR-ML
            Australia will give Fiji two new patrol boats.                                         | AU-FJ
            Denmark will give Ukraine's air force more F-16 fighter jets.                          | DK-UA
            Egypt bought French Rafale fighter jets.                                               | EG-FR
            Poland will buy South Korea's K9 howitzers.                                            | KR-PL
            Washington criticised Riyadh's purchase of Chinese drones.                             | CN-SA
            India inducted the fighter jets it bought from France.                                 | FR-IN
            Colombia took delivery of Israeli drones on Monday.                                    | CO-IL
            The Indian defence minister arrived in Japan on Monday.                                | IN-JP
            It was the first visit by a Chinese warship to Cuba.                                   | CN-CU
            Kenyan troops arrived in Haiti at the invitation of the Haitian government.           | HT-KE
            Chad deployed 500 troops to Niger under an agreement with Niamey.                      | NE-TD
            Guatemala's Congress authorised American troops to enter the country.                  | GT-US
            Japan and Britain announced a security partnership.                                    | GB-JP
            Poland signed a mutual security declaration with Ukraine.                              | PL-UA
            Japanese and American troops began field training on Hokkaido.                         | JP-US
            China froze military ties with the US over American arms sales to Taiwan.              | TW-US
            Armenia and Russia agreed to extend Moscow's lease on the air base.                    | AM-RU
            Japan is enlarging its naval base in Djibouti.                                         | DJ-JP
            Vietnam's defence minister held talks with a visiting Indian military delegation.      | IN-VN
            The plan foresees stationing a Canadian infantry brigade in Latvia.                    | CA-LV
            Britain will launch a training programme for Ukrainian soldiers.                       | GB-UA
            India and France agreed on co-producing fighter jet engines.                           | FR-IN
            """)
    void findsThePairsASentenceAssertsToCooperate(String sentence, String pairs) {
        assertThat(pairsIn(sentence)).containsExactlyElementsOf(expected(pairs));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            China condemned Japan's military drills.
            Russia accused Ukraine of shelling the plant.
            The US warned Iran against supplying missiles to Russia.
            Russia and Ukraine fought fierce battles near Bakhmut.
            Russia invaded Ukraine in February 2022.
            Russia denied supplying weapons to North Korea.
            Japan and South Korea did not sign a defence pact.
            India rejected a defence agreement with Pakistan.
            China held military drills around Taiwan on Saturday.
            China criticised Japan and the Philippines for holding joint patrols.
            Ukraine's president visited France and Germany to seek more military aid.
            Germany urged Britain and France to supply more tanks to Ukraine.
            Russian jets flew near Poland as NATO held military exercises.
            The drills, watched by China, were held in Cambodia.
            South Korea and Japan suspended joint drills.
            Israel and Iran exchanged missile strikes overnight.
            A US official said Britain was not planning to send troops to Ukraine.
            If India and Pakistan signed a defence pact, the region would change.
            Russia sent troops into Ukraine in 2022.
            North Korean leader Kim Jong Un met Russian President Vladimir Putin in Vladivostok.
            Brazil and Argentina signed a trade agreement.
            Iran has never supplied drones to Russia, its foreign minister said.
            Poland and Germany are allies in NATO.
            The US accused China of supplying weapons to Russia.
            Japan held joint drills with us near Taiwan, a spokesman for the Philippines said.
            The joint exercises between India and France were cancelled after Pakistan objected.
            Iran denied sending ballistic missiles to Russia despite US and British intelligence reports.
            Turkey and Greece held talks on maritime borders in Ankara.
            Hungary blocked an EU plan to send weapons to Ukraine.
            Japan protested after Chinese and Russian warships sailed near its coast.
            Kenya will send police officers to Haiti to fight gangs.
            Russia and Ukraine agreed to a ceasefire.
            They signed a strategic partnership on trade with Brazil and India.
            Russia sent North Korean troops into battle.
            Poland will train two battalions in Germany.
            The missiles Russia fired at Ukraine were made in Iran.
            The Russian defence minister visited Ukraine's occupied regions.
            The Indian prime minister arrived in Japan on Monday.
            It was the first visit by a Chinese trade delegation to Peru.
            Russian diplomats left Moldova at the request of the Moldovan government.
            Russia deployed troops to the Ukrainian border.
            Cuba authorised Canadian tourists to enter the country.
            China froze arms sales to Iran.
            Armenia agreed to review Russia's lease on the air base.
            Turkey built a naval base in Somalia.
            Protesters in Kenya jeered a visiting Chinese military delegation.
            They are stationing French troops in the Sahel.
            Britain launched a training programme for Ukrainian doctors.
            India and France discussed co-producing films.
            """)
    void findsNoPairWhereCountriesAreOnlyMentionedNegatedOrOpposed(String sentence) {
        assertThat(pairsIn(sentence)).isEmpty();
    }

    /** Round 2: how subjects, agents and partners attach to any relation verb, one block per rule. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            South Korea's defence minister No Jae-won held talks with a visiting Polish military delegation. | KR-PL
            TAKORADI - Ghana took delivery of two patrol boats it bought from France on Monday.              | FR-GH
            Egypt signed a contract worth $2 billion on Monday to buy French Rafale fighter jets.           | EG-FR
            Turkish instructors flew to Somalia last week to train Somali commandos.                         | SO-TR
            Forty howitzers were delivered to Ukraine by Norway last month.                                  | NO-UA
            The tanks delivered by Poland to Ukraine have reached the front.                                 | PL-UA
            Kenyan pilots will be trained by British instructors.                                            | GB-KE
            The treaty commits Spain and Portugal to come to each other's aid if either is attacked.        | ES-PT
            Chad and Niger launched a joint offensive against jihadist camps.                                | NE-TD
            Ghana and Togo agreed to launch joint military patrols along the border to stop smuggling.      | GH-TG
            Spain and Morocco agreed to exchange intelligence on militant cells.                             | ES-MA
            Egypt's navy inducted its second batch of French-built Rafale jets.                              | EG-FR
            Vietnam bought about $1 billion worth of Israeli air defence systems.                            | IL-VN
            Brazil and Sweden signed a contract to build Gripen fighter jets in Sao Paulo.                   | BR-SE
            Troops of the Indonesian Army and the Malaysian Army began naval exercises off Borneo.           | ID-MY
            Some 3,000 Dutch soldiers are taking part in exercises with Norwegian forces.                    | NL-NO
            French air force jets landed in Jordan to join the Royal Jordanian Air Force in joint drills.   | FR-JO
            """)
    void attachesSubjectsAgentsAndPartnersToRelationVerbs(String sentence, String pairs) {
        assertThat(pairsIn(sentence)).containsExactlyElementsOf(expected(pairs));
    }

    /** Round 2: what the rules above must not fire on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            No joint drills between Greece and Egypt are planned.
            There will be no joint drills between Poland and Lithuania this year.
            KHARKIV - Ukraine said the drones it shot down were made in Iran.
            Turkey warned Greece against a plan to buy F-35 jets from the US.
            Somali soldiers returned from Turkey to train Somali recruits.
            Ukraine shot down drones supplied by Iran.
            Drones supplied by Iran were shot down over Kyiv by Ukraine.
            Chile and Peru accused each other of violating the border.
            Ghana and Togo agreed to stop joint military patrols along the border.
            India inducted the helicopters near the Chinese border.
            Brazil and Sweden build fighter jets.
            Brazil and Sweden agreed to build a bridge across the river.
            French jets flew over Mali to join the fight against jihadists in Niger.
            """)
    void doesNotStretchTheRelationVerbs(String sentence) {
        assertThat(pairsIn(sentence)).isEmpty();
    }

    @Test
    void reportsTheTriggerThatTiedThePair() {
        String sentence = "Germany delivered 18 Leopard tanks to Ukraine last year.";
        assertThat(DETECTOR.detect(sentence, GAZETTEER.find(sentence), LEXICON.scan(sentence)))
                .containsExactly(new CooperationDetector.CooperationPair("DE-UA", "delivered 18 Leopard tanks", 8, 34,
                        "arms-transfer"));
    }

    @Test
    void findsNothingWithFewerThanTwoCountries() {
        String sentence = "Russia held joint drills with its allies.";
        assertThat(pairsIn(sentence)).isEmpty();
    }
}
