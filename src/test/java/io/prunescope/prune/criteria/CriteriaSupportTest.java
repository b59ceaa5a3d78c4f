package io.prunescope.prune.criteria;

import static io.prunescope.prune.criteria.Criterion.*;
import static io.prunescope.prune.criteria.Granularity.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CriteriaSupportTest {

    @Test
    void tableMatchesTheDocumentedDesign() {
        Set<Granularity> all = EnumSet.complementOf(EnumSet.of(LAYER));
        Set<Granularity> distance = EnumSet.of(FILTER, NEURON, CHANNEL, SHAPE, KERNEL, VECTOR, STRIPE);
        Set<Granularity> bn = EnumSet.of(FILTER, NEURON);
        for (Granularity g : Granularity.values()) {
            assertThat(CriteriaSupport.isSupported(L1, g)).as("L1 %s", g).isEqualTo(all.contains(g));
            assertThat(CriteriaSupport.isSupported(L2, g)).as("L2 %s", g).isEqualTo(all.contains(g));
            assertThat(CriteriaSupport.isSupported(RANDOM, g)).as("RANDOM %s", g).isEqualTo(all.contains(g));
            assertThat(CriteriaSupport.isSupported(FPGM, g)).as("FPGM %s", g).isEqualTo(distance.contains(g));
            assertThat(CriteriaSupport.isSupported(GEOMETRIC_MEDIAN, g)).as("GM %s", g).isEqualTo(distance.contains(g));
            assertThat(CriteriaSupport.isSupported(BN_SCALE, g)).as("BN %s", g).isEqualTo(bn.contains(g));
        }
    }

    @Test
    void everyCellHasAReason() {
        for (Criterion c : Criterion.values()) {
            for (Granularity g : Granularity.values()) {
                assertThat(CriteriaSupport.supports(c, g).reason()).as("%s × %s", c, g).isNotBlank();
            }
        }
    }

    @Test
    void granularityMetadata() {
        assertThat(EnumSet.allOf(Granularity.class).stream().filter(Granularity::structured))
                .containsExactlyInAnyOrder(FILTER, CHANNEL, NEURON, LAYER);
        assertThat(NEURON.appliesToRank(2)).isTrue();
        assertThat(NEURON.appliesToRank(4)).isFalse();
        assertThat(FILTER.appliesToRank(3)).isTrue();
        assertThat(FILTER.appliesToRank(2)).isFalse();
        assertThat(N_M.appliesToRank(2)).isTrue();
        assertThat(N_M.appliesToRank(4)).isTrue();
        assertThat(LAYER.appliesToRank(4)).isFalse();
        for (Granularity g : Granularity.values()) {
            assertThat(g.label()).isNotBlank();
        }
    }
}
