package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Scanner;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;

class Html4EntitiesTest {

    @Test
    void holdsThe252EntitiesOfHtml401AsJsoupKnowsThem() {
        assertThat(Html4Entities.size()).isEqualTo(252);
        // HTML5, and so jsoup, moved the angle brackets to U+27E8/U+27E9.
        Map<String, Integer> html4Only = Map.of("lang", 0x2329, "rang", 0x232A);
        for (String name : names()) {
            int expected = html4Only.getOrDefault(name, Entities.getByName(name).codePointAt(0));
            assertThat(Html4Entities.codePoint(name)).as(name).contains(expected);
        }
    }

    @Test
    void writesKnownReferencesAsCharacterReferencesOutsideCdataAndComments() {
        String xml = "<t a=\"&eacute;\">&uuml;&amp;&nbsp;&unknown;&#233;&amp;uuml;<![CDATA[&uuml;]]><!--&uuml;--></t>";

        assertThat(Html4Entities.toNumeric(xml))
                .isEqualTo("<t a=\"&#233;\">&#252;&amp;&#160;&unknown;&#233;&amp;uuml;<![CDATA[&uuml;]]><!--&uuml;--></t>");
    }

    private static List<String> names() {
        return new Scanner(Html4Entities.class.getResourceAsStream("html4-entities.txt"), "UTF-8")
                .useDelimiter("\n").tokens().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(" ")[0]).toList();
    }
}
