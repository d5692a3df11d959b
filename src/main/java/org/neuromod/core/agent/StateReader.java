package org.neuromod.core.agent;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/** Reads a state written by {@link StateWriter}; any mismatch is an {@link IllegalArgumentException}. */
public final class StateReader {

    private final DataInputStream in;

    /** Opens a state and checks it was written for this agent type and number of arms. */
    public StateReader(byte[] state, String agent, int arms) {
        this.in = new DataInputStream(new ByteArrayInputStream(state));
        String writtenFor = readString();
        int writtenArms = readInt();
        if (!writtenFor.equals(agent) || writtenArms != arms) {
            throw new IllegalArgumentException("state of a " + writtenFor + " agent with " + writtenArms
                    + " arms cannot restore a " + agent + " agent with " + arms + " arms");
        }
    }

    public int readInt() {
        return read(in::readInt);
    }

    public long readLong() {
        return read(in::readLong);
    }

    public double readDouble() {
        return read(in::readDouble);
    }

    public boolean readBoolean() {
        return read(in::readBoolean);
    }

    public String readString() {
        return read(in::readUTF);
    }

    /** Reads an array written by {@link StateWriter#writeDoubles} into {@code into}, which must have its length. */
    public void readDoubles(double[] into) {
        expectLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readDouble();
        }
    }

    public void readLongs(long[] into) {
        expectLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readLong();
        }
    }

    public void readBooleans(boolean[] into) {
        expectLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readBoolean();
        }
    }

    /** Restores a generator's internal state written by {@link StateWriter#writeRandom}. */
    public void readRandom(RestorableUniformRandomProvider random) {
        random.restoreState(readRandomState());
    }

    /**
     * Reads a generator state written by {@link StateWriter#writeRandom} without applying it, so a
     * caller can check the rest of the state before changing anything.
     */
    public RandomProviderState readRandomState() {
        byte[] state = new byte[readInt()];
        read(() -> {
            in.readFully(state);
            return null;
        });
        return new RandomProviderDefaultState(state);
    }

    /** Checks nothing is left over. */
    public void end() {
        if (read(in::available) != 0) {
            throw new IllegalArgumentException("saved state has trailing bytes");
        }
    }

    private void expectLength(int length) {
        int written = readInt();
        if (written != length) {
            throw new IllegalArgumentException("saved array of length " + written + " where " + length + " expected");
        }
    }

    private static <T> T read(IoRead<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new IllegalArgumentException("saved state is truncated or corrupt", e);
        }
    }

    private interface IoRead<T> {
        T get() throws IOException;
    }
}
