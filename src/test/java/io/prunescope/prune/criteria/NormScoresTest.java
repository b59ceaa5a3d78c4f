package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** L1/L2 per granularity on a 2×2×2×2 conv weight whose sums are worked out by hand below. */
class NormScoresTest {

    /*
     * W[o][c][i][j], flat index o·8 + c·4 + i·2 + j:
     *   o=0 c=0: [ 1 -2 ;  3 -4 ]    o=0 c=1: [ 5  6 ; -7  8 ]
     *   o=1 c=0: [-1  0 ;  2  2 ]    o=1 c=1: [ 0 -3 ;  1  1 ]
     * Σ|w| = 46 (every granularity's L1 scores must add up to it).
     */
    static final float[] DATA = {1, -2, 3, -4, 5, 6, -7, 8, -1, 0, 2, 2, 0, -3, 1, 1};
    static final WeightView CONV = WeightView.of(DATA, 2, 2, 2, 2);
    private static final ScoreOptions OPTS = ScoreOptions.defaults();

    private static float[] score(Granularity g, Criterion c) {
        return Scorer.scores(CONV, g, c, OPTS);
    }

    private static float s(double v) {
        return (float) Math.sqrt(v);
    }

    @Test
    void weightIsMagnitudeForBothNorms() {
        float[] abs = {1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 2, 2, 0, 3, 1, 1};
        assertThat(score(Granularity.WEIGHT, Criterion.L1)).containsExactly(abs);
        assertThat(score(Granularity.WEIGHT, Criterion.L2)).containsExactly(abs);
        assertThat(score(Granularity.N_M, Criterion.L1)).containsExactly(abs);
    }

    @Test
    void vectorIsKernelRow() {
        // rows (o,c,i): [1,-2] [3,-4] [5,6] [-7,8] [-1,0] [2,2] [0,-3] [1,1]
        assertThat(score(Granularity.VECTOR, Criterion.L1)).containsExactly(3, 7, 11, 15, 1, 4, 3, 2);
        assertThat(score(Granularity.VECTOR, Criterion.L2)).containsExactly(
                new float[] {s(5), 5, s(61), s(113), 1, s(8), 3, s(2)}, within(1e-6f));
    }

    @Test
    void kernelIsTwoDimensionalKernel() {
        // (0,0): 1+2+3+4=10, 1+4+9+16=30 | (0,1): 26, 25+36+49+64=174 | (1,0): 5, 9 | (1,1): 5, 11
        assertThat(score(Granularity.KERNEL, Criterion.L1)).containsExactly(10, 26, 5, 5);
        assertThat(score(Granularity.KERNEL, Criterion.L2)).containsExactly(
                new float[] {s(30), s(174), 3, s(11)}, within(1e-6f));
    }

    @Test
    void filterIsOutputChannel() {
        // o=0: 10+26=36, 30+174=204 | o=1: 5+5=10, 9+11=20
        assertThat(score(Granularity.FILTER, Criterion.L1)).containsExactly(36, 10);
        assertThat(score(Granularity.FILTER, Criterion.L2)).containsExactly(
                new float[] {s(204), s(20)}, within(1e-6f));
    }

    @Test
    void channelIsInputChannelAcrossFilters() {
        // c=0: kernels (0,0)+(1,0): 10+5=15, 30+9=39 | c=1: 26+5=31, 174+11=185
        assertThat(score(Granularity.CHANNEL, Criterion.L1)).containsExactly(15, 31);
        assertThat(score(Granularity.CHANNEL, Criterion.L2)).containsExactly(
                new float[] {s(39), s(185)}, within(1e-6f));
    }

    @Test
    void shapeIsOneImToColColumn() {
        // (c,i,j) → {W[0][c][i][j], W[1][c][i][j]}: c0: {1,-1} {-2,0} {3,2} {-4,2}; c1: {5,0} {6,-3} {-7,1} {8,1}
        assertThat(score(Granularity.SHAPE, Criterion.L1)).containsExactly(2, 2, 5, 6, 5, 9, 8, 9);
        assertThat(score(Granularity.SHAPE, Criterion.L2)).containsExactly(
                new float[] {s(2), 2, s(13), s(20), 5, s(45), s(50), s(65)}, within(1e-6f));
    }

    @Test
    void stripeIsOneKernelPositionOfOneFilter() {
        // (o,i,j) → {W[o][0][i][j], W[o][1][i][j]}: o0: {1,5} {-2,6} {3,-7} {-4,8}; o1: {-1,0} {0,-3} {2,1} {2,1}
        assertThat(score(Granularity.STRIPE, Criterion.L1)).containsExactly(6, 8, 10, 12, 1, 3, 3, 3);
        assertThat(score(Granularity.STRIPE, Criterion.L2)).containsExactly(
                new float[] {s(26), s(40), s(58), s(80), 1, 3, s(5), s(5)}, within(1e-6f));
    }

    @Test
    void everyGranularityL1AddsUpToTheTotal() {
        for (Granularity g : new Granularity[] {Granularity.WEIGHT, Granularity.VECTOR, Granularity.KERNEL,
                Granularity.FILTER, Granularity.CHANNEL, Granularity.SHAPE, Granularity.STRIPE}) {
            double total = 0;
            for (float v : score(g, Criterion.L1)) {
                total += v;
            }
            assertThat(total).as(g.name()).isEqualTo(46.0);
        }
    }

    @Test
    void neuronIsFcRow() {
        WeightView fc = WeightView.of(new float[] {1, -2, 2, 0, 3, -4}, 2, 3);
        assertThat(Scorer.scores(fc, Granularity.NEURON, Criterion.L1, OPTS)).containsExactly(5, 7);
        assertThat(Scorer.scores(fc, Granularity.NEURON, Criterion.L2, OPTS)).containsExactly(3, 5);
    }

    @Test
    void conv1dTreatsKernelAsOneRow() {
        // [2][1][3]: o0 = [1,-2,2], o1 = [0,3,-4]
        WeightView conv1d = WeightView.of(new float[] {1, -2, 2, 0, 3, -4}, 2, 1, 3);
        assertThat(Scorer.scores(conv1d, Granularity.VECTOR, Criterion.L1, OPTS)).containsExactly(5, 7);
        assertThat(Scorer.scores(conv1d, Granularity.KERNEL, Criterion.L2, OPTS)).containsExactly(3, 5);
        // stripes (o, j): {W[o][0][j]}
        assertThat(Scorer.scores(conv1d, Granularity.STRIPE, Criterion.L1, OPTS)).containsExactly(1, 2, 2, 0, 3, 4);
    }
}
