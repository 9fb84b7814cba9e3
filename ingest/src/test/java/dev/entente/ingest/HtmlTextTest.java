package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void dropsScriptsAndStyles() {
        String html = "<style>p { color: red }</style><p>Talks resumed.</p><script>alert('x')</script>";

        assertThat(HtmlText.toPlainText(html)).isEqualTo("Talks resumed.");
    }

    @Test
    void keepsParagraphsSeparatedByABlankLine() {
        String html = "<h1>Summit</h1><p>First   paragraph\n spans lines.</p><div>Second</div>"
                + "<ul><li>one</li><li>two</li></ul>line<br>break<blockquote>quoted</blockquote>";

        assertThat(HtmlText.toPlainText(html))
                .isEqualTo("Summit\n\nFirst paragraph spans lines.\n\nSecond\n\none\n\ntwo\n\nline\n\nbreak\n\nquoted");
    }

    @Test
    void keepsInlineElementsInTheirSentence() {
        assertThat(HtmlText.toPlainText("Ministers <b>met</b> in <a href=\"/x\">Kyiv</a>."))
                .isEqualTo("Ministers met in Kyiv.");
    }

    @Test
    void decodesEntities() {
        assertThat(HtmlText.toPlainText("Fish &amp; chips &lt;3 &eacute;t&eacute;&nbsp;&#8212; fin"))
                .isEqualTo("Fish & chips <3 été — fin");
    }

    @Test
    void normalisesTheWhitespaceOfPlainText() {
        assertThat(HtmlText.toPlainText("  Plain\ttext \n with   spaces  ")).isEqualTo("Plain text with spaces");
    }

    @Test
    void givesEmptyTextForNullOrBlankInput() {
        assertThat(HtmlText.toPlainText(null)).isEmpty();
        assertThat(HtmlText.toPlainText("  \n ")).isEmpty();
        assertThat(HtmlText.toPlainText("<p> </p><div></div>")).isEmpty();
    }
}
