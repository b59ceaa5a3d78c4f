package io.prunescope.cli;

import io.prunescope.measure.BundledSample;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Datasets;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.IdxDataset;
import io.prunescope.runtime.ImageFolderDataset;
import io.prunescope.runtime.Preprocessing;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Options of the measuring commands (evaluate, sensitivity, prune-target): data, preprocessing, runtime. */
final class MeasureOptions {

    private MeasureOptions() {
    }

    /** Labelled data and how images become inputs. */
    static final class Data {
        @Option(names = "--data", paramLabel = "DIR|IDX|bundled",
                description = "Labelled data: a folder with one sub-folder per class, an IDX image file (plain or"
                        + " .gz; give --labels), or 'bundled' for the Fashion-MNIST test subset in assets/. For"
                        + " evaluate --task detect: a data.yaml, a YOLO folder (images/, labels/) or a COCO .json.")
        String data;

        @Option(names = "--labels", paramLabel = "IDX", description = "IDX label file for an IDX --data file.")
        Path labels;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Use only the first N samples (0 = all).")
        int limit;

        @Option(names = "--size", paramLabel = "WxH|N", description = "Input image size (default: the model's).")
        String size;

        @Option(names = "--resize", paramLabel = "none|stretch|crop|letterbox", defaultValue = "none",
                description = "How images of another size are fitted to the model's (default ${DEFAULT-VALUE}:"
                        + " such images are refused, never stretched silently).")
        String resize;

        @Option(names = "--mean", paramLabel = "M[,M,M]", description = "Per-channel mean, after --scale (default 0).")
        String mean;

        @Option(names = "--std", paramLabel = "S[,S,S]", description = "Per-channel std, after --scale (default 1).")
        String std;

        @Option(names = "--scale", paramLabel = "F", description = "Pixel scale before mean/std (default 1/255).")
        Float scale;

        @Option(names = "--bgr", description = "Feed channels in BGR order.")
        boolean bgr;

        @Option(names = "--gray", description = "One grayscale channel (default for IDX data).")
        Boolean gray;

        @Option(names = "--layout", paramLabel = "nchw|nhwc", defaultValue = "nchw",
                description = "Tensor layout (default ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--batch", defaultValue = "64", description = "Samples per run (default ${DEFAULT-VALUE}).")
        int batch;

        boolean present() {
            return data != null;
        }

        boolean isBundled() {
            return "bundled".equalsIgnoreCase(data);
        }

        Dataset open(Workspace ws) {
            if (data == null) {
                throw new IllegalArgumentException("give --data DIR, --data IMAGES --labels LABELS, or --data bundled");
            }
            Dataset d;
            if (isBundled()) {
                d = BundledSample.fashion(BundledSample.defaultAssets()).dataset();
            } else {
                Path p = Path.of(data);
                if (Files.isDirectory(p)) {
                    d = ImageFolderDataset.open(p, preprocessing(ws, false));
                } else {
                    if (labels == null) {
                        throw new IllegalArgumentException("--data " + data + " is a file: give its --labels IDX file too");
                    }
                    d = IdxDataset.open(p, labels, preprocessing(ws, true));
                }
            }
            return Datasets.limit(d, limit);
        }

