package io.prunescope.ui.measure;

import io.prunescope.files.GuardedWriter;
import io.prunescope.measure.ActivationCriteria;
import io.prunescope.measure.BudgetPlanner;
import io.prunescope.measure.BudgetSearch;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Comparison;
import io.prunescope.measure.Metric;
import io.prunescope.measure.Recovery;
import io.prunescope.measure.SensitivityAnalysis;
import io.prunescope.measure.SensitivityCache;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FidelityReport;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.concurrent.Task;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Compare, Sensitivity, Budget and Recovery tabs of the measure window: each action runs the current plan on a
 * background thread (one at a time) with progress and Cancel, and appends its result to the log. State that one
 * tab hands to the next (sensitivity curves → budget, a recovered model → its export) lives here.
 */
public final class MeasureViewModel {

    /** One measurement; returns the text to log. */
    private interface Work {
        String call(CancellationToken cancel) throws Exception;
    }

    private final Workspace ws;
    private final Supplier<PruningPlan> currentPlan;
    private final Consumer<PruningPlan> applyPlan;
    private final MeasureDataViewModel data;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty log = new SimpleStringProperty(this, "log", "");
    private final ObjectProperty<JFreeChart> chart = new SimpleObjectProperty<>(this, "chart",
            SensitivityChart.empty());
    private final ReadOnlyBooleanWrapper proposalReady = new ReadOnlyBooleanWrapper(this, "proposalReady");
    private final ReadOnlyBooleanWrapper recoveredReady = new ReadOnlyBooleanWrapper(this, "recoveredReady");
    /** The budget search's rounds, as measured (FX thread). */
    private final javafx.collections.ObservableList<BudgetSearch.Round> rounds =
            javafx.collections.FXCollections.observableArrayList();
    private volatile SensitivityResult curves;
    private volatile BudgetPlanner.Proposal proposal;
    private volatile Recovery.Result recovered;
    private Task<String> running;
    private Consumer<SensitivityResult> onSensitivity = r -> { };

    public MeasureViewModel(Workspace ws, Supplier<PruningPlan> currentPlan, Consumer<PruningPlan> applyPlan,
                            MeasureDataViewModel data) {
        this.ws = ws;
        this.currentPlan = currentPlan;
        this.applyPlan = applyPlan;
        this.data = data;
    }

    // ---- Compare -------------------------------------------------------------------------------------------

    void latency() {
        run("latency", c -> Comparison.latency(ws, currentPlan.get(), Calibration.first(data.inputs(), 1),
                data.threadsProperty().get(), 5, 30, this::progressTo, c).toString());
    }

    void fidelity() {
        run("fidelity", c -> {
            FidelityReport r = Comparison.fidelity(ws, currentPlan.get(), data.inputs(), 32, data.options(), c);
            StringBuilder sb = new StringBuilder();
            r.outputs().forEach(o -> sb.append(String.format(Locale.ROOT,
                    "%s: cosine %.6f, max |err| %.4g, mean |err| %.4g%s (%d samples)%n", o.name(), o.cosine(),
                    o.maxAbsError(), o.meanAbsError(), o.top1Agreement() == null ? ""
                            : String.format(Locale.ROOT, ", top-1 agreement %.4f", o.top1Agreement()), o.samples())));
            r.notes().forEach(n -> sb.append(n).append('\n'));
            return sb.toString().strip();
        });
    }

    void accuracy() {
        run("accuracy", c -> {
            Comparison.AccuracyReport r = Comparison.accuracy(ws, currentPlan.get(), data.labelled(), 64,
                    data.options(), this::progressTo, c);
            return "original " + r.original() + "\npruned   " + r.pruned();
        });
    }

