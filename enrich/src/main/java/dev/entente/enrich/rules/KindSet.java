package dev.entente.enrich.rules;

import dev.entente.enrich.rules.TriggerLexicon.Kind;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable set of lexicon kinds held in one bit mask. It equals, hashes and prints like any other set of the
 * same kinds (iteration in declaration order, as an {@link java.util.EnumSet}); it exists because the lexicon and
 * the detector test a cue's kinds many times per sentence, and an unmodifiable view of a fresh
 * {@code EnumSet} per cue cost an allocation per cue and an extra call per test.
 */
final class KindSet extends AbstractSet<Kind> {

    private static final Kind[] KINDS = Kind.values();

    private final long bits;

    private KindSet(long bits) {
        this.bits = bits;
    }

    /** The kinds of {@code kinds}, without copying when it is already a {@code KindSet}. */
    static KindSet of(Collection<Kind> kinds) {
        if (kinds instanceof KindSet set) {
            return set;
        }
        long bits = 0;
        for (Kind kind : kinds) {
            bits |= 1L << kind.ordinal();
        }
        return new KindSet(bits);
    }

    /** Whether this set and {@code other} share a kind. */
    boolean intersects(KindSet other) {
        return (bits & other.bits) != 0;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Kind kind && (bits & (1L << kind.ordinal())) != 0;
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        if (c instanceof KindSet other) {
            return (other.bits & ~bits) == 0;
        }
        return super.containsAll(c);
    }

    @Override
    public int size() {
        return Long.bitCount(bits);
    }

    @Override
    public boolean isEmpty() {
        return bits == 0;
    }

    @Override
    public Iterator<Kind> iterator() {
        return new Iterator<>() {
            private long left = bits;

            @Override
            public boolean hasNext() {
                return left != 0;
            }

            @Override
            public Kind next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                int ordinal = Long.numberOfTrailingZeros(left);
                left &= left - 1;
                return KINDS[ordinal];
            }
        };
    }
}
