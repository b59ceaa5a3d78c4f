package io.prunescope.about;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The version comes from the pom, once; the licence list matches the jars the build really bundles. */
public class BuildInfoTest {

    /** A property or the project version, read straight from pom.xml (not through Maven's filtering). */
    public static String pom(String tag) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = doc.getDocumentElement();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return ((Element) project.getElementsByTagName("properties").item(0)).getElementsByTagName(tag).item(0)
                .getTextContent().strip();
    }

    @Test
    void versionsAreThePoms() throws Exception {
        BuildInfo info = BuildInfo.current();
        assertThat(info.version()).isEqualTo(pom("version"));
        assertThat(info.onnxRuntimeVersion()).isEqualTo(pom("onnxruntime.version"));
        assertThat(info.javaFxVersion()).isEqualTo(pom("javafx.version"));
        assertThat(info.title()).isEqualTo("PruneScope " + pom("version"));
    }

    @Test
    void everyListedLibraryIsOnTheClassPathInThatVersion() {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<BundledLibrary> all = BundledLibrary.all();
        assertThat(all).extracting(BundledLibrary::name).contains("ONNX Runtime", "OpenJFX (JavaFX)", "picocli");
        for (BundledLibrary lib : all) {
            String file = lib.artifactId() + "-" + lib.version();
            assertThat(classPath).as(lib.coordinates() + " " + lib.version())
                    .anyMatch(p -> Path.of(p).getFileName().toString().startsWith(file + ".")
                            || Path.of(p).getFileName().toString().startsWith(file + "-"));
            assertThat(lib.licence()).isNotBlank();
            assertThat(lib.url()).startsWith("https://");
        }
        // picocli reports its own version at run time: an independent check of one row
        assertThat(all).filteredOn(l -> l.name().equals("picocli")).extracting(BundledLibrary::version)
                .containsExactly(picocli.CommandLine.VERSION);
    }

    @Test
    void onnxRuntimesNoticesAreTheOnesInItsJar() throws Exception {
        String jar = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(p -> Path.of(p).getFileName().toString().startsWith("onnxruntime-")).findFirst().orElseThrow();
        String expected;
        try (ZipFile zip = new ZipFile(jar)) {
            expected = new String(zip.getInputStream(zip.getEntry("ThirdPartyNotices.txt")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(ThirdPartyNotices.onnxRuntime()).contains(expected);
        assertThat(expected).hasSizeGreaterThan(10_000);
    }
}