    void activations() {
        run("activation criteria", c -> {
            ActivationCriteria.Result r = ActivationCriteria.measureAndApply(ws, data.inputs(), 64, data.options(),
                    this::progressTo, c);
            return r.layers().size() + " layers measured on " + r.samples() + " samples; MEAN_ACTIVATION and APOZ "
                    + "are now usable in plans" + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes()));
        });
    }

    void setOnSensitivity(Consumer<SensitivityResult> consumer) {
        this.onSensitivity = consumer;
    }

    // ---- Sensitivity, Budget -------------------------------------------------------------------------------

    void sensitivity(Criterion criterion) {
        run("sensitivity", c -> {
            if (criterion == Criterion.MEAN_ACTIVATION || criterion == Criterion.APOZ) {
                ActivationCriteria.measureAndApply(ws, data.inputs(), 64, data.options(), Progress.NONE, c);
            }
            Metric m = metric();
            SensitivityResult r = new SensitivityAnalysis(ws, criterion, SensitivityAnalysis.DEFAULT_RATIOS,
                    data.options()).run(m, this::progressTo, c);
            curves = r;
            Platform.runLater(() -> {
                chart.set(SensitivityChart.of(r));
                onSensitivity.accept(r);
            });
            return String.format(Locale.ROOT, "%d groups, %s baseline %.4f (cached in %s)", r.groups().size(),
                    r.metric(), r.baseline(), SensitivityCache.defaultCache().dir());
        });
    }

    /**
     * Proposes a plan for the target, measures it (and its recovered version), and refines it when the measurement
     * falls short of the prediction; each round is logged as it is measured. Cancel stops between measurements.
     */
    void propose(BudgetPlanner.Target target, String fraction, Recovery.Mode recover, boolean recoveryAware,
                 int refineRounds) {
        run("budget", c -> {
            double f = Double.parseDouble(fraction.trim());
            Metric metric = metric();
            Map<String, FloatTensor> inputs = data.inputs();
            Map<String, FloatTensor> x = Calibration.first(inputs, 1);
            SensitivityResult shown = curves;
            Criterion criterion = shown != null ? Criterion.valueOf(shown.criterion()) : Criterion.L1;
            BudgetSearch.Settings settings = new BudgetSearch.Settings(target, f, criterion,
                    SensitivityAnalysis.DEFAULT_RATIOS[SensitivityAnalysis.DEFAULT_RATIOS.length - 1],
                    SensitivityAnalysis.DEFAULT_RATIOS, Recovery.Options.of(recover).withRuntime(data.options()),
                    recoveryAware, refineRounds, 0.01);
            BudgetSearch search = new BudgetSearch(ws, metric, inputs, data.options(),
                    plan -> Comparison.latency(ws, plan, x, data.threadsProperty().get(), 3, 15, Progress.NONE, c)
                            .latencyReduction());
            // the Sensitivity tab's curves serve when they are the plain ones on this data; else measure (cached)
            SensitivityResult r = shown != null && !recoveryAware && shown.metric().equals(metric.name())
                    && shown.dataIdentity().equals(metric.dataIdentity()) ? shown
                    : search.initialAnalysis(settings).run(metric, this::progressTo, c);
            String recoverName = recover.name().toLowerCase(Locale.ROOT);
            Platform.runLater(rounds::clear);
            BudgetSearch.Outcome o = search.run(settings, r, round -> {
                String line = round.summary(metric.name(), recoverName);
                Platform.runLater(() -> {
                    append(line);
                    rounds.add(round);
                });
            }, this::progressTo, c);
            BudgetPlanner.Proposal p = o.chosen().proposal();
            proposal = p;
            Platform.runLater(() -> proposalReady.set(true));
            StringBuilder sb = new StringBuilder("chosen: round ").append(o.chosen().round()).append(" of ")
                    .append(o.rounds().size()).append(" (").append(o.stopReason()).append(")\n").append(p)
                    .append('\n');
            p.groupRatios().forEach((g, ratio) -> sb.append(String.format(Locale.ROOT, "  group %d → %.2f%n", g,
                    ratio)));
            p.notes().forEach(n -> sb.append(n).append('\n'));
            return sb.toString().strip();
        });
    }

    /** Accuracy on labelled data; without labels, top-1 agreement with the original on the chosen inputs. */
    private Metric metric() {
        Dataset d = data.isRandom() ? null : data.labelled();
        return d != null ? Metric.accuracy(d, 64) : Metric.fidelity(data.inputs(), Metric.FidelityKind.AGREEMENT, 32);
    }

    void applyProposal() {
        if (proposal != null) {
            applyPlan.accept(proposal.plan());
            append("budget plan applied; hand-tune it in the main window");
        }
    }

    // ---- Recovery ------------------------------------------------------------------------------------------

    void recover(Recovery.Mode mode) {
        run("recovery", c -> {
            PruningPlan plan = currentPlan.get();
            Recovery.Result r = Recovery.recover(ws, plan, data.inputs(),
                    Recovery.Options.of(mode).withRuntime(data.options()), this::progressTo, c);
            recovered = r;
            Platform.runLater(() -> recoveredReady.set(true));
            StringBuilder sb = new StringBuilder();
            r.layers().forEach(l -> sb.append(l).append('\n'));
            r.notes().forEach(n -> sb.append(n).append('\n'));
            if (!data.isRandom()) {
                Dataset d = data.labelled();
                AccuracyResult none = Comparison.accuracy(ws.exportBytes(plan, ExportKind.HARD), d, 64,
                        data.options(), Progress.NONE, c);
                AccuracyResult after = Comparison.accuracy(r.model(), d, 64, data.options(), Progress.NONE, c);
                sb.append("accuracy without recovery ").append(none).append("\naccuracy with ").append(mode)
                        .append(' ').append(after);
            }
            return sb.toString().strip();
        });
    }

    void writeRecovered(Path target) {
        Recovery.Result r = recovered;
        if (r == null) {
            return;
        }
        try {
            // Never over the open model or its weights file, whatever the dialog allowed.
            new GuardedWriter().protectAll(ws.inputFiles(), "the open model's file").claim(target, "the export")
                    .write(target, r.model());
            append("wrote " + target);
        } catch (IOException e) {
            append("error: " + e.getMessage());
        }
    }

    // ---- background work -----------------------------------------------------------------------------------

    void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void run(String what, Work work) {
        if (busy.get()) {
            append("busy: cancel the running measurement first");
            return;
        }
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                return work.call(CancellationToken.of(this::isCancelled));
            }
        };
        task.setOnSucceeded(e -> finish(what + ": " + task.getValue()));
        task.setOnCancelled(e -> finish(what + ": cancelled"));
        task.setOnFailed(e -> finish(what + ": " + (task.getException() instanceof CancellationException
                ? "cancelled" : "error: " + task.getException().getMessage())));
        running = task;
        busy.set(true);
        progress.set(-1);
        append(what + "…");
        Thread t = new Thread(task, "measure-" + what);
        t.setDaemon(true);
        t.start();
    }

    private void progressTo(long done, long total, String message) {
        Platform.runLater(() -> progress.set(total == 0 ? 0 : (double) done / total));
    }

    private void finish(String message) {
        busy.set(false);
        progress.set(0);
        append(message);
    }

    private void append(String line) {
        log.set(log.get() + line + "\n");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty logProperty() {
        return log;
    }

    public ObjectProperty<JFreeChart> chartProperty() {
        return chart;
    }

    public javafx.collections.ObservableList<BudgetSearch.Round> rounds() {
        return rounds;
    }

    public ReadOnlyBooleanProperty proposalReadyProperty() {
        return proposalReady.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty recoveredReadyProperty() {
        return recoveredReady.getReadOnlyProperty();
    }
}
