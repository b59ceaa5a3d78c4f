package io.prunescope.analysis;

import io.prunescope.model.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-computed shapes on tiny in-memory graphs. */
class ShapeInferenceTest {

    private static ShapeInference.Result infer(TestModels b, String input, long... shape) {
        return ShapeInference.infer(b.build(), Map.of(input, shape));
    }

    private static long[] shapeOf(TestModels b, String out, String input, long... shape) {
        ShapeInference.Result r = infer(b, input, shape);
        assertThat(r.shapes()).as("shape of " + out).containsKey(out);
        return r.shape(out);
    }

    @Test
    void convPadsStridesDilationsGroups() {
        // floor((32 + 1 + 1 - 3) / 2) + 1 = 16
        TestModels b = new TestModels().input("x", 1, 3, 32, 32).weight("w", 16, 3, 3, 3).weight("b", 16)
                .op("Conv").in("x", "w", "b").out("y").ints("pads", 1, 1, 1, 1).ints("strides", 2, 2).add();
        assertThat(shapeOf(b, "y", "x", 1, 3, 32, 32)).containsExactly(1, 16, 16, 16);
        // dilation 2: effective kernel 5; pads [h_begin 0, w_begin 2, h_end 1, w_end 3]: 32+0+1-5+1 = 29, 32+2+3-5+1 = 33
        b = new TestModels().input("x", 1, 3, 32, 32).weight("w", 8, 3, 3, 3)
                .op("Conv").in("x", "w").out("y").ints("dilations", 2, 2).ints("pads", 0, 2, 1, 3).add();
        assertThat(shapeOf(b, "y", "x", 1, 3, 32, 32)).containsExactly(1, 8, 29, 33);
        // grouped: 8 channels in 4 groups of 2, 16 filters
        b = new TestModels().input("x", 2, 8, 10, 10).weight("w", 16, 2, 3, 3)
                .op("Conv").in("x", "w").out("y").i("group", 4).add();
        assertThat(shapeOf(b, "y", "x", 2, 8, 10, 10)).containsExactly(2, 16, 8, 8);
        // depthwise
        b = new TestModels().input("x", 1, 32, 56, 56).weight("w", 32, 1, 3, 3)
                .op("Conv").in("x", "w").out("y").i("group", 32).ints("pads", 1, 1, 1, 1).ints("strides", 2, 2).add();
        assertThat(shapeOf(b, "y", "x", 1, 32, 56, 56)).containsExactly(1, 32, 28, 28);
    }

    @Test
    void convAutoPadAndOtherRanks() {
        TestModels b = new TestModels().input("x", 1, 3, 7, 8).weight("w", 4, 3, 3, 3)
                .op("Conv").in("x", "w").out("same").s("auto_pad", "SAME_UPPER").ints("strides", 2, 2).add()
                .op("Conv").in("x", "w").out("lower").s("auto_pad", "SAME_LOWER").ints("strides", 2, 3).add()
                .op("Conv").in("x", "w").out("valid").s("auto_pad", "VALID").ints("strides", 2, 2).add();
        ShapeInference.Result r = infer(b, "x", 1, 3, 7, 8);
        assertThat(r.shape("same")).containsExactly(1, 4, 4, 4);   // ceil(7/2), ceil(8/2)
        assertThat(r.shape("lower")).containsExactly(1, 4, 4, 3);  // ceil(7/2), ceil(8/3)
        assertThat(r.shape("valid")).containsExactly(1, 4, 3, 3);  // (7-3)/2+1, (8-3)/2+1
        // 1-D: floor((20 - 5) / 3) + 1 = 6
        b = new TestModels().input("x", 1, 4, 20).weight("w", 8, 4, 5)
                .op("Conv").in("x", "w").out("y").ints("strides", 3).add();
        assertThat(shapeOf(b, "y", "x", 1, 4, 20)).containsExactly(1, 8, 6);
        // 3-D with pads 1: size kept
        b = new TestModels().input("x", 1, 2, 8, 6, 4).weight("w", 4, 2, 3, 3, 3)
                .op("Conv").in("x", "w").out("y").ints("pads", 1, 1, 1, 1, 1, 1).add();
        assertThat(shapeOf(b, "y", "x", 1, 2, 8, 6, 4)).containsExactly(1, 4, 8, 6, 4);
    }

