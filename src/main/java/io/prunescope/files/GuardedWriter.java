package io.prunescope.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way a command writes files. It knows the command's inputs (the model and its external data files) and
 * the outputs it has promised, and refuses — before any work and again at the moment of writing — an output that
 * is an input, or two outputs that are one file. Files are compared by {@link FileIdentity}: by path, by real path
 * and by file key, so neither a symbolic link nor a hard link can smuggle an input in as an output.
 * The write itself is {@link AtomicFiles}'s.
 */
public final class GuardedWriter {

    /** What writes the file once the guard has let it through (an {@link AtomicFiles} write, or a writer using it). */
    @FunctionalInterface
    public interface Write {
        void to(Path target) throws IOException;
    }

    private record Entry(Path path, String role) {
    }

    private final List<Entry> inputs = new ArrayList<>();
    private final List<Entry> outputs = new ArrayList<>();

    /** Marks {@code input} as read by this command; {@code role} says what it is ("the input model"). */
    public GuardedWriter protect(Path input, String role) throws UnsafeOutputException {
        if (input == null) {
            return this;
        }
        Entry e = new Entry(input, role);
        inputs.add(e);
        for (Entry out : outputs) {
            refuseIfSame(out, e);
        }
        return this;
    }

    /** Every file in {@code files} is an input of the given role ("the input model's external data file"). */
    public GuardedWriter protectAll(Iterable<Path> files, String role) throws UnsafeOutputException {
        for (Path f : files) {
            protect(f, role);
        }
        return this;
    }

    /**
     * Promises that the command will write {@code output} (given by {@code option}, e.g. "-o"); refuses it now if
     * it cannot be written or clashes with an input or an earlier output. A null output (an option not given) is
     * ignored.
     */
    public GuardedWriter claim(Path output, String option) throws UnsafeOutputException {
        if (output == null) {
            return this;
        }
        if (output.toString().isBlank()) {
            throw new UnsafeOutputException(option + " is empty: give a file name");
        }
        try {
            OutputPaths.check(output);
        } catch (UnsafeOutputException bad) {
            throw new UnsafeOutputException(option + ": " + bad.getMessage());
        }
        Entry e = new Entry(output, option);
        for (Entry in : inputs) {
            refuseIfSame(e, in);
        }
        for (Entry other : outputs) {
            if (FileIdentity.of(other.path).sameAs(FileIdentity.of(output))) {
                throw new UnsafeOutputException(option + " " + output + " and " + other.role + " " + other.path
                        + " are the same file; each output needs its own file");
            }
        }
        outputs.add(e);
        return this;
    }

    /** Writes a claimed output atomically. */
    public void write(Path target, byte[] bytes) throws IOException {
        write(target, t -> AtomicFiles.write(t, bytes));
    }

    /** Writes a claimed output with content and a check of the written bytes, atomically. */
    public void write(Path target, AtomicFiles.Content content, AtomicFiles.Verifier verifier) throws IOException {
        write(target, t -> AtomicFiles.write(t, content, verifier));
    }

    /**
     * Checks {@code target} again (a link may have appeared since it was claimed) and lets {@code write} write it.
     * The target must have been claimed: an unclaimed write is a programming error, not a user's.
     */
    public void write(Path target, Write write) throws IOException {
        Entry claimed = null;
        for (Entry out : outputs) {
            if (out.path.equals(target)) {
                claimed = out;
            }
        }
        if (claimed == null) {
            throw new IllegalStateException("write to " + target + " was not claimed first");
        }
        OutputPaths.check(target);
        for (Entry in : inputs) {
            refuseIfSame(claimed, in);
        }
        write.to(target);
    }

    private static void refuseIfSame(Entry output, Entry input) throws UnsafeOutputException {
        if (FileIdentity.of(output.path).sameAs(FileIdentity.of(input.path))) {
            throw new UnsafeOutputException("refusing to overwrite " + input.role + " " + input.path + " with "
                    + output.role + (output.path.equals(input.path) ? "" : " " + output.path)
                    + ": PruneScope never writes over what it reads; choose another file name");
        }
    }
}
