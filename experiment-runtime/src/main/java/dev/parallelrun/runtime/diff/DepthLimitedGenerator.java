package dev.parallelrun.runtime.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * A generator that refuses to nest deeper than a limit. Jackson's {@code StreamWriteConstraints} do not apply
 * to the {@code TokenBuffer} behind {@code valueToTree}, so a cycle (an object graph that reaches itself) would
 * recurse until the stack overflows; counting the open objects and arrays stops it after a bounded amount of
 * work and stack, well before an overflow.
 */
final class DepthLimitedGenerator extends JsonGeneratorDelegate {

    private final int maxDepth;

    DepthLimitedGenerator(JsonGenerator delegate, int maxDepth) {
        super(delegate, false); // false: values written through the codec come back through this generator
        this.maxDepth = maxDepth;
    }

    private void check() throws IOException {
        int depth = delegate.getOutputContext().getNestingDepth();
        if (depth > maxDepth) {
            throw new StreamConstraintsException("the value nests deeper than " + maxDepth
                    + " levels: a cycle (an object that contains itself), or too deep to compare");
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        super.writeStartArray();
        check();
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public void writeStartArray(int size) throws IOException {
        super.writeStartArray(size);
        check();
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        super.writeStartArray(forValue);
        check();
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        super.writeStartArray(forValue, size);
        check();
    }

    @Override
    public void writeStartObject() throws IOException {
        super.writeStartObject();
        check();
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        super.writeStartObject(forValue);
        check();
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        super.writeStartObject(forValue, size);
        check();
    }
}