    @Test
    void convChannelMismatchNamesTheNode() {
        TestModels b = new TestModels().input("x", 1, 4, 8, 8).weight("w", 8, 3, 3, 3)
                .op("Conv").name("stem.conv").in("x", "w").out("y").add();
        assertThatThrownBy(() -> infer(b, "x", 1, 4, 8, 8))
                .isInstanceOf(ShapeInferenceException.class)
                .hasMessageContaining("stem.conv").hasMessageContaining("4 channels").hasMessageContaining("expects 3");
    }

    @Test
    void convTranspose() {
        // 2*(5-1) + 1 + 3 - 1 - 1 = 10; 2 groups of 4 output channels
        TestModels b = new TestModels().input("x", 1, 8, 5, 5).weight("w", 8, 4, 3, 3)
                .op("ConvTranspose").in("x", "w").out("y").ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
                .ints("output_padding", 1, 1).i("group", 2).add()
                .op("ConvTranspose").in("x", "w").out("z").ints("strides", 2, 2).ints("output_shape", 11, 12).add()
                .op("ConvTranspose").in("x", "w").out("plain").add();
        ShapeInference.Result r = infer(b, "x", 1, 8, 5, 5);
        assertThat(r.shape("y")).containsExactly(1, 8, 10, 10);
        assertThat(r.shape("z")).containsExactly(1, 4, 11, 12);
        assertThat(r.shape("plain")).containsExactly(1, 4, 7, 7);
    }

