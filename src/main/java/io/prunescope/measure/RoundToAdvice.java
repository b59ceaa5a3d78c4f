package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which channel-count multiple ({@code --round-to}) this machine's runtime rewards, read from the
 * {@link LatencyTable}: for the model's most expensive convolutions, around the channel count a given ratio leaves,
 * the latency of every count c is compared with that of c rounded up to a multiple m. When rounding up costs
 * nothing (or saves time) the runtime's blocked kernels pad to m anyway, so pruning to a non-multiple wastes the
 * channels it removes. The advice is the largest m whose rounding up costs at most {@value #FREE} of latency on
 * average (trimmed mean) over the sampled layers and counts.
 */
public final class RoundToAdvice {

    static final int[] MULTIPLES = {2, 4, 8, 16, 32};
    static final double FREE = 0.02;

    /** @param ratioUp trimmed mean over (layer, count) of latency(round up to m) / latency(count), per multiple */
    public record Advice(int roundTo, int[] multiples, double[] ratioUp, List<Sample> samples) {
    }

    /** One sampled layer: its counts and their measured latencies. */
    public record Sample(String layer, ConvShape shape, int[] counts, double[] millis) {
    }

    private RoundToAdvice() {
    }

    /**
     * @param ratio  the pruning ratio around whose remaining channel count the window is measured
     * @param layers how many of the most expensive convolutions (by MACs) to sample
     * @param halfWindow counts c0 − halfWindow … c0 + halfWindow are measured
     */
    public static Advice advise(Workspace ws, LatencyTable table, double ratio, int layers, int halfWindow,
                                Progress progress, CancellationToken cancel) {
        List<PrunableLayer> convs = new ArrayList<>();
        List<ConvShape> shapes = new ArrayList<>();
        for (PrunableLayer l : ws.engine().layers()) {
            ConvShape.of(ws, l).filter(s -> s.groups() == 1 && s.outChannels() >= 8).ifPresent(s -> {
                convs.add(l);
                shapes.add(s);
            });
        }
        Integer[] order = new Integer[convs.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> shapes.get(i).macs()).reversed());
        int take = Math.min(layers, order.length);
        List<Sample> samples = new ArrayList<>();
        for (int k = 0; k < take; k++) {
            ConvShape s = shapes.get(order[k]);
            int c0 = Math.max(1, (int) Math.round(s.outChannels() * (1 - ratio)));
            int from = Math.max(1, c0 - halfWindow);
            int to = c0 + halfWindow + 32; // room to round the window's top up to 32
            int[] counts = new int[to - from + 1];
            double[] ms = new double[counts.length];
            for (int c = from; c <= to; c++) {
                counts[c - from] = c;
                ms[c - from] = table.millis(s, c, cancel);
            }
            samples.add(new Sample(convs.get(order[k]).name(), s, counts, ms));
            progress.report(k + 1, take, convs.get(order[k]).name());
        }
        return fromSamples(samples, halfWindow);
    }

    /** The advice from measured samples (each measured from c0 − halfWindow to c0 + halfWindow + 32). */
    static Advice fromSamples(List<Sample> samples, int halfWindow) {
        double[] ratioUp = new double[MULTIPLES.length];
        int roundTo = 1;
        for (int mi = 0; mi < MULTIPLES.length; mi++) {
            int m = MULTIPLES[mi];
            List<Double> ratios = new ArrayList<>();
            for (Sample s : samples) {
                int windowEnd = Math.min(s.counts().length, 2 * halfWindow + 1);
                for (int i = 0; i < windowEnd; i++) {
                    int c = s.counts()[i];
                    int up = (c + m - 1) / m * m;
                    int j = up - s.counts()[0];
                    if (j < s.counts().length) {
                        ratios.add(s.millis()[j] / s.millis()[i]);
                    }
                }
            }
            ratioUp[mi] = trimmedMean(ratios);
            if (ratioUp[mi] <= 1 + FREE) {
                roundTo = m;
            }
        }
        return new Advice(roundTo, MULTIPLES.clone(), ratioUp, samples);
    }

    /**
     * Mean without the lowest and highest tenth. Not the median: rounding up to 2m is free for the half of the
     * counts already in the top m-block, so the median would call it free; not the plain mean either, because one
     * timing disturbed by another process would decide.
     */
    private static double trimmedMean(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int cut = a.length / 10;
        double sum = 0;
        for (int i = cut; i < a.length - cut; i++) {
            sum += a[i];
        }
        return sum / (a.length - 2 * cut);
    }
}
