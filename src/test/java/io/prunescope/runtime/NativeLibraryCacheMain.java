package io.prunescope.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in its own process (ONNX Runtime links once per process): starts the Gram engine the way the criteria's
 * warm-up does, multiplies a small matrix, and prints where the binding was told to look and which library files
 * the process has mapped.
 */
public final class NativeLibraryCacheMain {

    private NativeLibraryCacheMain() {
    }

    public static void main(String[] args) throws Exception {
        NativeGram gram = NativeGram.instance().orElseThrow();
        float[] x = {1, 2, 3, 4};
        float[] out = new float[4];
        try (NativeGram.Matrix m = gram.load(2, 2, (i, row) -> System.arraycopy(x, 2 * i, row, 0, 2))) {
            m.blockColumns(0, 2, out);
        }
        System.out.println("gram " + out[0] + " " + out[1] + " " + out[3]);
        System.out.println("property " + System.getProperty(NativeLibraryCache.PROPERTY));
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            Files.readAllLines(maps).stream().filter(l -> l.contains("libonnxruntime")).map(l -> l.substring(l.indexOf('/')))
                    .distinct().forEach(l -> System.out.println("mapped " + l));
        }
    }
}