    @Test
    void poolingCeilModeAndGlobal() {
        TestModels b = new TestModels().input("x", 1, 2, 5, 6)
                // floor: (5+2-2)/2+1 = 3; ceil: ceil(5/2)+1 = 4 but the 4th window starts in the padding -> 3
                .op("MaxPool").in("x").out("a").ints("kernel_shape", 2, 2).ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1).i("ceil_mode", 1).add()
                // 6 wide, k3 s2: floor -> 2, ceil -> 3
                .op("MaxPool").in("x").out("floor").ints("kernel_shape", 3, 3).ints("strides", 2, 2).add()
                .op("AveragePool").in("x").out("ceil").ints("kernel_shape", 3, 3).ints("strides", 2, 2)
                .i("ceil_mode", 1).add()
                .op("MaxPool").in("x").out("same").ints("kernel_shape", 5, 5).s("auto_pad", "SAME_UPPER").add()
                .op("GlobalAveragePool").in("x").out("g").add()
                .op("LpPool").in("x").out("lp").ints("kernel_shape", 2, 2).add();
        ShapeInference.Result r = infer(b, "x", 1, 2, 5, 6);
        assertThat(r.shape("a")).containsExactly(1, 2, 3, 4);
        assertThat(r.shape("floor")).containsExactly(1, 2, 2, 2);
        assertThat(r.shape("ceil")).containsExactly(1, 2, 2, 3);
        assertThat(r.shape("same")).containsExactly(1, 2, 5, 6);
        assertThat(r.shape("g")).containsExactly(1, 2, 1, 1);
        assertThat(r.shape("lp")).containsExactly(1, 2, 4, 5);
    }

    @Test
    void reshapeWithZeroMinusOneAndShapeArithmetic() {
        TestModels b = new TestModels().input("x", 2, 3, 4, 5).ints("s1", 0, -1, 5).ints("minus1", -1)
                .scalar("zero", 0).ints("axes0", 0)
                .op("Reshape").in("x", "s1").out("r1").add()
                // torch style: Shape -> Gather(0) -> Unsqueeze -> Concat(-1) -> Reshape
                .op("Shape").in("x").out("sh").add()
                .op("Gather").in("sh", "zero").out("n").i("axis", 0).add()
                .op("Unsqueeze").in("n", "axes0").out("n1").add()
                .op("Concat").in("n1", "minus1").out("target").i("axis", 0).add()
                .op("Reshape").in("x", "target").out("r2").add();
        ShapeInference.Result r = infer(b, "x", 2, 3, 4, 5);
        assertThat(r.shape("r1")).containsExactly(2, 12, 5);
        assertThat(r.shape("n")).isEmpty();
        assertThat(r.shape("target")).containsExactly(2);
        assertThat(r.shape("r2")).containsExactly(2, 60);

        TestModels z = new TestModels().input("x", 0, 4).ints("s", 0, 4, 0)
                .op("Reshape").in("x", "s").out("y").i("allowzero", 1).add();
        assertThat(shapeOf(z, "y", "x", 0, 4)).containsExactly(0, 4, 0);

        TestModels bad = new TestModels().input("x", 2, 3).ints("s", 4, 2)
                .op("Reshape").name("bad").in("x", "s").out("y").add();
        assertThatThrownBy(() -> infer(bad, "x", 2, 3)).isInstanceOf(ShapeInferenceException.class)
                .hasMessageContaining("bad");
    }

    @Test
    void shapeArithmeticWithCastAndIntegerMath() {
        // h = Shape(x)[2]; new = Cast(Cast(h, float) * 2.0, int64); target = [1, 3, new, -1]
        TestModels b = new TestModels().input("x", 1, 3, 10, 10).scalar("two", 2).ints("i2", 2).ints("ax", 0)
                .ints("head", 1, 3).ints("tail", -1).floats("f2", new long[0], 2.0f)
                .op("Shape").in("x").out("sh").add()
                .op("Gather").in("sh", "i2").out("h").add()
                .op("Cast").in("h").out("hf").i("to", 1).add()
                .op("Mul").in("hf", "f2").out("hf2").add()
                .op("Cast").in("hf2").out("hi").i("to", 7).add()
                .op("Div").in("hi", "two").out("half").add()
                .op("Concat").in("head", "half", "tail").out("t").i("axis", 0).add()
                .op("Reshape").in("x", "t").out("y").add();
        ShapeInference.Result r = infer(b, "x", 1, 3, 10, 10);
        assertThat(r.shape("half")).containsExactly(1);
        assertThat(r.shape("y")).containsExactly(1, 3, 10, 10);
    }

    @Test
    void sliceNegativeClampedAndSteps() {
        long big = Long.MAX_VALUE;
        TestModels b = new TestModels().input("x", 1, 10, 20)
                .ints("s1", -3).ints("e1", big).ints("a1", -1)
                .ints("s2", -1).ints("e2", -big).ints("a2", 2).ints("st2", -1)
                .ints("s3", 8).ints("e3", 2).ints("a3", 1).ints("st3", -2)
                .ints("s4", 0, 4).ints("e4", 100, -2).ints("a4", 1, 2).ints("st4", 3, 5)
                .op("Slice").in("x", "s1", "e1", "a1").out("y1").add()
                .op("Slice").in("x", "s2", "e2", "a2", "st2").out("y2").add()
                .op("Slice").in("x", "s3", "e3", "a3", "st3").out("y3").add()
                .op("Slice").in("x", "s4", "e4", "a4", "st4").out("y4").add();
        ShapeInference.Result r = infer(b, "x", 1, 10, 20);
        assertThat(r.shape("y1")).containsExactly(1, 10, 3);
        assertThat(r.shape("y2")).containsExactly(1, 10, 20);
        assertThat(r.shape("y3")).containsExactly(1, 3, 20);  // 8, 6, 4
        assertThat(r.shape("y4")).containsExactly(1, 4, 3);   // axis 1: 0,3,6,9; axis 2: 4,9,14 (end -2 -> 18)
    }

    @Test
    void sliceOpset1Attributes() {
        TestModels b = new TestModels(9).input("x", 4, 10)
                .op("Slice").in("x").out("y").ints("starts", 1).ints("ends", -1).ints("axes", 1).add()
                .op("Slice").in("x").out("z").ints("starts", 1, -100).ints("ends", 3, 1000).add();
        ShapeInference.Result r = infer(b, "x", 4, 10);
        assertThat(r.shape("y")).containsExactly(4, 8);
        assertThat(r.shape("z")).containsExactly(2, 10);
    }

    @Test
    void gemmAndMatMul() {
        TestModels b = new TestModels().input("x", 4, 10).weight("w", 6, 10).weight("c", 6).weight("wt", 10, 6)
                .op("Gemm").in("x", "w", "c").out("y").i("transB", 1).add()
                .op("Gemm").in("x", "wt").out("y2").add()
                .op("Gemm").in("y2", "x").out("y3").i("transA", 1).add();
        ShapeInference.Result r = infer(b, "x", 4, 10);
        assertThat(r.shape("y")).containsExactly(4, 6);
        assertThat(r.shape("y2")).containsExactly(4, 6);
        assertThat(r.shape("y3")).containsExactly(6, 10);
        TestModels bad = new TestModels().input("x", 4, 10).weight("w", 6, 10)
                .op("Gemm").name("fc").in("x", "w").out("y").add();
        assertThatThrownBy(() -> infer(bad, "x", 4, 10)).hasMessageContaining("fc").hasMessageContaining("10 columns");

        TestModels m = new TestModels().input("x", 2, 3, 4, 5).weight("w", 5, 6).weight("v", 5)
                .weight("b3", 3, 5, 7)
                .op("MatMul").in("x", "w").out("y").add()
                .op("MatMul").in("x", "v").out("yv").add()
                .op("MatMul").in("v", "w").out("vw").add()
                .op("MatMul").in("x", "b3").out("yb").add();
        r = infer(m, "x", 2, 3, 4, 5);
        assertThat(r.shape("y")).containsExactly(2, 3, 4, 6);
        assertThat(r.shape("yv")).containsExactly(2, 3, 4);
        assertThat(r.shape("vw")).containsExactly(6);
        assertThat(r.shape("yb")).containsExactly(2, 3, 4, 7);
    }

    @Test
    void resizeUpsampleSplitConcatAndFriends() {
        TestModels b = new TestModels(13).input("x", 1, 8, 10, 10)
                .floats("scales", new long[]{4}, 1f, 1f, 2f, 2f).ints("sizes", 1, 8, 15, 7)
                .floats("empty", new long[]{0}).ints("split", 2, 6).ints("axes23", 2, 3)
                .ints("pads", 0, 0, 1, 2, 0, 0, 3, 4).ints("rep", 1, 2, 1, 1).ints("exp", 3, 1, 1, 1)
                .op("Resize").in("x", "empty", "scales").out("up").s("mode", "nearest").add()
                .op("Resize").in("x", "", "", "sizes").out("sz").add()
                .op("Resize").in("x", "empty", "empty", "sizes").out("sz2").add()
                .op("Split").in("x", "split").out("p0", "p1").i("axis", 1).add()
                .op("Split").in("x").out("q0", "q1", "q2", "q3").i("axis", 1).add()
                .op("Concat").in("p1", "up").out("bad_never").i("axis", 1).add();
        // the Concat above mixes 10x10 and 20x20: it must be reported
        assertThatThrownBy(() -> infer(b, "x", 1, 8, 10, 10)).isInstanceOf(ShapeInferenceException.class)
                .hasMessageContaining("Concat");

        TestModels c = new TestModels(13).input("x", 1, 8, 10, 10)
                .floats("scales", new long[]{4}, 1f, 1f, 2f, 2f).ints("sizes", 1, 8, 15, 7)
                .floats("empty", new long[]{0}).ints("split", 2, 6).ints("axes23", 2, 3)
                .ints("pads", 0, 0, 1, 2, 0, 0, 3, 4).ints("rep", 1, 2, 1, 1).ints("exp", 3, 1, 1, 1)
                .op("Resize").in("x", "empty", "scales").out("up").add()
                .op("Resize").in("x", "", "", "sizes").out("sz").add()
                .op("Split").in("x", "split").out("p0", "p1").i("axis", 1).add()
                .op("Split").in("x").out("q0", "q1", "q2", "q3").i("axis", 1).add()
                .op("Concat").in("p1", "q0", "x").out("cat").i("axis", -3).add()
                .op("Pad").in("x", "pads").out("pad").add()
                .op("Tile").in("x", "rep").out("tile").add()
                .op("Expand").in("x", "exp").out("exp_out").add()
                .op("ReduceMean").in("x").out("mean").ints("axes", 2, 3).i("keepdims", 0).add()
                .op("ReduceSum").in("x", "axes23").out("sum").add()
                .op("Flatten").in("x").out("flat").add()
                .op("Flatten").in("x").out("flat0").i("axis", 0).add()
                .op("Transpose").in("x").out("tr").ints("perm", 0, 2, 3, 1).add()
                .op("Squeeze").in("mean").out("sq").add()
                .op("Unsqueeze").in("flat", "axes23").out("unsq").add()
                .op("Softmax").in("flat").out("sm").add()
                .op("Dropout").in("x").out("drop", "mask").add()
                .op("LayerNormalization").in("x", "scales").out("ln", "lnmean").i("axis", -1).add()
                .op("Upsample").in("x", "scales").out("ups").add();
        ShapeInference.Result r = infer(c, "x", 1, 8, 10, 10);
        assertThat(r.shape("up")).containsExactly(1, 8, 20, 20);
        assertThat(r.shape("sz")).containsExactly(1, 8, 15, 7);
        assertThat(r.shape("p1")).containsExactly(1, 6, 10, 10);
        assertThat(r.shape("q3")).containsExactly(1, 2, 10, 10);
        assertThat(r.shape("cat")).containsExactly(1, 16, 10, 10);
        assertThat(r.shape("pad")).containsExactly(1, 8, 14, 16);
        assertThat(r.shape("tile")).containsExactly(1, 16, 10, 10);
        assertThat(r.shape("exp_out")).containsExactly(3, 8, 10, 10);
        assertThat(r.shape("mean")).containsExactly(1, 8);
        assertThat(r.shape("sum")).containsExactly(1, 8, 1, 1);
        assertThat(r.shape("flat")).containsExactly(1, 800);
        assertThat(r.shape("flat0")).containsExactly(1, 800);
        assertThat(r.shape("tr")).containsExactly(1, 10, 10, 8);
        assertThat(r.shape("sq")).containsExactly(8);
        assertThat(r.shape("unsq")).containsExactly(1, 800, 1, 1);
        assertThat(r.shape("sm")).containsExactly(1, 800);
        assertThat(r.shape("mask")).containsExactly(1, 8, 10, 10);
        assertThat(r.shape("lnmean")).containsExactly(1, 8, 10, 1);
        assertThat(r.shape("ups")).containsExactly(1, 8, 20, 20);
        assertThat(r.unresolved()).isEmpty();
        assertThat(r.unsupportedOps()).isEmpty();
    }

    @Test
    void splitNumOutputsOpset18IsUneven() {
        TestModels b = new TestModels(18).input("x", 1, 10)
                .op("Split").in("x").out("a", "b", "c").i("axis", 1).i("num_outputs", 3).add();
        ShapeInference.Result r = infer(b, "x", 1, 10);
        assertThat(r.shape("a")).containsExactly(1, 4);
        assertThat(r.shape("c")).containsExactly(1, 2);
    }

    @Test
    void constantOfShapeRangeWhereGatherBroadcast() {
        TestModels b = new TestModels().input("x", 2, 1, 5).scalar("start", 0).scalar("delta", 1).ints("idx", 0, 2)
                .op("Shape").in("x").out("sh").add()
                .op("ConstantOfShape").in("sh").out("zeros").add()
                .op("ReduceMax").in("sh").out("lim").i("keepdims", 0).add()
                .op("Range").in("start", "lim", "delta").out("rng").add()
                .op("Gather").in("x", "idx").out("g").i("axis", 2).add()
                .op("Add").in("x", "rng").out("bc").add()
                .op("Greater").in("x", "zeros").out("gt").add()
                .op("Where").in("gt", "x", "bc").out("w").add();
        ShapeInference.Result r = infer(b, "x", 2, 1, 5);
        assertThat(r.shape("zeros")).containsExactly(2, 1, 5);
        assertThat(r.shape("rng")).containsExactly(5);
        assertThat(r.shape("g")).containsExactly(2, 1, 2);
        assertThat(r.shape("bc")).containsExactly(2, 1, 5);
        assertThat(r.shape("w")).containsExactly(2, 1, 5);
        TestModels bad = new TestModels().input("x", 2, 3).weight("w", 4)
                .op("Add").name("add1").in("x", "w").out("y").add();
        assertThatThrownBy(() -> infer(bad, "x", 2, 3)).hasMessageContaining("add1")
                .hasMessageContaining("do not broadcast");
    }

    @Test
    void unknownOpIsRecordedAndTheFallbackIsAskedOnce() {
        TestModels b = new TestModels().input("x", 1, 4, 8, 8).weight("w", 4, 4, 1, 1)
                .op("FancyOp").in("x").out("f").add()
                .op("Conv").in("f", "w").out("y").add()
                .op("NonZero").in("y").out("nz").add()
                .op("Relu").in("x").out("r").add();
        Model model = b.build();
        ShapeInference.Result noFallback = ShapeInference.infer(model, Map.of("x", new long[]{1, 4, 8, 8}));
        assertThat(noFallback.unsupportedOps()).containsOnlyKeys("FancyOp"); // NonZero's input never became known
        assertThat(noFallback.unresolved()).containsExactly("f", "y", "nz");
        assertThat(noFallback.shape("r")).containsExactly(1, 4, 8, 8);

        List<Collection<String>> calls = new ArrayList<>();
        ShapeFallback fb = (in, tensors) -> {
            calls.add(List.copyOf(tensors));
            return Map.of("f", new long[]{1, 4, 6, 6}); // answers only one of them
        };
        ShapeInference.Result r = ShapeInference.infer(model, Map.of("x", new long[]{1, 4, 8, 8}), fb,
                null, null);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).containsExactly("f", "y", "nz");
        assertThat(r.shape("y")).containsExactly(1, 4, 6, 6); // completed by the second static pass
        assertThat(r.fromFallback()).containsExactly("f");
        assertThat(r.unresolved()).containsExactly("nz");
        assertThat(r.unsupportedOps()).containsOnlyKeys("FancyOp", "NonZero");

        ShapeFallback broken = (in, tensors) -> {
            throw new IllegalStateException("engine missing");
        };
        r = ShapeInference.infer(model, Map.of("x", new long[]{1, 4, 8, 8}), broken, null, null);
        assertThat(r.notes()).anyMatch(n -> n.contains("engine missing"));
    }

    @Test
    void cancellationStopsInference() {
        TestModels b = new TestModels().input("x", 1, 4);
        String prev = "x";
        for (int i = 0; i < 200; i++) {
            b.op("Relu").in(prev).out("r" + i).add();
            prev = "r" + i;
        }
        io.prunescope.task.CancellationToken token = new io.prunescope.task.CancellationToken();
        List<Long> reported = new ArrayList<>();
        io.prunescope.task.Progress progress = (done, total, msg) -> {
            reported.add(done);
            if (done >= 64) {
                token.cancel();
            }
        };
        assertThatThrownBy(() -> ShapeInference.infer(b.build(), Map.of("x", new long[]{1, 4}),
                ShapeFallback.NONE, token, progress)).isInstanceOf(io.prunescope.task.CancelledException.class);
        assertThat(reported).contains(0L, 64L);
    }
}
