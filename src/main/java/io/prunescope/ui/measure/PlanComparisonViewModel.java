package io.prunescope.ui.measure;

import io.prunescope.measure.ParetoFront;
import io.prunescope.measure.PlanMeasurement;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.PlanSnapshot;
import io.prunescope.session.PlanSnapshots;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.ui.responsiveness.LatestResult;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Plans compared: the plans kept under a name in the session ({@link PlanSnapshots}), each with its parameters,
 * MACs and — once measured — latency and metric; the Pareto front of metric against GFLOPs or latency; making a
 * kept plan current (an undoable edit, through the consumer given) and writing it as a plan file.
 */
public final class PlanComparisonViewModel {

    /** What the scatter plot's x axis shows. */
    public enum Axis {
        GFLOPS("GFLOPs"), LATENCY("latency (ms)");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One kept plan with its costs and, when measured on the current data, its measurement (else null). */
    public record Row(PlanSnapshot snapshot, long params, long macs, PlanMeasurement measured) {

        public String name() {
            return snapshot.name();
        }

        public double gflops() {
            return 2e-9 * macs;
        }

        public double latencyMs() {
            return measured == null ? Double.NaN : measured.prunedMs();
        }

        public double metric() {
            return measured == null ? Double.NaN : measured.prunedMetric();
        }

        public double cost(Axis axis) {
            return axis == Axis.GFLOPS ? gflops() : latencyMs();
        }
    }

    private final ObservableValue<Workspace> workspace;
    private final ObservableValue<PruningPlan> plan;
    private final PlanMeasureViewModel measurer;
    private final Consumer<PruningPlan> makeCurrent;
    private final Executor worker;
    private final Executor costs;
    private final PlanSnapshots snapshots = new PlanSnapshots();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> front = FXCollections.observableArrayList();
    private final ObjectProperty<Axis> axis = new SimpleObjectProperty<>(this, "axis", Axis.GFLOPS);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BackgroundRun run;
    private final LatestResult<List<Row>> frontWorker;
    private Runnable onKeptChanged = () -> { };
    private long generation;

    /**
     * @param measurer    measures plans and keeps their results (shared with "Measure plan")
     * @param makeCurrent makes a plan the document's plan as one undoable step
     * @param worker      runs the measurements and writes plan files (the measuring thread "Measure plan" uses)
     * @param costs       computes the kept plans' costs (not behind a measurement that takes minutes)
     */
    public PlanComparisonViewModel(ObservableValue<Workspace> workspace, ObservableValue<PruningPlan> plan,
                                   PlanMeasureViewModel measurer, Consumer<PruningPlan> makeCurrent, Executor worker,
                                   Executor costs) {
        this.workspace = workspace;
        this.plan = plan;
        this.measurer = measurer;
        this.makeCurrent = makeCurrent;
        this.worker = worker;
        this.costs = costs;
        this.run = new BackgroundRun(running, progress, status, worker);
        this.frontWorker = new LatestResult<>(costs);
        axis.addListener((obs, old, now) -> updateFront());
        measurer.addMeasuredListener(this::refresh);
        measurer.limitProperty().addListener((obs, old, now) -> refresh());
        workspace.addListener((obs, old, now) -> {
            // kept plans belong to a model: another model starts with none (a session's own are set before it opens)
            if (now == null || snapshots.all().stream().anyMatch(s -> !s.plan().modelSha256()
                    .equals(now.model().sha256()))) {
                snapshots.setAll(List.of());
            }
            refresh();
        });
    }

    /** Keeps the current plan as {@code name} (blank: "plan N"). */
    public void keepCurrent(String name) {
        PruningPlan p = plan.getValue();
        if (p == null) {
            return;
        }
        snapshots.keep(name, p);
        onKeptChanged.run();
        refresh();
    }

    public void remove(Row row) {
        if (snapshots.remove(row.name())) {
            onKeptChanged.run();
            refresh();
        }
    }

    /** Makes the kept plan current (undoable). */
    public void use(Row row) {
        makeCurrent.accept(row.snapshot().plan());
    }

