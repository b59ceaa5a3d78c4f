"""Draws PruneScope's icon: a network seen through a lens, two of its middle neurons pruned (dashed, orange).

Writes installers/icons/prunescope.svg (the source of truth for designers), PNGs at the sizes desktops ask for,
prunescope.ico (Windows) and prunescope.icns (macOS). The PNGs are drawn with Pillow from the same shapes as the
SVG, supersampled 4x, so no SVG renderer is needed. Run from the project root: python3 src/tools/make_icon.py
"""
import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path("installers/icons")
SIZE = 512
BG_TOP, BG_BOTTOM = (18, 50, 74), (29, 111, 128)
NODE, PRUNED, EDGE, LENS = (127, 227, 208), (242, 140, 40), (255, 255, 255, 150), (245, 248, 250)

LAYERS = [
    [(150, 170, True), (150, 236, True), (150, 302, True)],
    [(236, 140, True), (236, 204, False), (236, 268, True), (236, 332, False)],
    [(322, 204, True), (322, 268, True)],
]
NODE_R = 19
LENS_C, LENS_R, LENS_W = (236, 236), 168, 24
HANDLE = ((357, 357), (446, 446), 46)


def edges():
    for a, b in zip(LAYERS, LAYERS[1:]):
        for (x1, y1, k1) in a:
            for (x2, y2, k2) in b:
                if k1 and k2:
                    yield (x1, y1, x2, y2)


def hexc(rgb):
    return "#%02x%02x%02x" % rgb[:3]


def svg():
    p = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}">',
         '<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">'
         f'<stop offset="0" stop-color="{hexc(BG_TOP)}"/><stop offset="1" stop-color="{hexc(BG_BOTTOM)}"/>'
         '</linearGradient></defs>',
         f'<rect x="16" y="16" width="{SIZE - 32}" height="{SIZE - 32}" rx="96" fill="url(#bg) #185463"/>']
    for x1, y1, x2, y2 in edges():
        p.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="white" stroke-opacity="0.6" '
                 'stroke-width="6" stroke-linecap="round"/>')
    for layer in LAYERS:
        for x, y, kept in layer:
            if kept:
                p.append(f'<circle cx="{x}" cy="{y}" r="{NODE_R}" fill="{hexc(NODE)}"/>')
            else:
                p.append(f'<circle cx="{x}" cy="{y}" r="{NODE_R - 3}" fill="none" stroke="{hexc(PRUNED)}" '
                         'stroke-width="6" stroke-dasharray="10 7"/>')
    (hx1, hy1), (hx2, hy2), hw = HANDLE
    p.append(f'<line x1="{hx1}" y1="{hy1}" x2="{hx2}" y2="{hy2}" stroke="{hexc(LENS)}" stroke-width="{hw}" '
             'stroke-linecap="round"/>')
    p.append(f'<circle cx="{LENS_C[0]}" cy="{LENS_C[1]}" r="{LENS_R}" fill="none" stroke="{hexc(LENS)}" '
             f'stroke-width="{LENS_W}"/>')
    p.append('</svg>')
    return "\n".join(p) + "\n"


def draw(scale=4):
    s = SIZE * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    grad = Image.new("RGBA", (s, s))
    gd = ImageDraw.Draw(grad)
    for y in range(s):
        t = y / (s - 1)
        gd.line([(0, y), (s, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(BG_TOP, BG_BOTTOM)) + (255,))
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).rounded_rectangle([16 * scale, 16 * scale, s - 16 * scale, s - 16 * scale],
                                           radius=96 * scale, fill=255)
    img.paste(grad, (0, 0), mask)
    over = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(over)
    for x1, y1, x2, y2 in edges():
        d.line([(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], fill=EDGE, width=6 * scale)
    img = Image.alpha_composite(img, over)
    d = ImageDraw.Draw(img)
    for layer in LAYERS:
        for x, y, kept in layer:
            if kept:
                r = NODE_R * scale
                d.ellipse([x * scale - r, y * scale - r, x * scale + r, y * scale + r], fill=NODE)
            else:
                r = (NODE_R - 3) * scale
                box = [x * scale - r, y * scale - r, x * scale + r, y * scale + r]
                for start in range(0, 360, 36):
                    d.arc(box, start, start + 22, fill=PRUNED, width=6 * scale)
    (hx1, hy1), (hx2, hy2), hw = HANDLE
    d.line([(hx1 * scale, hy1 * scale), (hx2 * scale, hy2 * scale)], fill=LENS, width=hw * scale)
    for (cx, cy) in ((hx1, hy1), (hx2, hy2)):
        r = hw * scale / 2
        d.ellipse([cx * scale - r, cy * scale - r, cx * scale + r, cy * scale + r], fill=LENS)
    cx, cy = LENS_C
    ro, ri = (LENS_R + LENS_W / 2) * scale, (LENS_R - LENS_W / 2) * scale
    ring = Image.new("L", (s, s), 0)
    rd = ImageDraw.Draw(ring)
    rd.ellipse([cx * scale - ro, cy * scale - ro, cx * scale + ro, cy * scale + ro], fill=255)
    rd.ellipse([cx * scale - ri, cy * scale - ri, cx * scale + ri, cy * scale + ri], fill=0)
    img.paste(Image.new("RGBA", (s, s), LENS + (255,)), (0, 0), ring)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "prunescope.svg").write_text(svg())
    big = draw()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        big.resize((size, size), Image.LANCZOS).save(OUT / f"prunescope-{size}.png", optimize=True)
    big.save(OUT / "prunescope.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(OUT / "prunescope.icns")
    print("wrote", sorted(p.name for p in OUT.iterdir()))


if __name__ == "__main__":
    main()
