package io.prunescope.runtime;

/** Recognises common image formats by their first bytes, to say "this is a PNG" when an IDX file was expected. */
final class ImageMagic {

    private ImageMagic() {
    }

    /** "a PNG image", "a JPEG image", ...; null when the bytes are none of these. */
    static String describe(byte[] head) {
        if (head.length >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "a PNG image";
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "a JPEG image";
        }
        if (head.length >= 3 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
            return "a GIF image";
        }
        if (head.length >= 2 && head[0] == 'B' && head[1] == 'M') {
            return "a BMP image";
        }
        return null;
    }
}
