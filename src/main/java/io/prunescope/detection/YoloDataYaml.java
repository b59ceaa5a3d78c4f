package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading a YOLOv5 {@code data.yaml} for {@link YoloFolderDataset}: the YAML document itself (safe constructor,
 * no duplicate keys, few aliases) and its class names ({@code names} as a list or an index → name map, checked
 * against {@code nc}). It is separate because it is the only part that knows the YAML library and the file's
 * schema; the data set only asks it for the keys and the names, with every malformed entry already reported as a
 * {@link DatasetException} naming the file.
 */
final class YoloDataYaml {

    private YoloDataYaml() {
    }

    /** The document's top-level map; anything else is reported as not a data.yaml. */
    static Map<?, ?> readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(options)).load(r);
            if (!(doc instanceof Map<?, ?> m)) {
                throw new DatasetException("'" + file + "' is not a data.yaml: it holds no keys (path, val, names).");
            }
            return m;
        } catch (YAMLException e) {
            throw new DatasetException("'" + file + "' is not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("'" + file + "' could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code names} as a list or an index → name map, checked against {@code nc}; class0… when only nc is given. */
    static List<String> names(Map<?, ?> yaml, Path file) {
        Object names = yaml.get("names");
        Object nc = yaml.get("nc");
        Integer count = null;
        if (nc != null) {
            if (!(nc instanceof Integer i) || i <= 0) {
                throw new DatasetException("'nc' in '" + file + "' must be a positive whole number, got '" + nc + "'.");
            }
            count = i;
        }
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        } else if (names instanceof Map<?, ?> map) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof Integer k) || k < 0) {
                    throw new DatasetException("'names' in '" + file + "' maps '" + e.getKey() + "'; the keys must be"
                            + " class indices 0, 1, 2, …");
                }
                byIndex.put(k, String.valueOf(e.getValue()));
            }
            for (int i = 0; i < byIndex.size(); i++) {
                if (!byIndex.containsKey(i)) {
                    throw new DatasetException("'names' in '" + file + "' has no class " + i + "; the indices must run"
                            + " 0 … " + (byIndex.size() - 1) + " without gaps.");
                }
                out.add(byIndex.get(i));
            }
        } else if (names != null) {
            throw new DatasetException("'names' in '" + file + "' must be a list or a map index → name, got '"
                    + names + "'.");
        } else if (count != null) {
            for (int i = 0; i < count; i++) {
                out.add("class" + i);
            }
        } else {
            throw new DatasetException("'" + file + "' gives neither 'names' nor 'nc': the class names are needed.");
        }
        if (out.isEmpty()) {
            throw new DatasetException("'names' in '" + file + "' is empty.");
        }
        if (count != null && count != out.size()) {
            throw new DatasetException("'" + file + "' says nc: " + count + " but names has " + out.size()
                    + " entries.");
        }
        return out;
    }

}
