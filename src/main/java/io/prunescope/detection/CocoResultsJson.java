package io.prunescope.detection;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.prunescope.files.AtomicFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes detections as COCO's results list, {@code [{"image_id", "category_id", "bbox": [x, y, w, h], "score"}]},
 * the file pycocotools' {@code loadRes} and val.py's {@code --save-json} use. As val.py does, the box is rounded to
 * 3 decimals and the score to 5; image ids are the data set's (numbers stay numbers), category ids the data set's
 * (COCO category ids for a COCO data set). Written atomically: a failed write leaves any earlier file intact.
 */
public final class CocoResultsJson {

    private CocoResultsJson() {
    }

    public static void write(Path target, List<Detection> detections, DetectionDataset data) throws IOException {
        AtomicFiles.write(target, out -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
                g.writeStartArray();
                for (Detection d : detections) {
                    g.writeStartObject();
                    Object id = data.imageId(d.image());
                    if (id instanceof Long l) {
                        g.writeNumberField("image_id", l);
                    } else {
                        g.writeStringField("image_id", id.toString());
                    }
                    g.writeNumberField("category_id", data.categoryId(d.classIndex()));
                    g.writeArrayFieldStart("bbox");
                    Box b = d.box();
                    g.writeNumber(round(b.x1(), 3));
                    g.writeNumber(round(b.y1(), 3));
                    g.writeNumber(round(b.width(), 3));
                    g.writeNumber(round(b.height(), 3));
                    g.writeEndArray();
                    g.writeFieldName("score");
                    g.writeNumber(round(d.score(), 5));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }, written -> { });
    }

    /**
     * Python's {@code round(v, n)}: the decimal nearest to the double's exact value, halves to even, without trailing
     * zeros.
     */
    static BigDecimal round(double v, int decimals) {
        BigDecimal r = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }
}
