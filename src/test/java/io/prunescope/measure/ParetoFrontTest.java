package io.prunescope.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pareto front on hand-made points, checked against the definition worked out by hand. */
class ParetoFrontTest {

    record P(String name, double gflops, double accuracy) {
    }

    @Test
    void keepsExactlyTheUndominatedPointsCheapestFirst() {
        // by hand: A (1.0, 0.80) cheapest; B (1.5, 0.85) better; C (1.5, 0.82) same cost as B, worse → dominated;
        // D (2.0, 0.84) costs more than B, worse → dominated; E (3.0, 0.90) best; F (3.5, 0.90) same value, dearer →
        // dominated; G has NaN accuracy (not measured) → left out.
        P a = new P("A", 1.0, 0.80);
        P b = new P("B", 1.5, 0.85);
        P c = new P("C", 1.5, 0.82);
        P d = new P("D", 2.0, 0.84);
        P e = new P("E", 3.0, 0.90);
        P f = new P("F", 3.5, 0.90);
        P g = new P("G", 0.5, Double.NaN);
        List<P> front = ParetoFront.of(List.of(f, d, c, g, e, b, a), P::gflops, P::accuracy);
        assertThat(front).containsExactly(a, b, e);
    }

    @Test
    void aSinglePointAndEqualPoints() {
        P a = new P("A", 1.0, 0.5);
        assertThat(ParetoFront.of(List.of(a), P::gflops, P::accuracy)).containsExactly(a);
        P a2 = new P("A2", 1.0, 0.5);
        assertThat(ParetoFront.of(List.of(a, a2), P::gflops, P::accuracy)).hasSize(1);
        assertThat(ParetoFront.of(List.<P>of(), P::gflops, P::accuracy)).isEmpty();
    }

    @Test
    void everyPointOffTheFrontIsDominatedByOneOnIt() {
        java.util.Random rnd = new java.util.Random(7);
        List<P> points = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(new P("p" + i, rnd.nextDouble(), rnd.nextDouble()));
        }
        List<P> front = ParetoFront.of(points, P::gflops, P::accuracy);
        for (P p : points) {
            boolean dominated = points.stream().anyMatch(q -> q.gflops() <= p.gflops()
                    && q.accuracy() >= p.accuracy() && (q.gflops() < p.gflops() || q.accuracy() > p.accuracy()));
            assertThat(front.contains(p)).as(p.name()).isEqualTo(!dominated);
        }
    }
}
