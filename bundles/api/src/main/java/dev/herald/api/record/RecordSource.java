package dev.herald.api.record;

import java.io.Closeable;
import java.io.IOException;

/** The reading engine behind a {@link RecordReader}, one per family of layouts. */
interface RecordSource extends Closeable {

    /** The next entry, or null at the end of the input. */
    RecordEntry next() throws IOException;

    /** Moves past every entry numbered up to {@code number}, without parsing where it can. */
    void skipThrough(long number) throws IOException;
}
