package org.neuromod.core.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/** Writes an agent's state as compact bytes, read back by {@link StateReader} in the same order. */
public final class StateWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** Starts a state tagged with the agent type's name and its arms, checked on reading. */
    public StateWriter(String agent, int arms) {
        writeString(agent);
        writeInt(arms);
    }

    public StateWriter writeInt(int value) {
        return write(() -> out.writeInt(value));
    }

    public StateWriter writeLong(long value) {
        return write(() -> out.writeLong(value));
    }

    public StateWriter writeDouble(double value) {
        return write(() -> out.writeDouble(value));
    }

    public StateWriter writeBoolean(boolean value) {
        return write(() -> out.writeBoolean(value));
    }

    public StateWriter writeString(String value) {
        return write(() -> out.writeUTF(value));
    }

    public StateWriter writeDoubles(double[] values) {
        writeInt(values.length);
        for (double value : values) {
            writeDouble(value);
        }
        return this;
    }

    public StateWriter writeLongs(long[] values) {
        writeInt(values.length);
        for (long value : values) {
            writeLong(value);
        }
        return this;
    }

    public StateWriter writeBooleans(boolean[] values) {
        writeInt(values.length);
        for (boolean value : values) {
            writeBoolean(value);
        }
        return this;
    }

    /** Writes the generator's complete internal state. */
    public StateWriter writeRandom(RestorableUniformRandomProvider random) {
        byte[] state = ((RandomProviderDefaultState) random.saveState()).getState();
        writeInt(state.length);
        return write(() -> out.write(state));
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private StateWriter write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
