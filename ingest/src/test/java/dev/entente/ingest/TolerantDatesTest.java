package dev.entente.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TolerantDatesTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Tue, 10 Jun 2003 04:00:00 GMT        | 2003-06-10T04:00:00Z
            Tue, 10 Jun 03 04:00:00 GMT          | 2003-06-10T04:00:00Z
            Thu, 10 Jun 99 04:00:00 GMT          | 1999-06-10T04:00:00Z
            10 Jun 2003 04:00:00 GMT             | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00 GMT           | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 EDT        | 2003-06-10T08:00:00Z
            Sun, 1 Jun 2003 04:00:00 PST         | 2003-06-01T12:00:00Z
            Tue, 10 Jun 2003 04:00:00 CEST       | 2003-06-10T02:00:00Z
            Tue, 10 Jun 2003 04:00:00 Z          | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 UT         | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 +0000      | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 +0530      | 2003-06-09T22:30:00Z
            Tue, 10 Jun 2003 04:00:00 -03:00     | 2003-06-10T07:00:00Z
            Tue, 10 Jun 2003 04:00:00 GMT+2      | 2003-06-10T02:00:00Z
            Tue, 10 Jun 2003 04:00:00            | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 +0000 (UTC) | 2003-06-10T04:00:00Z
            tue, 10 jun 2003 04:00:00 gmt        | 2003-06-10T04:00:00Z
            '  Tue,  10 Jun  2003   04:00:00 GMT ' | 2003-06-10T04:00:00Z
            Tuesday, 10 June 2003 04:00:00 GMT   | 2003-06-10T04:00:00Z
            Tue 10 Sept. 2003 4:05:06 GMT        | 2003-09-10T04:05:06Z
            Tue, 10-Jun-2003 04:00:00 GMT        | 2003-06-10T04:00:00Z
            2003                                 | 2003-01-01T00:00:00Z
            2003-06                              | 2003-06-01T00:00:00Z
            2003-06-10                           | 2003-06-10T00:00:00Z
            2003-06-10T04:00Z                    | 2003-06-10T04:00:00Z
            2003-06-10T04:00:00                  | 2003-06-10T04:00:00Z
            2003-06-10 04:00:00                  | 2003-06-10T04:00:00Z
            2003-06-10t04:00:00z                 | 2003-06-10T04:00:00Z
            2003-06-10T04:00:00.123+02:00        | 2003-06-10T02:00:00.123Z
            2003-06-10T04:00:00.123456Z          | 2003-06-10T04:00:00.123456Z
            2003-06-10T04:00:00,5Z               | 2003-06-10T04:00:00.500Z
            2003-06-10T04:00:00+0200             | 2003-06-10T02:00:00Z
            2003-06-10T04:00:00-05               | 2003-06-10T09:00:00Z
            2003-06-10T04:00:00 +02:00           | 2003-06-10T02:00:00Z
            2999-01-01T00:00:00Z                 | 2999-01-01T00:00:00Z
            """)
    void readsTheDatesFeedsWrite(String text, String expected) {
        assertThat(TolerantDates.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "yesterday", "Tue, 10 Foo 2003 04:00:00 GMT", "Tue, 10 Jun 2003 04:00:00 XYZ",
            "Tue, 31 Feb 2003 04:00:00 GMT", "Tue, 10 Jun 2003 25:00:00 GMT", "2003-13-01", "2003-02-30T00:00:00Z",
            "2003-06-10T04:00:00+19:00", "10/06/2003", "1055217600"})
    void readsNothingFromTextThatIsNotADate(String text) {
        assertThat(TolerantDates.parse(text)).isEmpty();
    }
}
