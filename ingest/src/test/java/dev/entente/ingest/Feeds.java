package dev.entente.ingest;

import java.nio.charset.StandardCharsets;

/** Small feed documents written for these tests. */
final class Feeds {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel>
                <title>World desk</title>
                <link>https://news.example.org/world/</link>
                <description>World news</description>
                <language>en-gb</language>
                <item>
                  <title>Ministers &lt;b&gt;meet&lt;/b&gt; in Kyiv</title>
                  <link>https://News.Example.org/world/ministers-meet?utm_source=rss#top</link>
                  <description><![CDATA[<p>France and Ukraine agreed on training.</p><script>track()</script><p>More talks follow.</p>]]></description>
                  <content:encoded><![CDATA[<div>Full &amp; final <b>text</b>.</div>]]></content:encoded>
                  <pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate>
                </item>
                <item>
                  <title>Relative link</title>
                  <link>drills-announced</link>
                  <description>Plain description.</description>
                </item>
                <item>
                  <title>Only a guid</title>
                  <guid isPermaLink="false">urn:example:item-3</guid>
                </item>
                <item>
                  <title>Neither link nor guid</title>
                  <description>Identified by what it says.</description>
                </item>
              </channel>
            </rss>
            """;

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
              <title>Atom desk</title>
              <link href="https://atom.example.org/"/>
              <id>urn:example:atom-desk</id>
              <updated>2025-06-03T10:00:00Z</updated>
              <entry>
                <title type="text">Tanks &lt;and&gt; talks</title>
                <link rel="alternate" href="https://atom.example.org/a/1"/>
                <id>urn:example:atom-1</id>
                <updated>2025-06-03T10:00:00Z</updated>
                <summary type="html">&lt;p&gt;Summary &amp;amp; more&lt;/p&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two</p></div></content>
              </entry>
              <entry>
                <title>Second</title>
                <id>urn:example:atom-2</id>
                <published>2025-06-01T08:00:00Z</published>
                <updated>2025-06-02T08:00:00Z</updated>
              </entry>
            </feed>
            """;

    /** A billion-laughs style document that also tries to read a local file. */
    static final String ENTITY_BOMB = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY secret SYSTEM "file:///etc/passwd">
            ]>
            <rss version="2.0"><channel><title>&c;&secret;</title><link>https://example.org/</link>
            <description>x</description></channel></rss>
            """;

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Feeds() {}
}
