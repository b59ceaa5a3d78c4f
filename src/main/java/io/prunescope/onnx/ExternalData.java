package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.prunescope.onnx.ModelLoadException.Problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads tensors stored outside the .onnx file (data_location = EXTERNAL). The location is relative to the model's
 * folder; an absolute path, a {@code ..} step, or a link that resolves outside the folder is refused, and
 * offset + length must lie within the file: ONNX Runtime does not check these itself (DESIGN §8).
 */
final class ExternalData {

    private final Path modelDir;
    private final Path modelFile;
    private final Set<Path> filesRead = new LinkedHashSet<>();

    /** {@code modelFile} is the .onnx file itself (null for a model held in memory): it is never its own data. */
    ExternalData(Path modelDir, Path modelFile) {
        this.modelDir = modelDir;
        this.modelFile = modelFile;
    }

    /** The real paths of the external data files read so far: inputs of the model, never to be written over. */
    List<Path> filesRead() {
        return List.copyOf(filesRead);
    }

    ByteBuffer read(String tensorName, List<StringStringEntryProto> entries, long expectedBytes)
            throws ModelLoadException {
        String location = null;
        long offset = 0;
        long length = -1;
        boolean lengthGiven = false;
        for (StringStringEntryProto e : entries) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parse(tensorName, "offset", e.getValue());
                case "length" -> {
                    length = parse(tensorName, "length", e.getValue());
                    lengthGiven = true;
                }
                default -> { }
            }
        }
        if (location == null || location.isEmpty()) {
            throw unsafe(tensorName, "has external data without a location");
        }
        if (offset < 0 || (lengthGiven && length < 0)) {
            throw unsafe(tensorName, "has a negative external data " + (offset < 0 ? "offset " + offset
                    : "length " + length));
        }
        if (modelDir == null) {
            throw unsafe(tensorName, "has external data, but the model was not read from a file");
        }
        Path file = resolveInside(tensorName, location);
        try {
            long fileSize = Files.size(file);
            if (length < 0) {
                length = expectedBytes;
            }
            if (length != expectedBytes) {
                throw new ModelLoadException(Problem.BAD_TENSOR, "tensor '" + tensorName + "' declares "
                        + expectedBytes + " bytes but its external data length is " + length);
            }
            if (offset < 0 || offset > fileSize || length > fileSize - offset) {
                throw unsafe(tensorName, "reads bytes " + offset + ".." + (offset + length) + " of '" + location
                        + "', which has only " + fileSize + " bytes");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new ModelLoadException(Problem.TOO_LARGE, "tensor '" + tensorName + "' has " + length
                        + " bytes of external data, more than one tensor may hold here");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long pos = offset;
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos);
                    if (r < 0) {
                        throw unsafe(tensorName, "external file '" + location + "' ended early");
                    }
                    pos += r;
                }
            }
            buf.flip();
            filesRead.add(file);
            return buf;
        } catch (IOException e) {
            throw new ModelLoadException(Problem.EXTERNAL_DATA_MISSING, "cannot read external data '" + location
                    + "' of tensor '" + tensorName + "': " + e.getMessage(), e);
        }
    }

    private Path resolveInside(String tensorName, String location) throws ModelLoadException {
        if (location.startsWith("/") || location.startsWith("\\") || location.matches("^[A-Za-z]:.*")) {
            throw unsafe(tensorName, "points its external data at the absolute path '" + location
                    + "'; only files inside the model's folder are read");
        }
        if (location.indexOf('\0') >= 0) {
            throw unsafe(tensorName, "has an external data location with a NUL character");
        }
        // Both separators count, whatever this machine uses: a model made on Windows may say "..\\x".
        for (String part : location.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw unsafe(tensorName, "points its external data at '" + location
                        + "', outside the model's folder ('..' is not allowed)");
            }
        }
        Path rel;
        try {
            rel = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw unsafe(tensorName, "has an external data location '" + location + "' that is not a valid path: "
                    + e.getReason());
        }
        if (rel.isAbsolute()) {
            throw unsafe(tensorName, "points its external data at the absolute path '" + location
                    + "'; only files inside the model's folder are read");
        }
        Path candidate = modelDir.resolve(rel).normalize();
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !Files.exists(candidate)) {
            throw new ModelLoadException(Problem.EXTERNAL_DATA_MISSING, "tensor '" + tensorName
                    + "' keeps its data in '" + location + "', which is not in " + modelDir);
        }
        try {
            Path realDir = modelDir.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(realDir)) {
                throw unsafe(tensorName, "reads external data through '" + location + "', a link to " + real
                        + " outside the model's folder");
            }
            if (!Files.isRegularFile(real)) {
                throw unsafe(tensorName, "external data '" + location + "' is not a regular file");
            }
            if (modelFile != null && Files.exists(modelFile) && Files.isSameFile(real, modelFile)) {
                throw unsafe(tensorName, "points its external data at '" + location + "', the model file itself;"
                        + " weights must be in a separate file");
            }
            refuseHardLinks(tensorName, location, real);
            return real;
        } catch (IOException e) {
            throw new ModelLoadException(Problem.EXTERNAL_DATA_MISSING, "cannot resolve external data '" + location
                    + "' of tensor '" + tensorName + "': " + e.getMessage(), e);
        }
    }

    /**
     * A hard link is invisible to {@code toRealPath}: a weights file in the model's folder may be another name of a
     * file anywhere on the disk, whose bytes would become the weights. As onnx's own loader does, a file with more
     * than one link is refused. Where the file system cannot count links (not Unix), the check is skipped.
     */
    private static void refuseHardLinks(String tensorName, String location, Path real) throws ModelLoadException {
        Object links;
        try {
            links = Files.getAttribute(real, "unix:nlink");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return;
        }
        if (links instanceof Number n && n.longValue() > 1) {
            throw unsafe(tensorName, "keeps its external data in '" + location + "', which has " + n.longValue()
                    + " hard links: it may be another name of a file outside the model's folder, so PruneScope"
                    + " refuses it (copy the file to make it a single, ordinary file)");
        }
    }

    private static long parse(String tensorName, String key, String value) throws ModelLoadException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw unsafe(tensorName, "has external data " + key + " '" + value + "', not a number");
        }
    }

    private static ModelLoadException unsafe(String tensorName, String what) {
        return new ModelLoadException(Problem.UNSAFE_EXTERNAL_DATA, "tensor '" + tensorName + "' " + what);
    }
}