    /** Writes the kept plan as a plan file (on the worker); {@code done} gets null or the error, on the FX thread. */
    public void export(Row row, Path target, Consumer<String> done) {
        Workspace ws = workspace.getValue();
        if (ws == null) {
            return;
        }
        worker.execute(() -> {
            String error = null;
            try {
                ws.savePlan(row.snapshot().plan(), target);
            } catch (IOException | RuntimeException e) {
                error = e.getMessage();
            }
            String e = error;
            Platform.runLater(() -> done.accept(e));
        });
    }

    /** Measures every kept plan not yet measured on the current data, one after the other; Cancel stops between. */
    public void measureAll() {
        Workspace ws = workspace.getValue();
        if (ws == null || running.get()) {
            return;
        }
        List<PlanSnapshot> todo = snapshots.all();
        Task<Integer> t = new Task<>() {
            @Override
            protected Integer call() {
                CancellationToken cancel = CancellationToken.of(this::isCancelled);
                int done = 0;
                for (PlanSnapshot s : todo) {
                    cancel.throwIfCancelled();
                    updateMessage("Measuring " + s.name() + " (" + (done + 1) + " of " + todo.size() + ") …");
                    updateProgress(done, todo.size());
                    measurer.measureNow(ws, s.plan(), cancel);
                    done++;
                    Platform.runLater(PlanComparisonViewModel.this::refresh);
                }
                return done;
            }
        };
        run.start(t, n -> {
            status.set("Measured " + n + (n == 1 ? " kept plan." : " kept plans."));
            refresh();
        }, () -> "Cancelled.", "Measurement failed");
    }

    public void cancel() {
        run.cancel();
    }

    /** Costs (worker) and known measurements for every kept plan; the latest refresh wins. */
    public void refresh() {
        Workspace ws = workspace.getValue();
        // a session's kept plans arrive before its model has opened: only the open model's plans are costed
        List<PlanSnapshot> kept = ws == null ? List.of() : snapshots.all().stream()
                .filter(k -> k.plan().modelSha256().equals(ws.model().sha256())).toList();
        long mine = ++generation;
        if (ws == null) {
            rows.clear();
            updateFront();
            return;
        }
        costs.execute(() -> {
            List<long[]> sizes = new ArrayList<>();
            for (PlanSnapshot s : kept) {
                Preview p = ws.preview(s.plan());
                sizes.add(new long[]{p.paramsAfter(), p.macsAfter()});
            }
            Platform.runLater(() -> {
                if (mine != generation) {
                    return;
                }
                List<Row> out = new ArrayList<>();
                for (int i = 0; i < kept.size(); i++) {
                    PlanSnapshot s = kept.get(i);
                    out.add(new Row(s, sizes.get(i)[0], sizes.get(i)[1], measurer.measured(s.plan())));
                }
                rows.setAll(out);
                updateFront();
            });
        });
    }

    /**
     * The front of the rows for the chosen axis, computed on the costs worker (latest request wins) since it ran on
     * the FX thread in the pulse that installs a model (src/docs/time-to-interactive.md, fourth round). No rows: no
     * front, set at once, and a computation still under way is dropped.
     */
    private void updateFront() {
        List<Row> points = List.copyOf(rows);
        Axis a = axis.get();
        if (points.isEmpty()) {
            frontWorker.discard();
            front.clear();
            return;
        }
        frontWorker.submit(() -> ParetoFront.of(points, r -> r.cost(a), Row::metric), front::setAll);
    }

    /** The kept plans, as saved with the session. */
    public List<PlanSnapshot> kept() {
        return snapshots.all();
    }

    /** Kept plans read from a session file (before its model opens). */
    public void setKept(List<PlanSnapshot> kept) {
        snapshots.setAll(kept);
        refresh();
    }

    /** Called after a plan is kept or removed (the session's autosave). */
    public void setOnKeptChanged(Runnable r) {
        this.onKeptChanged = Objects.requireNonNull(r);
    }

    public String nextName() {
        return snapshots.nextName();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /**
     * The Pareto-optimal measured rows for the chosen axis, cheapest first. Computed off the FX thread: it follows
     * {@link #rows()} and the axis a moment later.
     */
    public ObservableList<Row> front() {
        return front;
    }

    public ObjectProperty<Axis> axisProperty() {
        return axis;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
