package io.prunescope.runtime;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file (the MNIST format): magic {@code 00 00 <type> <ndims>}, then {@code ndims} big-endian
 * 32-bit sizes, then the values. Only unsigned bytes (type 0x08) are read — that is what MNIST,
 * Fashion-MNIST and KMNIST use. Gzip is recognised by its magic bytes, not the file name, because
 * browsers often un-gzip downloads and keep the ".gz".
 *
 * @param dims sizes, e.g. [count, rows, cols] for images, [count] for labels
 * @param data values, row-major, unsigned bytes
 */
public record IdxFile(int[] dims, byte[] data) {

    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * The most data one IDX file may declare: a quarter of the heap. The header is read first and checked against it,
     * so a gzip bomb is refused before anything is unpacked beyond its 4-byte sizes.
     */
    static long maxDataBytes() {
        return Math.min(Integer.MAX_VALUE - 16L, Runtime.getRuntime().maxMemory() / 4);
    }

    public static IdxFile read(Path file) {
        return read(file, 0, null);
    }

    /**
     * Reads an IDX file that must have {@code expectedDims} dimensions (0: any); {@code role} ("label file") names
     * what it was given as, so that a swapped or wrong file is reported as such before its sizes are believed.
     */
    public static IdxFile read(Path file, int expectedDims, String role) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DatasetException("'" + file + "' is not a regular file (a folder, pipe or device); give the IDX"
                    + " file itself.");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(maybeGunzip(raw), file.getFileName().toString(), expectedDims, role, maxDataBytes());
        } catch (NoSuchFileException e) {
            throw new DatasetException("The IDX file '" + file + "' does not exist.", e);
        } catch (EOFException | ZipException e) {
            throw new DatasetException("The IDX file '" + file.getFileName() + "' is truncated or its gzip data is "
                    + "corrupt (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new DatasetException("The IDX file '" + file + "' could not be read: " + e.getMessage(), e);
        }
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1F && b1 == 0x8B ? new BufferedInputStream(new GZIPInputStream(in)) : in;
    }

    static IdxFile read(InputStream in, String name) throws IOException {
        return read(in, name, 0, null, maxDataBytes());
    }

    static IdxFile read(InputStream in, String name, int expectedDims, String role, long maxBytes) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DatasetException("'" + name + "' is too short to be an IDX file (" + magic.length + " bytes).");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            String kind = ImageMagic.describe(magic);
            throw new DatasetException(String.format("'%s' is not an IDX file: it starts with bytes %02X %02X%s, "
                    + "an IDX file starts with 00 00.", name, magic[0] & 0xFF, magic[1] & 0xFF,
                    kind == null ? "" : " (it is " + kind + ")"));
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(String.format("'%s' holds %s values (IDX type 0x%02X); only unsigned-byte "
                    + "IDX files (type 0x08, as in MNIST) are supported.", name, typeName(type), type));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims == 0) {
            throw new DatasetException("'" + name + "' declares 0 dimensions.");
        }
        if (expectedDims > 0 && ndims != expectedDims) {
            throw new DatasetException("'" + name + "' was given as the " + role + " but is an IDX file with " + ndims
                    + " dimension(s)" + (ndims == 3 ? " (an image file)" : ndims == 1 ? " (a label file)" : "")
                    + "; " + (expectedDims == 1 ? "a label file has 1 (count)" : "an image file has 3 (count, rows,"
                    + " columns)") + ". Were --data and --labels swapped?");
        }
        byte[] header = in.readNBytes(4 * ndims);
        if (header.length < 4 * ndims) {
            throw new DatasetException("'" + name + "' is truncated: its header declares " + ndims
                    + " dimensions but ends after " + (4 + header.length) + " bytes.");
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            long d = ((header[4 * i] & 0xFFL) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
                    | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
            if (d > Integer.MAX_VALUE) {
                throw new DatasetException("'" + name + "' declares an impossible size " + d + " for dimension " + i + ".");
            }
            dims[i] = (int) d;
            total *= d;
            if (total > maxBytes) {
                throw new DatasetException("'" + name + "' declares sizes " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "…, more than the " + String.format(java.util.Locale.ROOT, "%,d", maxBytes) + " bytes"
                        + " PruneScope loads from one IDX file (a quarter of the Java heap); it is corrupt or too large."
                        + " Nothing beyond its header was unpacked.");
            }
        }
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new DatasetException("'" + name + "' is truncated: its header declares sizes " + Arrays.toString(dims)
                    + " (" + total + " bytes of data) but only " + data.length + " bytes follow.");
        }
        if (in.read() != -1) {
            throw new DatasetException("'" + name + "' has data after the " + total + " bytes its header "
                    + Arrays.toString(dims) + " declares; the header does not describe this file.");
        }
        return new IdxFile(dims, data);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