        Preprocessing preprocessing(Workspace ws, boolean idx) {
            long[] shape = ws.analysis().inputShapes().values().iterator().next();
            boolean nhwc = layout.equalsIgnoreCase("nhwc");
            int w;
            int h;
            if (size != null) {
                String[] parts = size.toLowerCase(Locale.ROOT).split("x");
                w = Integer.parseInt(parts[0].trim());
                h = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : w;
            } else if (shape.length == 4) {
                h = (int) (nhwc ? shape[1] : shape[2]);
                w = (int) (nhwc ? shape[2] : shape[3]);
            } else {
                throw new IllegalArgumentException("the model's input is not an image tensor; give --size");
            }
            boolean g = gray != null ? gray : idx || (shape.length == 4 && (nhwc ? shape[3] : shape[1]) == 1);
            Preprocessing p = Preprocessing.of(w, h).withGrayscale(g)
                    .withResizeMode(switch (resize.toLowerCase(Locale.ROOT)) {
                        case "stretch" -> Preprocessing.ResizeMode.STRETCH;
                        case "crop" -> Preprocessing.ResizeMode.CENTER_CROP;
                        case "letterbox" -> Preprocessing.ResizeMode.LETTERBOX;
                        case "none" -> Preprocessing.ResizeMode.NONE;
                        default -> throw new IllegalArgumentException("--resize must be none, stretch, crop or"
                                + " letterbox");
                    })
                    .withLayout(nhwc ? Preprocessing.Layout.NHWC : Preprocessing.Layout.NCHW)
                    .withChannelOrder(bgr ? Preprocessing.ChannelOrder.BGR : Preprocessing.ChannelOrder.RGB);
            if (scale != null) {
                p = p.withScale(scale);
            }
            if (mean != null || std != null) {
                p = p.withNormalization(floats(mean, 0f), floats(std, 1f));
            }
            return p;
        }
    }

    /** Unlabelled calibration images for activation criteria and recovery. */
    static final class Calib {
        @Option(names = "--calibration", paramLabel = "DIR|IDX",
                description = "Calibration images: a folder of images, or an IDX image file (plain or .gz)."
                        + " Default: the --data samples.")
        Path calibration;

        @Option(names = "--calibration-limit", paramLabel = "N", defaultValue = "500",
                description = "Calibration samples to use (default ${DEFAULT-VALUE}).")
        int calibrationLimit;

        @Option(names = "--random-samples", defaultValue = "64",
                description = "Random inputs when there is neither --data nor --calibration (default ${DEFAULT-VALUE}).")
        int randomSamples;

        /** {@link #inputs} when there are --calibration images or labelled samples, else --random-samples random inputs. */
        Map<String, FloatTensor> inputsOrRandom(Workspace ws, Data data, Dataset labelled) {
            return labelled != null || calibration != null
                    ? inputs(ws, data, labelled)
                    : Calibration.random(ws, randomSamples, 1, CalibrationInputs.Distribution.NORMAL);
        }

        Map<String, FloatTensor> inputs(Workspace ws, Data data, Dataset labelled) {
            FloatTensor x;
            if (calibration != null) {
                if (Files.isDirectory(calibration)) {
                    x = Datasets.inputs(Datasets.limit(ImageFolderDataset.unlabelled(calibration,
                            data.preprocessing(ws, false)), calibrationLimit));
                } else {
                    Preprocessing p = data.isBundled() ? BundledSample.fashion(BundledSample.defaultAssets())
                            .preprocessing() : data.preprocessing(ws, true);
                    x = Datasets.inputs(Datasets.limit(IdxDataset.unlabelled(calibration, p),
                            calibrationLimit));
                }
            } else if (labelled != null) {
                x = Datasets.inputs(Datasets.limit(labelled, calibrationLimit));
            } else {
                throw new IllegalArgumentException("give --calibration DIR|IDX or --data for calibration inputs");
            }
            return Calibration.single(ws, x);
        }
    }

    static final class Runtime {
        @Option(names = "--threads", defaultValue = "1",
                description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE}; 0 = let it choose).")
        int threads;

        RuntimeOptions options() {
            return RuntimeOptions.DEFAULT.withIntraOpThreads(threads);
        }
    }

    static Criterion criterion(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "GM" -> Criterion.GEOMETRIC_MEDIAN;
            case "BN" -> Criterion.BN_SCALE;
            case "MEAN_ACT", "ACTIVATION", "MEAN_ABS" -> Criterion.MEAN_ACTIVATION;
            default -> {
                try {
                    yield Criterion.valueOf(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown criterion '" + text + "'; one of l1, l2, fpgm, gm, bn,"
                            + " mean-activation, apoz, random");
                }
            }
        };
    }

    private static float[] floats(String csv, float fallback) {
        if (csv == null) {
            return new float[] {fallback};
        }
        String[] parts = csv.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i].trim());
        }
        return v;
    }
}
