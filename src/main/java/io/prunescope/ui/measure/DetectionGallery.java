package io.prunescope.ui.measure;

import io.prunescope.detection.Detection;
import io.prunescope.detection.GroundTruth;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.runtime.Pixels;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Detection tab's gallery, paged: six images a page with both models' detections, read on the io thread (the
 * latest page asked for wins), and how many detections pass the "show ≥" threshold. Split from
 * {@link DetectionViewModel}, which owns the evaluation and hands each new report here.
 */
public final class DetectionGallery {

    public static final int PAGE_SIZE = 6;
    public static final double DEFAULT_THRESHOLD = 0.25;

    /**
     * One gallery image: its pixels, labels and every detection of both models on it (the view filters by the
     * threshold).
     */
    public record GalleryImage(int index, String name, Pixels pixels, List<GroundTruth> truths,
                               List<Detection> original, List<Detection> pruned) {

        public static int countAtLeast(List<Detection> detections, double threshold) {
            int n = 0;
            for (Detection d : detections) {
                if (d.score() >= threshold) {
                    n++;
                }
            }
            return n;
        }
    }

    private final Executor io;
    /** Where a page that failed to read says so (the tab's status line). */
    private final StringProperty status;
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", DEFAULT_THRESHOLD);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ObservableList<GalleryImage> images = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper shownDetections = new ReadOnlyIntegerWrapper(this, "shownDetections");
    private final ReadOnlyIntegerWrapper drawnBoxes = new ReadOnlyIntegerWrapper(this, "drawnBoxes");
    private final AtomicLong generation = new AtomicLong();
    private DetectionComparison.Report report;

    DetectionGallery(Executor io, StringProperty status) {
        this.io = io;
        this.status = status;
        threshold.addListener((obs, old, now) -> countShown());
        images.addListener((ListChangeListener<GalleryImage>) c -> countShown());
    }

    /** A new report: back to its first page. */
    void show(DetectionComparison.Report r) {
        report = r;
        pageCount.set(r == null ? 0 : (r.data().size() + PAGE_SIZE - 1) / PAGE_SIZE);
        page.set(0);
        loadPage();
    }

    public void nextPage() {
        if (page.get() + 1 < pageCount.get()) {
            page.set(page.get() + 1);
            loadPage();
        }
    }

    public void previousPage() {
        if (page.get() > 0) {
            page.set(page.get() - 1);
            loadPage();
        }
    }

    private void loadPage() {
        DetectionComparison.Report r = report;
        long mine = generation.incrementAndGet();
        if (r == null) {
            images.clear();
            return;
        }
        int from = page.get() * PAGE_SIZE;
        int to = Math.min(r.data().size(), from + PAGE_SIZE);
        io.execute(() -> {
            List<GalleryImage> read = new ArrayList<>();
            String error = null;
            try {
                for (int i = from; i < to && generation.get() == mine; i++) {
                    Path file = r.data().imageFile(i);
                    read.add(new GalleryImage(i, file == null ? "image " + i : file.getFileName().toString(),
                            r.data().image(i), r.data().groundTruths(i), of(r.original().detections(), i),
                            of(r.pruned().detections(), i)));
                }
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            String failure = error;
            Platform.runLater(() -> {
                if (generation.get() == mine) {
                    images.setAll(read);
                    if (failure != null) {
                        status.set("Gallery: " + failure);
                    }
                }
            });
        });
    }

    /** The detections on image {@code image}, lowest score first (so the best are drawn on top). */
    private static List<Detection> of(List<Detection> all, int image) {
        List<Detection> out = new ArrayList<>();
        for (Detection d : all) {
            if (d.image() == image) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble(Detection::score));
        return List.copyOf(out);
    }

    private void countShown() {
        int n = 0;
        for (GalleryImage g : images) {
            n += GalleryImage.countAtLeast(g.original(), threshold.get())
                    + GalleryImage.countAtLeast(g.pruned(), threshold.get());
        }
        shownDetections.set(n);
    }

    /** The view says how many detection boxes its canvases drew last (ground truth not counted). */
    void reportDrawn(int boxes) {
        drawnBoxes.set(boxes);
    }

    /** Detections with a score at least this are drawn. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ObservableList<GalleryImage> images() {
        return images;
    }

    /** Detections at or above the threshold on the page, both models together. */
    public ReadOnlyIntegerProperty shownDetectionsProperty() {
        return shownDetections.getReadOnlyProperty();
    }

    /** Detection boxes the canvases drew last (both models; ground truth not counted). */
    public ReadOnlyIntegerProperty drawnBoxesProperty() {
        return drawnBoxes.getReadOnlyProperty();
    }
}
