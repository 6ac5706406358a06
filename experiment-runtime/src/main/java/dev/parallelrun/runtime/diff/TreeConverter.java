package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns values into Jackson trees through an application's mapper, as {@code ObjectMapper.valueToTree} does,
 * but through a {@link DepthLimitedGenerator} so that a cycle fails fast instead of overflowing the stack. The
 * mapper is only read, never reconfigured.
 */
final class TreeConverter {

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final int maxDepth;

    TreeConverter(ObjectMapper mapper, int maxDepth) {
        this.mapper = mapper;
        // as valueToTree: no root wrapper; and never close a value that happens to be Closeable
        this.writer = mapper.writer()
                .without(SerializationFeature.WRAP_ROOT_VALUE)
                .without(SerializationFeature.CLOSE_CLOSEABLE);
        // keep a BigDecimal's scale: 19.90 is published as 19.90 (not 19.9, nor 2E+1 for 20.0), and the exact
        // comparison of trees can tell 1.10 from 1.1 (numbers still compare by value otherwise)
        this.reader = mapper.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.maxDepth = maxDepth;
    }

    /**
     * The tree of {@code value}.
     *
     * @throws Exception whatever serializing it threw: the caller falls back to {@code equals} and {@code toString}
     */
    JsonNode toTree(@Nullable Object value) throws Exception {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode tree) {
            return tree;
        }
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        writer.writeValue(new DepthLimitedGenerator(buffer, maxDepth), value);
        try (JsonParser parser = buffer.asParser(mapper)) {
            JsonNode tree = reader.readTree(parser);
            return tree == null ? MissingNode.getInstance() : tree;
        }
    }

    /** What to report as the cause of a failed conversion: the depth limit when that is what stopped it. */
    @SuppressWarnings("ReferenceEquality") // identity: a cause chain ends where a cause is its own cause
    static Throwable cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
