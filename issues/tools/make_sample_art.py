#!/usr/bin/env python3
"""Generate every sample image of the 《梧桐家园》 sample issues, deterministically.

    .venv/bin/python issues/tools/make_sample_art.py          # write all images
    .venv/bin/python issues/tools/make_sample_art.py --list   # print the image table

Writes
  issues/2026-12/images/*   photos for the main issue (第38期)
  issues/2026-11/images/*   photos for the previous issue (第37期)
  templates/wutong/art/qr-umbrella.png, qr-wutong.png   scannable QR codes (segno)

Everything is drawn with Pillow from seeded random numbers (random.Random with a
fixed seed per image; no numpy, no Image.effect_noise, whose C rand() is not
seeded), so two runs give byte-identical files with the same Pillow version.
The scenes are photo-like rather than clip-art: gradients, perspective, soft
light, shallow depth of field (blur), a mild overall blur and film grain.

Images and their planned placement (1 栏 = 47.6 mm, 2 栏 = 98.4 mm,
3 栏 = 149.2 mm; effective ppi = pixels / (mm / 25.4)):
see IMAGES below and `--list`.  Two photos are deliberately low-resolution
(15-c.jpg, 25-aed.jpg: 175 and 181 ppi at 2 栏), for the preflight warning.

Banner text uses LXGW WenKai (Debian package fonts-lxgw-wenkai).  segno is only
needed for the QR codes; it is not a runtime dependency of the project.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
]
SS = 2  # supersampling factor: scenes are drawn at SS× and reduced with LANCZOS

COL_MM = {1: 47.6, 2: 98.4, 3: 149.2}


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    raise SystemExit("no CJK font found: apt-get install fonts-lxgw-wenkai")


def seeded(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode("utf-8")))


# ---------------------------------------------------------------- colour helpers

def mix(a, b, t: float):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(len(a)))


def shade(c, f: float):
    """f < 1 darkens, f > 1 lightens towards white."""
    if f <= 1:
        return tuple(max(0, int(v * f)) for v in c)
    return mix(c, (255, 255, 255), min(1.0, f - 1))


def jitter(rng: random.Random, c, amount: int = 12):
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)


# ---------------------------------------------------------------- image helpers

def vgradient(size, stops) -> Image.Image:
    """Vertical gradient; stops = [(0.0, rgb), …, (1.0, rgb)]."""
    w, h = size
    col = Image.new("RGB", (1, h))
    px = []
    for y in range(h):
        t = y / max(1, h - 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
            if t0 <= t <= t1:
                px.append(mix(c0, c1, (t - t0) / max(1e-9, t1 - t0)))
                break
        else:
            px.append(stops[-1][1])
    col.putdata(px)
    return col.resize((w, h), Image.NEAREST)


def hgradient(size, stops) -> Image.Image:
    w, h = size
    return vgradient((h, w), stops).transpose(Image.Transpose.ROTATE_90).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM)


def radial_mask(size, box, power: float = 1.0) -> Image.Image:
    """L mask: 255 at the centre of box, fading to 0 at its edge (ellipse)."""
    mask = Image.new("L", size, 0)
    x0, y0, x1, y1 = [int(v) for v in box]
    bw, bh = max(2, x1 - x0), max(2, y1 - y0)
    g = Image.radial_gradient("L").resize((bw, bh), Image.BILINEAR)
    g = g.point(lambda v: int(255 * max(0.0, 1 - v / 128) ** power) if v < 128 else 0)
    mask.paste(g, (x0, y0))
    return mask


def glow(img: Image.Image, box, colour, strength: float = 1.0, power: float = 1.6) -> Image.Image:
    """Screen-like additive light: a soft elliptical glow of colour."""
    m = radial_mask(img.size, box, power).point(lambda v: int(v * strength))
    layer = Image.new("RGB", img.size, colour)
    lit = ImageChops.screen(img, layer)
    return Image.composite(lit, img, m)


def overlay(img: Image.Image, draw_fn, blur: float = 0.0) -> Image.Image:
    """Draw translucent shapes on an RGBA layer (draw_fn(draw)), blur it, composite."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(layer))
    if blur:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def grain(img: Image.Image, rng: random.Random, amount: float = 9.0) -> Image.Image:
    """Film grain from seeded bytes: slightly clumped, luminance only."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.filter(ImageFilter.GaussianBlur(0.55))
    # uniform bytes blurred by 0.55 px have a spread of about 43 levels: scale it to `amount`
    noise = noise.point(lambda v: max(0, min(255, int(round(128 + (v - 128) * amount / 43)))))
    if img.mode == "L":
        return ImageChops.add(img, noise, 1.0, -128)
    return ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def vignette(img: Image.Image, strength: float = 0.35) -> Image.Image:
    w, h = img.size
    m = radial_mask((w, h), (-w * 0.25, -h * 0.3, w * 1.25, h * 1.3), 0.7)
    dark = Image.new("RGB", (w, h), (0, 0, 0))
    m = m.point(lambda v: int(255 - (255 - v) * strength))
    return Image.composite(img, dark, m)


def grade(img: Image.Image, desat: float = 0.15, tint=(255, 250, 242), curve: float = 0.18) -> Image.Image:
    """Photographic look: gentle S-curve, a little desaturation, a warm or cool cast."""
    lut = []
    for v in range(256):
        t = v / 255
        s = t + curve * (t - 0.5) * (1 - abs(2 * t - 1)) * 2  # soft S around the mid-tones
        lut.append(max(0, min(255, int(round(s * 255)))))
    img = img.point(lut * 3)
    if desat:
        img = Image.blend(img, img.convert("L").convert("RGB"), desat)
    if tint != (255, 255, 255):
        img = ImageChops.multiply(img, Image.new("RGB", img.size, tint))
    return img


def finish(big: Image.Image, size, rng: random.Random, blur: float = 0.45,
           grain_amount: float = 4.5, vig: float = 0.3, desat: float = 0.12,
           tint=(255, 250, 242)) -> Image.Image:
    """Reduce the supersampled canvas, add lens softness, grade, vignette and grain."""
    img = texture(big.resize(size, Image.LANCZOS), rng)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    img = grade(img, desat, tint)
    if vig:
        img = vignette(img, vig)
    return grain(img, rng, grain_amount)


def smooth_noise(size, rng: random.Random, cells) -> Image.Image:
    """Low-frequency noise: a few random cells upscaled bicubically (0..255 around 128)."""
    cw, ch = cells
    small = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
    return small.resize(size, Image.BICUBIC)


def texture(img: Image.Image, rng: random.Random) -> Image.Image:
    """Break up flat fills: uneven light (large blotches) and a fine mottle, as in real photos."""
    w, h = img.size
    for cells, amount in (((6, 4), 0.045), ((48, 32), 0.016), ((220, 150), 0.01)):
        n = smooth_noise((w, h), rng, cells)
        n = n.point(lambda v, a=amount: max(0, min(255, int(round(128 + (v - 128) * a * 2)))))
        n3 = Image.merge("RGB", (n, n, n))
        img = ImageChops.add(img, n3, 1.0, -128)
    return img


def light_falloff(img: Image.Image, box, strength: float = 0.35) -> Image.Image:
    """Darken everything outside a soft elliptical pool of light (multiply)."""
    m = radial_mask(img.size, box, 0.8)
    dark = ImageChops.multiply(img, Image.new("RGB", img.size, (int(255 * (1 - strength)),) * 3))
    return Image.composite(img, dark, m)


def dof(layer: Image.Image, radius: float) -> Image.Image:
    """Depth of field for an RGBA layer: blur colour and alpha together."""
    return layer.filter(ImageFilter.GaussianBlur(radius))


def text(draw: ImageDraw.ImageDraw, xy, s: str, size: int, fill, anchor="mm", spacing=0):
    f = font(size)
    if spacing:
        # manual letter spacing for banners
        widths = [f.getlength(ch) for ch in s]
        total = sum(widths) + spacing * (len(s) - 1)
        x = xy[0] - total / 2 if anchor[0] == "m" else xy[0]
        for ch, cw in zip(s, widths):
            draw.text((x, xy[1]), ch, font=f, fill=fill, anchor="l" + anchor[1])
            x += cw + spacing
        return
    draw.text(xy, s, font=f, fill=fill, anchor=anchor)


# ---------------------------------------------------------------- people

SKIN = [(232, 196, 168), (222, 182, 150), (210, 170, 138), (238, 205, 180)]
HAIR_YOUNG = [(22, 18, 16), (35, 28, 22), (48, 36, 28)]
HAIR_OLD = [(200, 200, 198), (170, 168, 165), (225, 224, 220), (120, 116, 112), (60, 56, 52)]
COATS = [(52, 60, 78), (92, 70, 60), (70, 82, 70), (120, 110, 100), (40, 40, 46),
         (150, 60, 58), (88, 96, 120), (160, 140, 118), (60, 70, 95)]
CARDIGANS = [(140, 96, 84), (112, 118, 132), (150, 132, 96), (96, 110, 96), (168, 150, 140),
             (120, 72, 78)]
VEST_RED = (196, 32, 36)


def person_back(d: ImageDraw.ImageDraw, x, y, s, rng, old=0.4, coat=None, chair=None):
    """A seated person seen from behind: y = top of the shoulders, s = head width."""
    hair = rng.choice(HAIR_OLD if rng.random() < old else HAIR_YOUNG)
    coat = coat or jitter(rng, rng.choice(COATS), 10)
    sw = s * rng.uniform(2.5, 2.9)
    x += rng.uniform(-0.15, 0.15) * s
    if chair:
        d.rounded_rectangle([x - sw * 0.48, y + s * 0.9, x + sw * 0.48, y + s * 3.2], radius=s * 0.3, fill=chair)
    # shoulders and back, rounded
    d.rounded_rectangle([x - sw / 2, y, x + sw / 2, y + s * 2.6], radius=s * 0.75, fill=coat)
    d.ellipse([x - sw / 2 + s * 0.12, y + s * 0.08, x - s * 0.05, y + s * 1.2], fill=shade(coat, 1.1))
    d.line([x, y + s * 0.35, x, y + s * 2.4], fill=shade(coat, 0.85), width=max(1, int(s * 0.06)))
    # neck and collar
    skin = rng.choice(SKIN)
    d.rectangle([x - s * 0.26, y - s * 0.3, x + s * 0.26, y + s * 0.15], fill=shade(skin, 0.8))
    d.chord([x - s * 0.55, y - s * 0.25, x + s * 0.55, y + s * 0.4], 180, 360, fill=shade(coat, 0.8))
    # head: ears, then the back of the head (hair)
    hw, hh = s, s * 1.2
    lean = rng.uniform(-0.12, 0.12) * s
    d.ellipse([x + lean - hw / 2 - s * 0.08, y - hh * 0.7, x + lean - hw / 2 + s * 0.12, y - hh * 0.38], fill=skin)
    d.ellipse([x + lean + hw / 2 - s * 0.12, y - hh * 0.7, x + lean + hw / 2 + s * 0.08, y - hh * 0.38], fill=skin)
    d.ellipse([x + lean - hw / 2, y - hh - s * 0.05, x + lean + hw / 2, y + s * 0.02], fill=hair)
    d.ellipse([x + lean - hw * 0.32, y - hh * 0.98, x + lean + hw * 0.06, y - hh * 0.62], fill=shade(hair, 1.15))


def _band(d, poly_l, poly_m, poly_r, colour):
    """Fill a body part as three vertical bands (lit side, middle, shaded side) for roundness."""
    d.polygon(poly_m, fill=colour)
    d.polygon(poly_l, fill=shade(colour, 1.07))
    d.polygon(poly_r, fill=shade(colour, 0.8))


def head_front(d, hx, yt, u, skin, hair, rng, face=True, long_hair=False, hat=None):
    """A head seen from the front: 11u wide, 14u tall, top at yt; soft features, no outlines."""
    hw, hh = 5.5 * u, 7.0 * u
    cy = yt + hh
    if long_hair:
        d.rounded_rectangle([hx - hw * 1.12, cy - hh * 0.9, hx + hw * 1.12, cy + hh * 0.75], radius=hw * 0.6, fill=hair)
    d.ellipse([hx - hw * 1.12, cy - hh * 0.2, hx - hw * 0.86, cy + hh * 0.25], fill=shade(skin, 0.9))  # ears
    d.ellipse([hx + hw * 0.86, cy - hh * 0.2, hx + hw * 1.12, cy + hh * 0.25], fill=shade(skin, 0.8))
    d.ellipse([hx - hw, cy - hh, hx + hw, cy + hh], fill=skin)
    d.chord([hx - hw, cy - hh, hx + hw, cy + hh], 300, 60, fill=shade(skin, 0.86))  # shaded cheek
    if face and u > 0.5:
        for ex in (-0.42, 0.42):
            d.ellipse([hx + hw * ex - hw * 0.26, cy - hh * 0.08, hx + hw * ex + hw * 0.26, cy + hh * 0.1],
                      fill=shade(skin, 0.8))
            d.ellipse([hx + hw * ex - hw * 0.09, cy - hh * 0.03, hx + hw * ex + hw * 0.09, cy + hh * 0.06],
                      fill=(70, 54, 48))
        d.polygon([(hx, cy), (hx - hw * 0.16, cy + hh * 0.34), (hx + hw * 0.12, cy + hh * 0.36)], fill=shade(skin, 0.82))
        d.ellipse([hx - hw * 0.3, cy + hh * 0.5, hx + hw * 0.3, cy + hh * 0.62], fill=shade(skin, 0.66))
    # hair: a cap of hair with a side parting, sometimes thinning (older men)
    part = rng.uniform(-0.4, 0.4)
    d.chord([hx - hw * 1.06, cy - hh * 1.1, hx + hw * 1.06, cy + hh * 0.1], 180, 360, fill=hair)
    d.polygon([(hx - hw * 1.04, cy - hh * 0.45), (hx - hw * 0.95, cy - hh * 0.02), (hx - hw * 0.8, cy - hh * 0.45)], fill=hair)
    d.polygon([(hx + hw * 1.04, cy - hh * 0.45), (hx + hw * 0.95, cy - hh * 0.02), (hx + hw * 0.8, cy - hh * 0.45)], fill=hair)
    d.line([hx + hw * part, cy - hh * 1.02, hx + hw * (part + 0.25), cy - hh * 0.55], fill=shade(hair, 1.25),
           width=max(1, int(u * 0.5)))
    if hat:
        d.chord([hx - hw * 1.12, cy - hh * 1.2, hx + hw * 1.12, cy - hh * 0.1], 180, 360, fill=hat)
        d.rectangle([hx - hw * 1.2, cy - hh * 0.5, hx + hw * 1.2, cy - hh * 0.32], fill=shade(hat, 0.82))


def person_front(d: ImageDraw.ImageDraw, x, y_feet, h, rng, top=None, legs=None, old=0.3,
                 vest=False, hat=None, arms="down", face=True, skin=None, hair=None, shadow=True):
    """A standing person facing the camera; h = total height in px (head ≈ 1/7 of it)."""
    skin = skin or rng.choice(SKIN)
    hair = hair or rng.choice(HAIR_OLD if rng.random() < old else HAIR_YOUNG)
    top = top or jitter(rng, rng.choice(COATS), 12)
    legs = legs or jitter(rng, (46, 48, 58), 8)
    u = h / 100.0
    yt = y_feet - h
    hx = x + rng.uniform(-0.5, 0.5) * u
    sw = rng.uniform(11.5, 13.5)  # half shoulder width
    if shadow:
        d.ellipse([x - 16 * u, y_feet - 2.5 * u, x + 22 * u, y_feet + 2.5 * u], fill=(0, 0, 0, 60))
    # legs and shoes
    _band(d, [(x - 9 * u, yt + 52 * u), (x - 7 * u, yt + 52 * u), (x - 6.5 * u, yt + 96 * u), (x - 8.5 * u, yt + 96 * u)],
          [(x - 9 * u, yt + 52 * u), (x - 0.8 * u, yt + 52 * u), (x - 2 * u, yt + 96 * u), (x - 8.5 * u, yt + 96 * u)],
          [(x + 0.8 * u, yt + 52 * u), (x + 9 * u, yt + 52 * u), (x + 8.5 * u, yt + 96 * u), (x + 2 * u, yt + 96 * u)], legs)
    d.polygon([(x + 0.8 * u, yt + 52 * u), (x + 9 * u, yt + 52 * u), (x + 8.5 * u, yt + 96 * u), (x + 2 * u, yt + 96 * u)],
              fill=shade(legs, 0.84))
    d.ellipse([x - 10 * u, yt + 94.5 * u, x - 1 * u, yt + 99.5 * u], fill=(30, 28, 28))
    d.ellipse([x + 1 * u, yt + 94.5 * u, x + 10 * u, yt + 99.5 * u], fill=(24, 22, 22))
    # arms behind/beside the torso
    arm = shade(top, 0.93)
    if arms == "down":
        d.polygon([(x - sw * u, yt + 20 * u), (x - (sw + 4) * u, yt + 25 * u), (x - (sw + 3) * u, yt + 53 * u),
                   (x - (sw - 1) * u, yt + 53 * u)], fill=arm)
        d.polygon([(x + sw * u, yt + 20 * u), (x + (sw + 4) * u, yt + 25 * u), (x + (sw + 3) * u, yt + 53 * u),
                   (x + (sw - 1) * u, yt + 53 * u)], fill=shade(arm, 0.78))
        d.ellipse([x - (sw + 4) * u, yt + 51 * u, x - (sw - 0.5) * u, yt + 57 * u], fill=skin)
        d.ellipse([x + (sw - 0.5) * u, yt + 51 * u, x + (sw + 4) * u, yt + 57 * u], fill=shade(skin, 0.85))
    elif arms == "up":  # conductor / waving
        d.polygon([(x - sw * u, yt + 20 * u), (x - (sw + 3) * u, yt + 23 * u), (x - 24 * u, yt + 6 * u),
                   (x - 21 * u, yt + 3 * u)], fill=arm)
        d.polygon([(x + sw * u, yt + 20 * u), (x + (sw + 3) * u, yt + 23 * u), (x + 24 * u, yt + 8 * u),
                   (x + 21 * u, yt + 5 * u)], fill=shade(arm, 0.8))
    # torso (slightly tapered), with lit and shaded sides
    t = [(x - sw * u, yt + 18 * u), (x + sw * u, yt + 18 * u), (x + (sw - 1.5) * u, yt + 55 * u), (x - (sw - 1.5) * u, yt + 55 * u)]
    _band(d, [(x - sw * u, yt + 18 * u), (x - sw * 0.55 * u, yt + 18 * u), (x - sw * 0.5 * u, yt + 55 * u),
              (x - (sw - 1.5) * u, yt + 55 * u)], t,
          [(x + sw * 0.35 * u, yt + 18 * u), (x + sw * u, yt + 18 * u), (x + (sw - 1.5) * u, yt + 55 * u),
           (x + sw * 0.3 * u, yt + 55 * u)], top)
    d.chord([x - sw * u, yt + 15 * u, x + sw * u, yt + 24 * u], 180, 360, fill=shade(top, 1.04))  # shoulders
    d.polygon([(x - 3 * u, yt + 18 * u), (x, yt + 24 * u), (x + 3 * u, yt + 18 * u)], fill=shade(skin, 0.85))
    if vest:
        vl = [(x - (sw - 0.5) * u, yt + 19 * u), (x - 2.5 * u, yt + 19 * u), (x - 1 * u, yt + 53 * u), (x - (sw - 1.5) * u, yt + 53 * u)]
        vr = [(x + 2.5 * u, yt + 19 * u), (x + (sw - 0.5) * u, yt + 19 * u), (x + (sw - 1.5) * u, yt + 53 * u), (x + 1 * u, yt + 53 * u)]
        d.polygon(vl, fill=VEST_RED)
        d.polygon(vr, fill=shade(VEST_RED, 0.78))
        for yy in (37, 45):
            d.rectangle([x - (sw - 1) * u, yt + yy * u, x - 1.5 * u, yt + (yy + 1.6) * u], fill=(226, 214, 150))
            d.rectangle([x + 1.5 * u, yt + yy * u, x + (sw - 1) * u, yt + (yy + 1.6) * u], fill=(190, 178, 124))
        text_ok = h > 120
        if text_ok:
            d.rectangle([x - (sw - 2) * u, yt + 24 * u, x - 3.5 * u, yt + 28 * u], fill=(250, 236, 150))
    if arms == "front":  # forearms crossing in front, holding something
        d.polygon([(x - sw * u, yt + 20 * u), (x - (sw + 3) * u, yt + 24 * u), (x - 5 * u, yt + 41 * u),
                   (x - 2 * u, yt + 37 * u)], fill=arm)
        d.polygon([(x + sw * u, yt + 20 * u), (x + (sw + 3) * u, yt + 24 * u), (x + 5 * u, yt + 41 * u),
                   (x + 2 * u, yt + 37 * u)], fill=shade(arm, 0.8))
    # neck and head
    d.rectangle([hx - 2.6 * u, yt + 12 * u, hx + 2.6 * u, yt + 19 * u], fill=shade(skin, 0.82))
    head_front(d, hx, yt, u, skin, hair, rng, face=face and h > 60, long_hair=rng.random() < 0.25 and not hat,
               hat=hat)


def person_seated_front(d, x, y_seat, h, rng, old=0.8, top=None, face=True):
    """Seated, seen from the front across a table: draws head + torso down to y_seat."""
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR_OLD if rng.random() < old else HAIR_YOUNG)
    top = top or jitter(rng, rng.choice(CARDIGANS), 12)
    u = h / 100.0
    yt = y_seat - h
    d.polygon([(x - 24 * u, yt + 40 * u), (x + 24 * u, yt + 40 * u), (x + 26 * u, y_seat),
               (x - 26 * u, y_seat)], fill=top)
    d.ellipse([x - 25 * u, yt + 33 * u, x + 25 * u, yt + 55 * u], fill=top)
    d.polygon([(x + 4 * u, yt + 36 * u), (x + 24 * u, yt + 40 * u), (x + 26 * u, y_seat),
               (x + 6 * u, y_seat)], fill=shade(top, 0.85))
    d.polygon([(x - 6 * u, yt + 34 * u), (x, yt + 48 * u), (x + 6 * u, yt + 34 * u)], fill=(236, 232, 224))
    d.rectangle([x - 5 * u, yt + 26 * u, x + 5 * u, yt + 36 * u], fill=shade(skin, 0.85))
    d.ellipse([x - 12 * u, yt, x + 12 * u, yt + 30 * u], fill=skin)
    d.ellipse([x + 2 * u, yt + 1 * u, x + 12 * u, yt + 30 * u], fill=shade(skin, 0.9))
    d.chord([x - 12.6 * u, yt - 1 * u, x + 12.6 * u, yt + 20 * u], 180, 360, fill=hair)
    d.ellipse([x - 13 * u, yt + 2 * u, x - 8 * u, yt + 16 * u], fill=hair)
    if face:
        ey = yt + 15 * u
        d.line([x - 7 * u, ey, x - 3 * u, ey], fill=(50, 40, 36), width=max(1, int(1.1 * u)))
        d.line([x + 3 * u, ey, x + 7 * u, ey], fill=(50, 40, 36), width=max(1, int(1.1 * u)))
        d.arc([x - 4 * u, yt + 19 * u, x + 4 * u, yt + 25 * u], 20, 160, fill=shade(skin, 0.65),
              width=max(1, int(1.0 * u)))


# ---------------------------------------------------------------- scene parts

def window_grid(d, x0, y0, x1, y1, floors, cols, rng, wall, glass=(70, 86, 104), balcony=True,
                laundry=True, ac=True):
    """Windows of a residential facade between x0..x1, y0..y1."""
    fh = (y1 - y0) / floors
    cw = (x1 - x0) / cols
    for f in range(floors):
        fy = y0 + f * fh
        d.line([x0, fy, x1, fy], fill=shade(wall, 0.9), width=max(1, int(fh * 0.04)))
        for c in range(cols):
            cx = x0 + c * cw
            wx0, wx1 = cx + cw * 0.18, cx + cw * 0.82
            wy0, wy1 = fy + fh * 0.22, fy + fh * 0.78
            g = jitter(rng, glass, 10)
            d.rectangle([wx0, wy0, wx1, wy1], fill=g)
            d.rectangle([wx0, wy0, wx1, wy0 + (wy1 - wy0) * 0.35], fill=shade(g, 1.25))
            d.line([(wx0 + wx1) / 2, wy0, (wx0 + wx1) / 2, wy1], fill=shade(wall, 1.05), width=max(1, int(cw * 0.03)))
            d.rectangle([wx0 - cw * 0.03, wy1, wx1 + cw * 0.03, wy1 + fh * 0.05], fill=shade(wall, 1.1))
            if balcony and c % 2 == 1:
                d.rectangle([cx + cw * 0.05, fy + fh * 0.62, cx + cw * 0.95, fy + fh * 0.98],
                            fill=shade(wall, 1.07))
                d.line([cx + cw * 0.05, fy + fh * 0.62, cx + cw * 0.95, fy + fh * 0.62],
                       fill=shade(wall, 0.75), width=max(1, int(fh * 0.03)))
            if ac and rng.random() < 0.3:
                ax = cx + cw * rng.choice([0.05, 0.7])
                d.rectangle([ax, fy + fh * 0.7, ax + cw * 0.25, fy + fh * 0.92], fill=(225, 225, 220))
                d.ellipse([ax + cw * 0.06, fy + fh * 0.73, ax + cw * 0.17, fy + fh * 0.89], fill=(160, 160, 158))
            if laundry and rng.random() < 0.22:
                ly = fy + fh * 0.2
                d.line([cx + cw * 0.1, ly, cx + cw * 0.9, ly], fill=(110, 110, 110), width=max(1, int(fh * 0.02)))
                for k in range(rng.randint(2, 4)):
                    lx = cx + cw * (0.15 + 0.2 * k)
                    d.rectangle([lx, ly, lx + cw * 0.14, ly + fh * rng.uniform(0.25, 0.45)],
                                fill=jitter(rng, rng.choice([(200, 60, 60), (90, 120, 170), (230, 230, 220),
                                                             (210, 180, 90), (120, 160, 120)]), 15))


def building(d, x0, y_ground, w, h, floors, rng, wall=(214, 204, 186), side=0.0, roof=(140, 62, 48),
             pitched=True, cols=None):
    """A 新村 block: front facade (x0..x0+w), optional visible side face (side>0: width)."""
    y0 = y_ground - h
    d.rectangle([x0, y0, x0 + w, y_ground], fill=wall)
    if side:
        d.polygon([(x0 + w, y0), (x0 + w + side, y0 + side * 0.35), (x0 + w + side, y_ground),
                   (x0 + w, y_ground)], fill=shade(wall, 0.8))
        for f in range(floors):
            fy = y0 + (h / floors) * (f + 0.35)
            d.rectangle([x0 + w + side * 0.3, fy + side * 0.2, x0 + w + side * 0.62, fy + h / floors * 0.45],
                        fill=(70, 80, 96))
    cols = cols or max(4, int(w / (h / floors * 1.15)))
    window_grid(d, x0 + w * 0.02, y0 + h * 0.02, x0 + w * 0.98, y_ground - h / floors * 0.15, floors, cols, rng, wall)
    if pitched:
        rh = h / floors * 0.9
        d.polygon([(x0 - w * 0.015, y0), (x0 + w * 0.06, y0 - rh), (x0 + w * 0.94, y0 - rh),
                   (x0 + w * 1.015, y0)], fill=roof)
        for k in range(1, 6):
            yy = y0 - rh * k / 6
            d.line([x0 + w * 0.06 * k / 6, yy, x0 + w * (1 - 0.06 * k / 6), yy], fill=shade(roof, 0.8), width=1)
        if side:
            d.polygon([(x0 + w * 1.015, y0), (x0 + w * 0.94, y0 - rh), (x0 + w + side, y0 + side * 0.35 - rh * 0.6),
                       (x0 + w + side, y0 + side * 0.35)], fill=shade(roof, 0.72))
    # plinth and entrance
    d.rectangle([x0, y_ground - h / floors * 0.15, x0 + w, y_ground], fill=shade(wall, 0.78))


def lift_shaft(d, x, y_ground, w, h, floors, glass=(150, 176, 190), frame=(210, 212, 214)):
    """A glass-and-steel lift shaft attached to a facade, with landing bridges."""
    y0 = y_ground - h - h / floors * 0.6
    d.rectangle([x, y0, x + w, y_ground], fill=glass)
    d.rectangle([x, y0, x + w * 0.35, y_ground], fill=shade(glass, 1.15))
    for f in range(floors + 1):
        fy = y0 + (y_ground - y0) * f / (floors + 0.6)
        d.rectangle([x - w * 0.02, fy, x + w * 1.02, fy + w * 0.06], fill=frame)
    for k in (0, 0.5, 1):
        d.rectangle([x + w * k - w * 0.03, y0, x + w * k + w * 0.03, y_ground], fill=frame)
    d.rectangle([x - w * 0.05, y0 - w * 0.12, x + w * 1.05, y0], fill=shade(frame, 0.8))


def plane_tree(d, x, y_ground, h, rng, bark=(150, 144, 126), leaves=True, width=0.032):
    """A bare winter 梧桐 (plane tree): mottled bark, forked crown, fine twigs."""
    trunk_w = h * width
    top = y_ground - h * 0.45
    lean = rng.uniform(-0.04, 0.04) * h
    d.polygon([(x - trunk_w, y_ground), (x + trunk_w, y_ground), (x + lean + trunk_w * 0.75, top),
               (x + lean - trunk_w * 0.75, top)], fill=bark)
    d.polygon([(x + trunk_w * 0.2, y_ground), (x + trunk_w, y_ground), (x + lean + trunk_w * 0.75, top),
               (x + lean + trunk_w * 0.1, top)], fill=shade(bark, 0.82))
    for _ in range(int(h / 9)):
        t = rng.random()
        px = x + lean * t + rng.uniform(-0.7, 0.5) * trunk_w * (1 - 0.25 * t)
        py = y_ground - (y_ground - top) * t
        r = trunk_w * rng.uniform(0.12, 0.3)
        d.ellipse([px - r, py - r * 1.6, px + r, py + r * 1.6],
                  fill=jitter(rng, rng.choice([(184, 180, 156), (128, 122, 104), (170, 166, 140)]), 6))

    def branch(x0, y0, ang, length, width, depth):
        if depth == 0 or length < 2:
            return
        x1 = x0 + math.cos(ang) * length
        y1 = y0 - math.sin(ang) * length
        col = mix((104, 96, 84), (140, 132, 114), rng.random()) if depth > 3 else (98, 92, 84)
        d.line([x0, y0, x1, y1], fill=col, width=max(1, int(round(width))))
        if leaves and depth <= 2 and rng.random() < 0.18:
            r = max(1.5, h * 0.005)
            d.ellipse([x1 - r, y1 - r * 1.2, x1 + r, y1 + r * 1.2],
                      fill=rng.choice([(176, 140, 72), (160, 116, 62), (190, 160, 92)]))
        if leaves and depth == 1 and rng.random() < 0.12:  # seed balls
            r = max(1.5, h * 0.004)
            d.line([x1, y1, x1, y1 + r * 4], fill=(90, 84, 76), width=1)
            d.ellipse([x1 - r, y1 + r * 3, x1 + r, y1 + r * 5], fill=(120, 96, 64))
        n = 2 if depth > 2 else rng.choice([2, 3])
        for _ in range(n):
            branch(x1, y1, ang + rng.uniform(-0.6, 0.6), length * rng.uniform(0.6, 0.78), width * 0.6, depth - 1)

    for a in sorted(rng.uniform(0.7, 2.45) for _ in range(4)):
        branch(x + lean, top + h * rng.uniform(-0.05, 0.06), a, h * rng.uniform(0.13, 0.19), trunk_w * 0.6, 7)


def ground_perspective(d, w, h, horizon, colour=(150, 148, 140), lines=True):
    d.rectangle([0, horizon, w, h], fill=colour)
    if lines:
        vx = w * 0.5
        for k in range(-12, 13):
            d.line([vx, horizon, vx + k * w * 0.18, h], fill=shade(colour, 0.93), width=max(1, int(w / 900)))
        for k in range(1, 14):
            y = horizon + (h - horizon) * (k / 14) ** 1.8
            d.line([0, y, w, y], fill=shade(colour, 0.95), width=max(1, int(w / 1200)))


def red_banner(d, box, s: str, size=None, fill=(178, 24, 28), ink=(250, 222, 120), spacing=0):
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=fill)
    d.rectangle([x0, y0, x1, y0 + (y1 - y0) * 0.18], fill=shade(fill, 1.1))
    d.rectangle([x0, y1 - (y1 - y0) * 0.12, x1, y1], fill=shade(fill, 0.8))
    size = size or int((y1 - y0) * 0.62)
    while size > 8 and font(size).getlength(s) + spacing * (len(s) - 1) > (x1 - x0) * 0.92:
        size -= 1
    text(d, ((x0 + x1) / 2, (y0 + y1) / 2), s, size, ink, spacing=spacing)


# ---------------------------------------------------------------- scenes
# Every scene takes (size, rng) and returns an RGB image of exactly `size`.

def winter_sky(W, H, rng, warm=0.0, sun=(0.85, 0.1)):
    sky = vgradient((W, H), [(0, mix((118, 142, 172), (150, 150, 164), warm)),
                             (0.5, mix((190, 204, 218), (214, 200, 186), warm)),
                             (0.75, (228, 224, 214)), (1, (228, 224, 214))])
    sx, sy = sun
    sky = glow(sky, (W * (sx - 0.5), H * (sy - 0.5), W * (sx + 0.5), H * (sy + 0.5)), (255, 234, 196), 0.85)

    def clouds(dd):
        for _ in range(12):
            cx, cy = rng.uniform(-0.1, 1.1) * W, rng.uniform(0.02, 0.35) * H
            cw, ch = rng.uniform(0.2, 0.5) * W, rng.uniform(0.02, 0.05) * H
            dd.ellipse([cx - cw / 2, cy - ch / 2, cx + cw / 2, cy + ch / 2], fill=(250, 248, 244, 80))
    return overlay(sky, clouds, blur=W * 0.01)


def scene_xincun(size, rng, lifts=True, leaves=False, people=True, warm=0.0, fresh=False):
    """Six-storey 新村 blocks under a winter sky: lift shafts, plane trees, long shadows."""
    W, H = size[0] * SS, size[1] * SS
    img = winter_sky(W, H, rng, warm)
    horizon = H * 0.76
    # far row, hazy
    far = Image.new("RGB", (W, H), (0, 0, 0))
    fm = Image.new("L", (W, H), 0)
    fd, fmd = ImageDraw.Draw(far), ImageDraw.Draw(fm)
    x = -W * 0.05
    while x < W:
        bw, bh = W * rng.uniform(0.15, 0.24), H * rng.uniform(0.2, 0.28)
        building(fd, x, horizon - H * 0.05, bw, bh, 6, rng, wall=(200, 198, 196), pitched=rng.random() < 0.6,
                 roof=(156, 116, 104))
        fmd.rectangle([x - bw * 0.02, horizon - H * 0.05 - bh * 1.2, x + bw * 1.02, horizon], fill=255)
        x += bw + W * rng.uniform(0.03, 0.06)
    far = Image.blend(far, Image.new("RGB", (W, H), (206, 212, 220)), 0.5).filter(ImageFilter.GaussianBlur(W * 0.002))
    img.paste(far, (0, 0), fm)
    d = ImageDraw.Draw(img, "RGBA")
    ground_perspective(d, W, H, horizon, (150, 148, 142))
    # main block (left, with its sunlit side) and a second block (right, further away)
    wall = (230, 218, 198) if fresh else (222, 208, 188)
    bx, bw, bh = W * 0.03, W * 0.52, H * 0.6
    building(d, bx, horizon + H * 0.02, bw, bh, 6, rng, wall=wall, side=W * 0.07, cols=8)
    if lifts:
        for k in (0.16, 0.6):
            lift_shaft(d, bx + bw * k, horizon + H * 0.02, bw * 0.07, bh, 6)
            for f in range(6):
                fy = horizon + H * 0.02 - bh + bh * f / 6 + bh / 6 * 0.5
                d.rectangle([bx + bw * (k + 0.07), fy, bx + bw * (k + 0.11), fy + bh / 6 * 0.28], fill=(200, 202, 204))
    b2x, b2w, b2h = W * 0.66, W * 0.36, H * 0.44
    building(d, b2x, horizon - H * 0.01, b2w, b2h, 6, rng, wall=(216, 208, 198), cols=6)
    if lifts:
        lift_shaft(d, b2x + b2w * 0.28, horizon - H * 0.01, b2w * 0.07, b2h, 6)
    img = Image.composite(ImageChops.multiply(img, vgradient((W, H), [(0, (255, 255, 255)), (0.45, (255, 255, 255)),
                                                                      (0.78, (214, 210, 206)), (1, (200, 196, 192))])),
                          img, Image.new("L", (W, H), 255))
    d = ImageDraw.Draw(img, "RGBA")
    # hedge
    for _ in range(70):
        hx = rng.uniform(0, W)
        r = H * rng.uniform(0.012, 0.022)
        d.ellipse([hx - r * 1.6, horizon + H * 0.03 - r, hx + r * 1.6, horizon + H * 0.03 + r],
                  fill=jitter(rng, (72, 94, 66), 10))
    # long winter shadows of the trees across the path
    def shadows(dd):
        for sx in (0.2, 0.45, 0.74, 0.95):
            x0 = W * sx
            dd.polygon([(x0 - W * 0.01, H), (x0 + W * 0.02, H), (x0 - W * 0.16, horizon + H * 0.05),
                        (x0 - W * 0.18, horizon + H * 0.05)], fill=(40, 40, 50, 70))
    img = overlay(img, shadows, blur=W * 0.006)
    d = ImageDraw.Draw(img, "RGBA")
    if people:  # residents at different depths: the nearer, the larger
        for depth, px in sorted(((rng.uniform(0.0, 1.0), W * rng.uniform(0.3, 0.92)) for _ in range(5))):
            yf = horizon + H * (0.05 + 0.17 * depth)
            ph = H * (0.1 + 0.13 * depth)
            person_front(d, px, yf, ph, rng, old=0.85, face=ph > H * 0.12,
                         top=jitter(rng, rng.choice(COATS + CARDIGANS), 10))
    # foreground trees on their own layer, slightly out of focus
    trees = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    td = ImageDraw.Draw(trees)
    for tx, th in ((W * 0.07, H * 1.15), (W * 0.64, H * 0.8), (W * 0.96, H * 1.05)):
        plane_tree(td, tx + rng.uniform(-W * 0.02, W * 0.02), horizon + th * 0.2, th, rng, leaves=True)
    img = Image.alpha_composite(img.convert("RGBA"), dof(trees, W * 0.0012)).convert("RGB")
    img = glow(img, (W * 0.4, H * 0.3, W * 1.3, H * 1.1), (255, 226, 186), 0.22)
    return finish(img, size, rng, blur=0.5, vig=0.3, tint=(255, 248, 240) if not warm else (255, 244, 230))


def scene_meeting(size, rng, banner="梧桐路街道党工委2026年度领导班子民主生活会"):
    """A meeting room: red banner, officials at a table, rows of people seen from behind."""
    W, H = size[0] * SS, size[1] * SS
    # room in one-point perspective: back wall, side walls, ceiling, floor
    img = Image.new("RGB", (W, H), (200, 190, 172))
    d = ImageDraw.Draw(img, "RGBA")
    bx0, by0, bx1, by1 = W * 0.12, H * 0.1, W * 0.88, H * 0.56
    d.polygon([(0, 0), (W, 0), (bx1, by0), (bx0, by0)], fill=(226, 222, 212))            # ceiling
    d.polygon([(0, 0), (bx0, by0), (bx0, by1), (0, H)], fill=(186, 172, 150))              # left wall
    d.polygon([(W, 0), (bx1, by0), (bx1, by1), (W, H)], fill=(168, 154, 134))              # right wall
    d.polygon([(0, H), (bx0, by1), (bx1, by1), (W, H)], fill=(120, 92, 72))                # floor (carpet)
    d.rectangle([bx0, by0, bx1, by1], fill=(214, 204, 186))                                 # back wall
    for k in range(1, 4):  # windows on the left wall, bright
        t0, t1 = k / 4 - 0.18, k / 4 - 0.04
        xa, xb = bx0 * t0 * 0 + bx0 * (1 - t0) * 0 + bx0 * t0, bx0 * t1
        ya0, ya1 = by0 * t0 + H * 0.12 * (1 - t0), by0 * t1 + H * 0.12 * (1 - t1)
        yb0, yb1 = H - (H - by1) * t0 - H * 0.38 * (1 - t0), H - (H - by1) * t1 - H * 0.38 * (1 - t1)
        d.polygon([(xa, ya0), (xb, ya1), (xb, yb1), (xa, yb0)], fill=(242, 244, 240))
    for k in range(6):  # ceiling lamps
        cx = bx0 + (bx1 - bx0) * (k + 0.5) / 6
        d.ellipse([cx - W * 0.03, by0 * 0.55 - H * 0.008, cx + W * 0.03, by0 * 0.55 + H * 0.008], fill=(255, 252, 240))
    red_banner(d, (bx0 + W * 0.03, by0 + H * 0.04, bx1 - W * 0.03, by0 + H * 0.12), banner)
    ty = by1 - H * 0.01
    for k in range(7):
        px = bx0 + (bx1 - bx0) * (k + 0.5) / 7
        old = 0.5 if k in (1, 5) else 0.15
        person_seated_front(d, px + rng.uniform(-4, 4), ty, H * rng.uniform(0.17, 0.19), rng, old=old,
                            top=jitter(rng, rng.choice([(40, 44, 58), (52, 52, 56), (34, 38, 50)]), 6))
    d.rectangle([bx0 + W * 0.02, ty - H * 0.012, bx1 - W * 0.02, ty + H * 0.075], fill=(150, 28, 32))
    d.rectangle([bx0 + W * 0.02, ty - H * 0.02, bx1 - W * 0.02, ty - H * 0.008], fill=(236, 232, 226))
    d.rectangle([bx0 + W * 0.02, ty + H * 0.05, bx1 - W * 0.02, ty + H * 0.075], fill=(120, 20, 24))
    for k in range(7):
        px = bx0 + (bx1 - bx0) * (k + 0.5) / 7
        d.polygon([(px - W * 0.022, ty - H * 0.012), (px + W * 0.022, ty - H * 0.012), (px + W * 0.02, ty - H * 0.04),
                   (px - W * 0.02, ty - H * 0.04)], fill=(244, 242, 236))
        d.rectangle([px + W * 0.028, ty - H * 0.05, px + W * 0.034, ty - H * 0.012], fill=(210, 226, 236))
    for fx in (bx0 + W * 0.02, bx1 - W * 0.02):
        for _ in range(30):
            r = H * 0.013
            cx, cy = fx + rng.uniform(-W * 0.03, W * 0.03), ty + H * 0.05 + rng.uniform(-H * 0.05, H * 0.02)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=jitter(rng, (56, 104, 58), 14))
        for _ in range(12):
            r = H * 0.008
            cx, cy = fx + rng.uniform(-W * 0.025, W * 0.025), ty + H * 0.04 + rng.uniform(-H * 0.05, H * 0.0)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=jitter(rng, (214, 58, 60), 18))
    img = glow(img, (-W * 0.3, H * 0.05, W * 0.3, H * 0.95), (255, 246, 226), 0.55)
    img = light_falloff(img, (W * 0.05, -H * 0.2, W * 0.95, H * 0.9), 0.3)
    # audience rows from behind; the nearer, the larger and the more out of focus
    rows = [(by1 + H * 0.08, 0.044, 0.5), (by1 + H * 0.14, 0.052, 0.8), (by1 + H * 0.21, 0.063, 1.3),
            (by1 + H * 0.30, 0.078, 2.2), (by1 + H * 0.42, 0.098, 3.4), (by1 + H * 0.58, 0.125, 5.0)]
    for ry, s, blur in rows:
        layer = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        ad = ImageDraw.Draw(layer)
        n = int(1.0 / (s * 2.5)) + 1
        off = rng.uniform(0, 0.6)
        for k in range(-1, n + 1):
            x = W * (k + off) / n
            if rng.random() < 0.9:
                person_back(ad, x, ry, W * s * 0.5, rng, old=0.4, chair=(60, 44, 40))
        img = Image.alpha_composite(img.convert("RGBA"), dof(layer, blur * SS * 0.5)).convert("RGB")
    return finish(img, size, rng, blur=0.5, vig=0.32, tint=(255, 248, 236))


def scene_canteen(size, rng, crowd=1.0):
    """Older residents at canteen tables, window light from the left, menu board behind."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (232, 224, 206)), (0.5, (222, 210, 188)), (0.51, (176, 150, 120)),
                             (1, (150, 124, 98))])
    d = ImageDraw.Draw(img, "RGBA")
    # big window on the left with mullions, bright
    d.rectangle([0, H * 0.06, W * 0.2, H * 0.5], fill=(246, 248, 244))
    for k in range(4):
        d.line([W * 0.05 * k, H * 0.06, W * 0.05 * k, H * 0.5], fill=(200, 200, 196), width=max(1, int(W * 0.004)))
    d.line([0, H * 0.26, W * 0.2, H * 0.26], fill=(200, 200, 196), width=max(1, int(W * 0.004)))
    # menu board and serving counter at the back
    d.rectangle([W * 0.52, H * 0.08, W * 0.86, H * 0.3], fill=(54, 74, 64))
    text(d, (W * 0.69, H * 0.125), "今日菜单", int(H * 0.04), (246, 236, 200))
    for k in range(4):
        d.line([W * 0.56, H * (0.17 + 0.03 * k), W * (0.74 + 0.03 * (k % 2)), H * (0.17 + 0.03 * k)],
               fill=(210, 214, 200), width=max(1, int(H * 0.006)))
    d.rectangle([W * 0.44, H * 0.36, W * 0.96, H * 0.5], fill=(196, 198, 196))
    d.rectangle([W * 0.44, H * 0.34, W * 0.96, H * 0.37], fill=(226, 228, 226))
    for k in range(5):
        cx = W * (0.5 + 0.09 * k)
        d.ellipse([cx - W * 0.03, H * 0.33, cx + W * 0.03, H * 0.36], fill=(180, 180, 178))
    # staff behind the counter
    for k, cx in enumerate((W * 0.6, W * 0.8)):
        person_front(d, cx, H * 0.56, H * 0.3, rng, top=(236, 236, 232), old=0.1, hat=(236, 236, 232))
    d.rectangle([W * 0.44, H * 0.4, W * 0.96, H * 0.5], fill=(186, 188, 186))
    img = glow(img, (-W * 0.4, -H * 0.2, W * 0.5, H * 0.9), (255, 246, 224), 0.7)
    d = ImageDraw.Draw(img, "RGBA")

    # tables in perspective, each with people on the far side facing the camera
    def table(ty, tw, th, cx, people_n, scale):
        d.polygon([(cx - tw * 0.42, ty), (cx + tw * 0.42, ty), (cx + tw / 2, ty + th), (cx - tw / 2, ty + th)],
                  fill=(236, 230, 218))
        d.rectangle([cx - tw / 2, ty + th, cx + tw / 2, ty + th + th * 0.18], fill=(180, 160, 130))
        for k in range(people_n):
            px = cx - tw * 0.36 + tw * 0.72 * (k + 0.5) / people_n
            person_seated_front(d, px, ty + th * 0.15, H * scale, rng, old=0.95)
        # redraw table front so that the bodies sit behind it
        d.polygon([(cx - tw * 0.45, ty + th * 0.25), (cx + tw * 0.45, ty + th * 0.25), (cx + tw / 2, ty + th),
                   (cx - tw / 2, ty + th)], fill=(238, 232, 220))
        for k in range(people_n):
            px = cx - tw * 0.36 + tw * 0.72 * (k + 0.5) / people_n
            by = ty + th * 0.55
            d.rectangle([px - tw * 0.07, by - th * 0.22, px + tw * 0.07, by + th * 0.22], fill=(176, 196, 186))
            d.ellipse([px - tw * 0.045, by - th * 0.16, px + tw * 0.01, by + th * 0.1], fill=(250, 250, 246))
            d.ellipse([px - tw * 0.036, by - th * 0.11, px + tw * 0.0, by + th * 0.05], fill=(196, 120, 70))
            d.ellipse([px + tw * 0.015, by - th * 0.16, px + tw * 0.06, by + th * 0.1], fill=(250, 250, 246))
            d.ellipse([px + tw * 0.024, by - th * 0.11, px + tw * 0.052, by + th * 0.05], fill=(90, 150, 70))

    table(H * 0.55, W * 0.42, H * 0.06, W * 0.25, int(3 * crowd), 0.2)
    table(H * 0.58, W * 0.4, H * 0.07, W * 0.72, 3, 0.21)
    # near table, seen from the side: backs of two residents, out of focus
    near = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(near)
    nd.polygon([(W * 0.02, H * 0.8), (W * 0.98, H * 0.8), (W * 1.1, H), (-W * 0.1, H)], fill=(238, 232, 222, 255))
    for px in (W * 0.18, W * 0.86):
        person_back(nd, px, H * 0.78, W * 0.085, rng, old=1.0, coat=jitter(rng, rng.choice(CARDIGANS), 8))
    nd.ellipse([W * 0.42, H * 0.86, W * 0.58, H * 0.96], fill=(250, 250, 246, 255))
    nd.ellipse([W * 0.445, H * 0.875, W * 0.555, H * 0.945], fill=(214, 150, 96, 255))
    img = Image.alpha_composite(img.convert("RGBA"), dof(near, W * 0.006)).convert("RGB")
    return finish(img, size, rng, blur=0.5, vig=0.3, tint=(255, 246, 232))


def scene_volunteers(size, rng, n=4, doorway=True):
    """Volunteers in red vests carrying bags in a 新村 lane; an older resident at her door."""
    W, H = size[0] * SS, size[1] * SS
    img = winter_sky(W, H, rng, 0.2, sun=(0.2, 0.05))
    d = ImageDraw.Draw(img, "RGBA")
    horizon = H * 0.62
    # lane in perspective: building walls on both sides converging
    vx = W * 0.62
    d.polygon([(0, 0), (vx - W * 0.12, horizon - H * 0.35), (vx - W * 0.12, horizon), (0, H)], fill=(206, 194, 176))
    d.polygon([(W, H * 0.05), (vx + W * 0.1, horizon - H * 0.3), (vx + W * 0.1, horizon), (W, H)], fill=(176, 166, 152))
    d.polygon([(0, H), (vx - W * 0.12, horizon), (vx + W * 0.1, horizon), (W, H)], fill=(150, 146, 140))
    d.rectangle([vx - W * 0.12, horizon - H * 0.3, vx + W * 0.1, horizon], fill=(214, 208, 198))
    window_grid(d, vx - W * 0.11, horizon - H * 0.29, vx + W * 0.09, horizon - H * 0.02, 4, 3, rng, (214, 208, 198),
                laundry=False)
    # windows on the left wall in perspective
    for k in range(5):
        t = k / 5
        x0 = W * 0.02 + (vx - W * 0.14) * t
        w = (vx - W * 0.14) * 0.12 * (1 - t * 0.7)
        y_top = H * 0.08 + (horizon - H * 0.35 - H * 0.08) * t
        y_bot = H * 0.42 + (horizon - H * 0.05 - H * 0.42) * t
        d.rectangle([x0, y_top + (y_bot - y_top) * 0.1, x0 + w, y_top + (y_bot - y_top) * 0.45],
                    fill=jitter(rng, (80, 92, 108), 8))
    # door on the right wall with an older lady
    if doorway:
        d.polygon([(W * 0.8, H * 0.3), (W * 0.94, H * 0.22), (W * 0.94, H * 0.86), (W * 0.8, H * 0.78)], fill=(70, 60, 52))
        person_front(d, W * 0.87, H * 0.84, H * 0.5, rng, old=1.0, top=(150, 110, 96), face=True)
    img = glow(img, (-W * 0.5, -H * 0.5, W * 0.6, H * 0.7), (255, 236, 200), 0.55)
    d = ImageDraw.Draw(img, "RGBA")
    # volunteers: red vests, one carries a bag, one a box
    for k in reversed(range(n)):  # far to near, so that nearer people overlap farther ones
        depth = (k + 0.5) / n
        px = W * (0.16 + (0.62 if n > 4 else 0.5) * depth + rng.uniform(-0.03, 0.03))
        ph = H * (0.75 - 0.35 * depth)
        yf = H * (0.98 - 0.28 * depth)
        person_front(d, px, yf, ph, rng, vest=True, old=0.2 if k else 0.6, arms="front" if k % 2 else "down",
                     top=jitter(rng, (70, 74, 90), 10))
        u = ph / 100
        if k % 2:  # a box of supplies held in front
            d.rectangle([px - 9 * u, yf - ph + 33 * u, px + 9 * u, yf - ph + 46 * u], fill=(206, 170, 120))
            d.line([px - 9 * u, yf - ph + 38 * u, px + 9 * u, yf - ph + 38 * u], fill=(170, 60, 50), width=max(1, int(u)))
        else:  # a bag in the hand
            d.rounded_rectangle([px + 13 * u, yf - ph + 50 * u, px + 24 * u, yf - ph + 66 * u], radius=2 * u,
                                fill=(200, 60, 60))
            d.arc([px + 14 * u, yf - ph + 45 * u, px + 22 * u, yf - ph + 55 * u], 180, 360, fill=(150, 40, 40),
                  width=max(1, int(u)))
    return finish(img, size, rng, blur=0.55, vig=0.3, tint=(255, 248, 238))


def scene_choir(size, rng):
    """A choir on risers, red curtain and festival banner, stage lights, audience heads."""
    W, H = size[0] * SS, size[1] * SS
    img = Image.new("RGB", (W, H), (30, 12, 14))
    d = ImageDraw.Draw(img, "RGBA")
    # curtain: vertical folds
    folds = 28
    for k in range(folds):
        x0, x1 = W * k / folds, W * (k + 1) / folds
        c = mix((120, 16, 22), (176, 30, 36), 0.5 + 0.5 * math.sin(k * 1.7))
        d.rectangle([x0, 0, x1, H * 0.72], fill=c)
        d.rectangle([x0 + (x1 - x0) * 0.6, 0, x1, H * 0.72], fill=shade(c, 0.75))
    d.rectangle([0, 0, W, H * 0.09], fill=(150, 20, 28))
    for k in range(12):  # valance scallops
        d.chord([W * k / 12, H * 0.04, W * (k + 1) / 12, H * 0.14], 0, 180, fill=(150, 20, 28))
    red_banner(d, (W * 0.16, H * 0.15, W * 0.84, H * 0.25), "唱响梧桐·美好家园 第五届梧桐社区文化节",
               fill=(190, 26, 30), ink=(255, 226, 120))
    # stage floor
    d.polygon([(0, H * 0.72), (W, H * 0.72), (W, H), (0, H)], fill=(92, 62, 44))
    # risers and singers: three rows
    for r, (ry, scale, n) in enumerate(((0.47, 0.2, 13), (0.56, 0.22, 12), (0.66, 0.24, 11))):
        d.rectangle([W * 0.05, H * (ry + 0.02), W * 0.95, H * (ry + 0.1)], fill=(70, 46, 36))
        for k in range(n):
            px = W * (0.1 + 0.8 * (k + 0.5 * (r % 2)) / n)
            top = (236, 234, 228) if (k + r) % 3 else (40, 40, 50)
            person_front(d, px, H * (ry + 0.03) + H * scale * 0.55, H * scale, rng, top=top, old=0.6,
                         arms="front", legs=(30, 30, 36))
            u = H * scale / 100
            yt = H * (ry + 0.03) + H * scale * 0.55 - H * scale
            d.polygon([(px - 6 * u, yt + 19 * u), (px + 6 * u, yt + 19 * u), (px, yt + 27 * u)], fill=(200, 30, 40))
            d.rectangle([px - 7 * u, yt + 33 * u, px + 7 * u, yt + 42 * u], fill=(30, 30, 34))  # music folder
    # mask the lower parts of the back rows (behind the front rows): the front row is drawn last already
    # spotlights: additive beams from the top
    def beams(dd):
        for bx in (0.25, 0.5, 0.75):
            dd.polygon([(W * bx - W * 0.02, 0), (W * bx + W * 0.02, 0), (W * bx + W * 0.16, H * 0.78),
                        (W * bx - W * 0.16, H * 0.78)], fill=(255, 240, 210, 34))
    img = overlay(img, beams, blur=W * 0.02)
    for bx in (0.25, 0.5, 0.75):
        img = glow(img, (W * bx - W * 0.22, H * 0.42, W * bx + W * 0.22, H * 0.86), (255, 236, 200), 0.45)
    # conductor from behind and audience heads, dark and out of focus
    aud = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    ad = ImageDraw.Draw(aud)
    person_front(ad, W * 0.5, H * 1.05, H * 0.42, rng, top=(20, 20, 24), arms="up", face=False, hair=(20, 18, 16),
                 skin=(20, 18, 16), legs=(20, 20, 24))
    for k in range(15):
        x = W * (k + rng.uniform(-0.2, 0.2)) / 14
        if abs(x - W * 0.5) > W * 0.06:
            person_back(ad, x, H * 0.97, W * 0.05, rng, coat=(16, 14, 16))
    aud = dof(aud, W * 0.004)
    dark = Image.new("RGBA", (W, H), (10, 8, 10, 255))
    aud_mask = aud.split()[3]
    img = Image.composite(Image.blend(img.convert("RGBA"), dark, 0.85).convert("RGB"), img, aud_mask)
    return finish(img, size, rng, blur=0.6, vig=0.45, grain_amount=5.5, desat=0.05, tint=(255, 246, 236))


def scene_liftshaft(size, rng):
    """A steel lift shaft going up against an old six-storey block: scaffolding, safety net, a worker."""
    W, H = size[0] * SS, size[1] * SS
    img = winter_sky(W, H, rng, 0.1, sun=(0.9, 0.0))
    d = ImageDraw.Draw(img, "RGBA")
    # facade seen slightly from below: a trapezoid converging upwards
    wall = (214, 204, 188)
    d.polygon([(-W * 0.1, H), (W * 1.1, H), (W * 0.98, H * 0.1), (W * 0.02, H * 0.1)], fill=wall)
    d.polygon([(W * 0.0, H * 0.1), (W * 1.0, H * 0.1), (W * 0.94, H * 0.04), (W * 0.06, H * 0.04)], fill=(150, 70, 56))
    floors = 6
    for f in range(floors):
        t0, t1 = f / floors, (f + 1) / floors
        y0, y1 = H * 0.1 + (H * 0.9) * t0, H * 0.1 + (H * 0.9) * t1
        inset = W * 0.02 * (1 - t0)
        for c in range(3):
            cx0 = inset + (W - 2 * inset) * (c / 3) + W * 0.05
            cx1 = cx0 + (W - 2 * inset) / 3 * 0.55
            if c == 1:
                continue
            d.rectangle([cx0, y0 + (y1 - y0) * 0.22, cx1, y0 + (y1 - y0) * 0.72], fill=jitter(rng, (74, 86, 100), 8))
            d.rectangle([cx0, y0 + (y1 - y0) * 0.22, cx1, y0 + (y1 - y0) * 0.36], fill=(112, 126, 140))
        d.line([0, y0, W, y0], fill=shade(wall, 0.9), width=max(1, int(H * 0.003)))
    # the shaft: steel frame in the middle column, partly glazed at the bottom
    sx0, sx1 = W * 0.36, W * 0.66
    steel = (178, 84, 52)
    d.rectangle([sx0, H * 0.18, sx1, H], fill=shade(wall, 0.72))
    for f in range(floors + 2):
        y = H * 0.18 + (H * 0.82) * f / (floors + 1)
        d.rectangle([sx0 - W * 0.01, y, sx1 + W * 0.01, y + H * 0.012], fill=steel)
        if f <= floors:
            y2 = H * 0.18 + (H * 0.82) * (f + 1) / (floors + 1)
            d.line([sx0, y, sx1, y2], fill=shade(steel, 0.85), width=max(1, int(W * 0.008)))
            d.line([sx1, y, sx0, y2], fill=shade(steel, 0.85), width=max(1, int(W * 0.008)))
    for x in (sx0, sx1):
        d.rectangle([x - W * 0.012, H * 0.16, x + W * 0.012, H], fill=shade(steel, 1.1))
    d.rectangle([sx0, H * 0.78, sx1, H], fill=(160, 186, 196))
    d.rectangle([sx0, H * 0.78, sx0 + (sx1 - sx0) * 0.3, H], fill=(196, 214, 220))
    # scaffolding poles and a green safety net on the right
    net = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(net)
    nd.rectangle([W * 0.7, H * 0.3, W * 1.0, H], fill=(46, 110, 70, 170))
    for k in range(60):
        y = H * 0.3 + H * 0.7 * k / 60
        nd.line([W * 0.7, y, W, y], fill=(30, 80, 50, 120), width=1)
    img = Image.alpha_composite(img.convert("RGBA"), net).convert("RGB")
    d = ImageDraw.Draw(img, "RGBA")
    for x in (W * 0.69, W * 0.8, W * 0.91):
        d.line([x, H * 0.25, x, H], fill=(120, 120, 124), width=max(1, int(W * 0.008)))
    for k in range(8):
        y = H * 0.28 + H * 0.72 * k / 8
        d.line([W * 0.68, y, W, y], fill=(120, 120, 124), width=max(1, int(W * 0.006)))
    # a worker with a yellow helmet on the frame, and a hoist hook
    person_front(d, W * 0.52, H * 0.47, H * 0.14, rng, top=(60, 90, 140), hat=(236, 200, 40), old=0.0, face=False)
    d.line([W * 0.58, 0, W * 0.58, H * 0.2], fill=(60, 60, 64), width=max(1, int(W * 0.005)))
    d.arc([W * 0.565, H * 0.19, W * 0.595, H * 0.22], 0, 200, fill=(60, 60, 64), width=max(1, int(W * 0.006)))
    img = glow(img, (W * 0.3, -H * 0.3, W * 1.4, H * 0.6), (255, 236, 200), 0.4)
    img = finish(img, size, rng, blur=0.5, vig=0.3, desat=0.0)
    return img


def illust_sorting(size, rng):
    """Flat RGBA illustration of an upgraded refuse station, on a transparent background."""
    W, H = size[0] * SS, size[1] * SS
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(img, "RGBA")
    # soft ground shadow (semi-transparent)
    sh = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    ImageDraw.Draw(sh).ellipse([W * 0.04, H * 0.82, W * 0.96, H * 0.97], fill=(0, 0, 0, 70))
    img = Image.alpha_composite(img, sh.filter(ImageFilter.GaussianBlur(W * 0.015)))
    d = ImageDraw.Draw(img, "RGBA")
    # pavilion: posts, roof, back panel with the sign
    d.rectangle([W * 0.1, H * 0.24, W * 0.9, H * 0.86], fill=(236, 240, 232, 255))
    d.rectangle([W * 0.1, H * 0.24, W * 0.9, H * 0.34], fill=(46, 120, 80, 255))
    text(d, (W * 0.5, H * 0.29), "生活垃圾分类投放点", int(H * 0.055), (255, 255, 255))
    d.polygon([(W * 0.03, H * 0.24), (W * 0.5, H * 0.05), (W * 0.97, H * 0.24)], fill=(60, 78, 70, 255))
    d.polygon([(W * 0.03, H * 0.24), (W * 0.5, H * 0.05), (W * 0.5, H * 0.11), (W * 0.1, H * 0.26)],
              fill=(80, 100, 90, 255))
    for x in (W * 0.1, W * 0.9):
        d.rectangle([x - W * 0.012, H * 0.24, x + W * 0.012, H * 0.88], fill=(120, 120, 116, 255))
    # four bins
    bins = [("可回收物", (31, 95, 168)), ("有害垃圾", (200, 53, 43)), ("湿垃圾", (122, 75, 42)),
            ("干垃圾", (52, 52, 54))]
    bw = W * 0.14
    for k, (label, col) in enumerate(bins):
        x0 = W * 0.15 + k * (bw + W * 0.025)
        y0, y1 = H * 0.48, H * 0.86
        d.rounded_rectangle([x0, y0, x0 + bw, y1], radius=W * 0.012, fill=col + (255,))
        d.rectangle([x0 + bw * 0.62, y0, x0 + bw, y1], fill=shade(col, 0.85) + (255,))
        d.rounded_rectangle([x0 - bw * 0.05, y0 - H * 0.05, x0 + bw * 1.05, y0 + H * 0.01], radius=W * 0.01,
                            fill=shade(col, 1.15) + (255,))
        d.ellipse([x0 + bw * 0.3, y1 - H * 0.035, x0 + bw * 0.5, y1 + H * 0.005], fill=(30, 30, 30, 255))
        size_t = int(bw * 0.22) if len(label) == 4 else int(bw * 0.26)
        for j, ch in enumerate(label):
            text(d, (x0 + bw * 0.5, y0 + H * 0.07 + j * size_t * 1.12), ch, size_t, (255, 255, 255))
    # hand-washing basin and bag breaker on the right, a plane-tree leaf on the left
    d.rectangle([W * 0.8, H * 0.6, W * 0.88, H * 0.86], fill=(200, 204, 206, 255))
    d.ellipse([W * 0.795, H * 0.575, W * 0.885, H * 0.625], fill=(236, 240, 242, 255))
    d.line([W * 0.84, H * 0.54, W * 0.84, H * 0.585], fill=(150, 150, 150, 255), width=int(W * 0.006))
    d.line([W * 0.84, H * 0.54, W * 0.825, H * 0.54], fill=(150, 150, 150, 255), width=int(W * 0.006))
    for k in range(5):
        d.ellipse([W * (0.02 + 0.012 * k), H * (0.64 - 0.05 * k), W * (0.08 + 0.012 * k), H * (0.7 - 0.05 * k)],
                  fill=(90, 150, 90, 255 - k * 20))
    d.line([W * 0.05, H * 0.86, W * 0.07, H * 0.5], fill=(110, 90, 70, 255), width=int(W * 0.008))
    img = img.resize(size, Image.LANCZOS)
    return img


def scene_portrait(size, rng):
    """Head-and-shoulders of an older repairman in his workshop: window light from the left."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (150, 140, 124)), (1, (96, 88, 78))])
    d = ImageDraw.Draw(img, "RGBA")
    # pegboard with tools, out of focus
    bg = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    bd = ImageDraw.Draw(bg)
    bd.rectangle([W * 0.45, H * 0.05, W * 1.0, H * 0.6], fill=(170, 150, 120, 255))
    for k in range(14):
        x = W * (0.5 + 0.035 * k)
        bd.line([x, H * 0.1, x + rng.uniform(-4, 4), H * rng.uniform(0.25, 0.45)], fill=(60, 60, 66, 255),
                width=int(W * rng.uniform(0.008, 0.016)))
        bd.ellipse([x - W * 0.012, H * 0.08, x + W * 0.012, H * 0.12], fill=(200, 60, 50, 255) if k % 3 == 0 else (60, 60, 66, 255))
    bd.rectangle([0, H * 0.62, W, H], fill=(110, 86, 66, 255))
    for k in range(5):  # objects on the bench: radio, lamp, kettle
        x = W * (0.05 + 0.2 * k)
        bd.rounded_rectangle([x, H * 0.52, x + W * 0.14, H * 0.63], radius=W * 0.01,
                             fill=jitter(rng, (150, 130, 110), 30) + (255,))
    img = Image.alpha_composite(img.convert("RGBA"), dof(bg, W * 0.012)).convert("RGB")
    img = glow(img, (-W * 0.6, -H * 0.3, W * 0.5, H * 0.9), (255, 240, 210), 0.7)
    d = ImageDraw.Draw(img, "RGBA")
    # the man: shoulders, work jacket, face with glasses and cap
    cx, cy = W * 0.46, H * 0.42
    skin = (206, 164, 132)
    jacket = (70, 84, 104)
    d.ellipse([cx - W * 0.42, H * 0.62, cx + W * 0.42, H * 1.3], fill=jacket)
    d.polygon([(cx - W * 0.08, H * 0.64), (cx, H * 0.8), (cx + W * 0.08, H * 0.64)], fill=(210, 206, 196))
    d.polygon([(cx + W * 0.02, H * 0.66), (cx + W * 0.42, H * 0.8), (cx + W * 0.42, H * 1.0), (cx + W * 0.04, H)],
              fill=shade(jacket, 0.8))
    d.rectangle([cx - W * 0.07, H * 0.55, cx + W * 0.07, H * 0.66], fill=shade(skin, 0.82))
    d.ellipse([cx - W * 0.17, cy - H * 0.2, cx + W * 0.17, cy + H * 0.19], fill=skin)
    d.ellipse([cx + W * 0.02, cy - H * 0.18, cx + W * 0.17, cy + H * 0.19], fill=shade(skin, 0.86))
    d.ellipse([cx - W * 0.19, cy - H * 0.04, cx - W * 0.14, cy + H * 0.06], fill=shade(skin, 0.95))  # ear
    # cap
    d.chord([cx - W * 0.19, cy - H * 0.3, cx + W * 0.19, cy - H * 0.02], 180, 360, fill=(52, 56, 60))
    d.polygon([(cx - W * 0.2, cy - H * 0.16), (cx + W * 0.24, cy - H * 0.16), (cx + W * 0.2, cy - H * 0.12),
               (cx - W * 0.17, cy - H * 0.12)], fill=(40, 44, 48))
    # grey hair at the temples, brows, glasses, smile lines
    d.ellipse([cx - W * 0.18, cy - H * 0.1, cx - W * 0.13, cy + H * 0.0], fill=(190, 188, 184))
    ey = cy - H * 0.02
    for ex in (cx - W * 0.075, cx + W * 0.075):
        d.line([ex - W * 0.045, ey - H * 0.035, ex + W * 0.04, ey - H * 0.04], fill=(120, 116, 110), width=int(W * 0.012))
        d.ellipse([ex - W * 0.055, ey - H * 0.022, ex + W * 0.055, ey + H * 0.04], outline=(50, 46, 44),
                  width=int(W * 0.008))
        d.ellipse([ex - W * 0.016, ey, ex + W * 0.016, ey + H * 0.018], fill=(48, 38, 34))
    d.line([cx - W * 0.02, ey + H * 0.01, cx + W * 0.02, ey + H * 0.01], fill=(50, 46, 44), width=int(W * 0.008))
    d.polygon([(cx, ey + H * 0.02), (cx - W * 0.02, cy + H * 0.07), (cx + W * 0.015, cy + H * 0.075)],
              fill=shade(skin, 0.85))
    d.arc([cx - W * 0.07, cy + H * 0.06, cx + W * 0.07, cy + H * 0.13], 15, 165, fill=(120, 70, 60), width=int(W * 0.01))
    d.arc([cx - W * 0.13, cy + H * 0.0, cx - W * 0.05, cy + H * 0.12], 100, 180, fill=shade(skin, 0.75), width=int(W * 0.006))
    d.arc([cx + W * 0.05, cy + H * 0.0, cx + W * 0.13, cy + H * 0.12], 0, 80, fill=shade(skin, 0.75), width=int(W * 0.006))
    # a screwdriver in hand at the bottom
    d.rounded_rectangle([W * 0.72, H * 0.82, W * 0.8, H * 0.98], radius=W * 0.02, fill=skin)
    d.rectangle([W * 0.74, H * 0.7, W * 0.78, H * 0.84], fill=(200, 40, 40))
    d.rectangle([W * 0.755, H * 0.6, W * 0.765, H * 0.7], fill=(190, 190, 196))
    img = light_falloff(img, (-W * 0.3, -H * 0.1, W * 1.0, H * 1.0), 0.35)
    return finish(img, size, rng, blur=0.6, vig=0.35, desat=0.0)


def scene_aed(size, rng):
    """First-aid training: a trainee kneels over a manikin, the AED box open, a trainer and onlookers."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (220, 222, 220)), (0.5, (206, 206, 204)), (0.51, (150, 140, 128)),
                             (1, (132, 122, 110))])
    d = ImageDraw.Draw(img, "RGBA")
    d.rectangle([W * 0.3, H * 0.08, W * 0.74, H * 0.36], fill=(244, 246, 250))
    text(d, (W * 0.52, H * 0.16), "心肺复苏与AED使用培训", int(H * 0.05), (40, 70, 130))
    for k in range(3):
        d.line([W * 0.36, H * (0.23 + 0.04 * k), W * 0.68, H * (0.23 + 0.04 * k)], fill=(150, 160, 180),
               width=max(1, int(H * 0.006)))
    # onlookers standing at the back
    for k in range(6):
        px = W * (0.08 + 0.16 * k + rng.uniform(-0.02, 0.02))
        if 0.34 < px / W < 0.62:
            continue
        person_front(d, px, H * 0.74, H * 0.46, rng, old=0.5, arms="front")
    img = glow(img, (W * 0.1, H * 0.3, W * 0.9, H * 1.2), (255, 248, 232), 0.35)
    d = ImageDraw.Draw(img, "RGBA")
    # mat and manikin
    d.polygon([(W * 0.18, H * 0.74), (W * 0.8, H * 0.74), (W * 0.9, H * 0.98), (W * 0.1, H * 0.98)], fill=(50, 96, 160))
    d.ellipse([W * 0.22, H * 0.8, W * 0.3, H * 0.9], fill=(236, 200, 176))  # manikin head
    d.rounded_rectangle([W * 0.29, H * 0.8, W * 0.56, H * 0.92], radius=H * 0.03, fill=(230, 196, 170))
    d.rounded_rectangle([W * 0.29, H * 0.8, W * 0.56, H * 0.845], radius=H * 0.02, fill=(244, 214, 190))
    # AED box: yellow-green with a heart and a bolt, pads cable
    d.rounded_rectangle([W * 0.62, H * 0.8, W * 0.76, H * 0.93], radius=H * 0.015, fill=(220, 204, 40))
    d.rectangle([W * 0.645, H * 0.82, W * 0.735, H * 0.88], fill=(60, 60, 60))
    text(d, (W * 0.69, H * 0.85), "AED", int(H * 0.04), (240, 240, 240))
    d.line([W * 0.62, H * 0.86, W * 0.45, H * 0.84], fill=(60, 60, 60), width=max(1, int(H * 0.006)))
    # trainee kneeling beside the manikin, seen from behind, arms straight down onto the chest
    tr = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    td = ImageDraw.Draw(tr)
    top = (170, 60, 70)
    td.line([W * 0.37, H * 0.66, W * 0.41, H * 0.83], fill=shade(top, 0.85) + (255,), width=int(W * 0.028))
    td.line([W * 0.47, H * 0.66, W * 0.43, H * 0.83], fill=shade(top, 0.8) + (255,), width=int(W * 0.028))
    td.ellipse([W * 0.395, H * 0.8, W * 0.445, H * 0.85], fill=(222, 182, 150, 255))
    person_back(td, W * 0.42, H * 0.66, W * 0.055, rng, old=0.0, coat=top)
    td.polygon([(W * 0.34, H * 0.8), (W * 0.5, H * 0.8), (W * 0.52, H * 0.96), (W * 0.32, H * 0.96)],
               fill=(50, 52, 64, 255))
    img = Image.alpha_composite(img.convert("RGBA"), tr).convert("RGB")
    d = ImageDraw.Draw(img, "RGBA")
    # trainer crouching at the right, pointing
    person_front(d, W * 0.6, H * 1.0, H * 0.62, rng, top=(230, 230, 226), old=0.2, arms="front")
    d.rectangle([W * 0.585, H * 0.54, W * 0.615, H * 0.585], fill=(200, 40, 40))  # red cross badge
    return finish(img, size, rng, blur=0.65, vig=0.3, tint=(255, 250, 244))


def scene_discussion(size, rng):
    """Residents around a long table in a community meeting room; a whiteboard behind."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (226, 220, 206)), (0.58, (214, 206, 190)), (0.59, (160, 146, 128)),
                             (1, (140, 126, 108))])
    d = ImageDraw.Draw(img, "RGBA")
    d.rectangle([W * 0.1, H * 0.08, W * 0.46, H * 0.42], fill=(248, 248, 246))
    text(d, (W * 0.28, H * 0.14), "梧桐议事厅", int(H * 0.06), (40, 60, 120))
    for k in range(4):
        d.line([W * 0.14, H * (0.22 + 0.045 * k), W * (0.36 + 0.04 * (k % 2)), H * (0.22 + 0.045 * k)],
               fill=(70, 90, 150), width=max(1, int(H * 0.007)))
    d.rectangle([W * 0.56, H * 0.06, W * 0.96, H * 0.5], fill=(236, 240, 240))
    img = glow(img, (W * 0.4, -H * 0.4, W * 1.4, H * 0.9), (255, 246, 224), 0.6)
    d = ImageDraw.Draw(img, "RGBA")
    # far side of the table: people facing the camera
    for k in range(5):
        px = W * (0.14 + 0.18 * k)
        person_seated_front(d, px, H * 0.66, H * 0.3, rng, old=0.7)
    # table in perspective with papers and cups
    d.polygon([(W * 0.02, H * 0.64), (W * 0.98, H * 0.64), (W * 1.08, H * 0.86), (-W * 0.08, H * 0.86)],
              fill=(176, 130, 92))
    d.polygon([(W * 0.02, H * 0.64), (W * 0.98, H * 0.64), (W * 0.99, H * 0.655), (W * 0.01, H * 0.655)],
              fill=(200, 156, 116))
    for k in range(6):
        x = W * (0.1 + 0.16 * k)
        d.polygon([(x, H * 0.68), (x + W * 0.08, H * 0.68), (x + W * 0.09, H * 0.74), (x - W * 0.005, H * 0.74)],
                  fill=(246, 246, 242))
        d.rectangle([x + W * 0.1, H * 0.67, x + W * 0.12, H * 0.71], fill=(236, 236, 236))
    # near side: backs of two residents, blurred
    near = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(near)
    for px in (W * 0.25, W * 0.7):
        person_back(nd, px, H * 0.83, W * 0.09, rng, old=0.7)
    img = Image.alpha_composite(img.convert("RGBA"), dof(near, W * 0.005)).convert("RGB")
    return finish(img, size, rng, blur=0.7, vig=0.3, tint=(255, 248, 238))


def scene_doctor(size, rng):
    """Portrait format: a family doctor takes an older woman's blood pressure in the health hut."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (226, 234, 236)), (0.6, (214, 224, 226)), (0.61, (190, 196, 196)),
                             (1, (170, 176, 176))])
    d = ImageDraw.Draw(img, "RGBA")
    d.rectangle([W * 0.05, H * 0.05, W * 0.95, H * 0.14], fill=(40, 130, 110))
    text(d, (W * 0.5, H * 0.095), "智慧健康小屋", int(W * 0.085), (255, 255, 255))
    d.rounded_rectangle([W * 0.62, H * 0.2, W * 0.92, H * 0.62], radius=W * 0.03, fill=(240, 242, 244))
    d.rectangle([W * 0.66, H * 0.24, W * 0.88, H * 0.38], fill=(60, 110, 150))
    img = glow(img, (-W * 0.5, H * 0.0, W * 0.8, H * 0.9), (255, 250, 236), 0.5)
    d = ImageDraw.Draw(img, "RGBA")
    # doctor standing at the right in a white coat
    person_front(d, W * 0.68, H * 1.02, H * 0.78, rng, top=(244, 244, 242), legs=(60, 66, 80), old=0.0,
                 arms="front")
    u = H * 0.78 / 100
    d.line([W * 0.68 - 5 * u, H * 1.02 - H * 0.78 + 19 * u, W * 0.68 - 4 * u, H * 1.02 - H * 0.78 + 30 * u],
           fill=(40, 40, 44), width=max(1, int(0.6 * u)))  # stethoscope
    d.ellipse([W * 0.68 - 5.5 * u, H * 1.02 - H * 0.78 + 29 * u, W * 0.68 - 2.5 * u, H * 1.02 - H * 0.78 + 32 * u],
              fill=(150, 150, 156))
    # older woman seated at the left, cuff on the arm
    person_seated_front(d, W * 0.3, H * 0.86, H * 0.42, rng, old=1.0, top=(150, 96, 104))
    d.rectangle([W * 0.36, H * 0.62, W * 0.46, H * 0.67], fill=(40, 70, 120))
    d.line([W * 0.46, H * 0.645, W * 0.6, H * 0.7], fill=(60, 60, 64), width=max(1, int(W * 0.006)))
    d.polygon([(0, H * 0.84), (W * 0.7, H * 0.84), (W * 0.7, H), (0, H)], fill=(236, 236, 232))
    d.rounded_rectangle([W * 0.28, H * 0.78, W * 0.44, H * 0.86], radius=W * 0.01, fill=(244, 244, 246))
    d.rectangle([W * 0.3, H * 0.79, W * 0.42, H * 0.83], fill=(150, 190, 170))
    return finish(img, size, rng, blur=0.6, vig=0.28, tint=(252, 252, 250))


def scene_exhibition(size, rng):
    """Residents from behind looking at a wall of old framed photographs under spotlights."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (200, 196, 188)), (0.7, (186, 180, 170)), (0.71, (128, 116, 104)),
                             (1, (110, 100, 90))])
    d = ImageDraw.Draw(img, "RGBA")
    d.rectangle([W * 0.2, H * 0.06, W * 0.8, H * 0.14], fill=(120, 40, 36))
    text(d, (W * 0.5, H * 0.1), "老照片里的梧桐路", int(H * 0.055), (250, 236, 200))
    for row in range(2):
        for k in range(7):
            x0 = W * (0.04 + 0.135 * k)
            y0 = H * (0.2 + 0.23 * row)
            fw, fh = W * 0.1, H * 0.16
            if (k + row) % 3 == 0:
                fw, fh = W * 0.08, H * 0.18
            d.rectangle([x0, y0, x0 + fw, y0 + fh], fill=(60, 50, 40))
            inner = [x0 + fw * 0.08, y0 + fh * 0.08, x0 + fw * 0.92, y0 + fh * 0.92]
            tone = jitter(rng, (176, 160, 130), 20)
            d.rectangle(inner, fill=tone)
            # a tiny "photograph": sky, a building or a group of figures
            ix0, iy0, ix1, iy1 = inner
            d.rectangle([ix0, iy0 + (iy1 - iy0) * 0.55, ix1, iy1], fill=shade(tone, 0.7))
            if rng.random() < 0.5:
                d.rectangle([ix0 + (ix1 - ix0) * 0.15, iy0 + (iy1 - iy0) * 0.25, ix0 + (ix1 - ix0) * 0.7,
                             iy0 + (iy1 - iy0) * 0.6], fill=shade(tone, 0.8))
            else:
                for j in range(3):
                    px = ix0 + (ix1 - ix0) * (0.25 + 0.25 * j)
                    d.ellipse([px - (ix1 - ix0) * 0.05, iy0 + (iy1 - iy0) * 0.35, px + (ix1 - ix0) * 0.05,
                               iy0 + (iy1 - iy0) * 0.5], fill=shade(tone, 0.55))
                    d.rectangle([px - (ix1 - ix0) * 0.07, iy0 + (iy1 - iy0) * 0.5, px + (ix1 - ix0) * 0.07,
                                 iy0 + (iy1 - iy0) * 0.85], fill=shade(tone, 0.5))
    for k in range(5):
        img = glow(img, (W * (0.02 + 0.2 * k), H * 0.05, W * (0.2 + 0.2 * k), H * 0.7), (255, 240, 210), 0.35)
    near = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(near)
    for k, px in enumerate((W * 0.22, W * 0.47, W * 0.74)):
        hair = rng.choice([(40, 36, 32), (150, 148, 144), (70, 64, 58)])
        person_front(nd, px, H * 1.15, H * (0.7 + 0.05 * k), rng, old=0.7, face=False, skin=hair, hair=hair,
                     top=jitter(rng, rng.choice(COATS), 8))
    img = Image.alpha_composite(img.convert("RGBA"), dof(near, W * 0.002)).convert("RGB")
    return finish(img, size, rng, blur=0.6, vig=0.35, tint=(255, 246, 232))


def _scroll(d, x0, y0, w, h, rng, kind):
    """A hanging scroll: silk mounting, paper, and either calligraphy columns or an ink landscape."""
    d.line([x0 + w * 0.5, y0 - h * 0.08, x0 + w * 0.2, y0], fill=(70, 60, 50), width=max(1, int(w * 0.02)))
    d.line([x0 + w * 0.5, y0 - h * 0.08, x0 + w * 0.8, y0], fill=(70, 60, 50), width=max(1, int(w * 0.02)))
    mount = jitter(rng, rng.choice([(196, 178, 140), (170, 150, 120), (150, 160, 150)]), 8)
    d.rectangle([x0, y0, x0 + w, y0 + h], fill=mount)
    d.rectangle([x0 - w * 0.06, y0 + h - h * 0.02, x0 + w * 1.06, y0 + h + h * 0.025], fill=(92, 62, 40))
    px0, py0, px1, py1 = x0 + w * 0.1, y0 + h * 0.12, x0 + w * 0.9, y0 + h * 0.9
    paper = jitter(rng, (238, 230, 208), 5)
    d.rectangle([px0, py0, px1, py1], fill=paper)
    if kind == "calligraphy":
        cols = rng.randint(2, 4)
        for c in range(cols):
            cx = px1 - (px1 - px0) * (c + 0.5) / cols
            y = py0 + (py1 - py0) * 0.06
            while y < py1 - (py1 - py0) * (0.1 if c < cols - 1 else 0.35):
                ch = (py1 - py0) * rng.uniform(0.045, 0.075)
                cw = (px1 - px0) / cols * rng.uniform(0.35, 0.6)
                for _ in range(rng.randint(2, 4)):  # a character as a few brush strokes
                    sx, sy = cx + rng.uniform(-0.5, 0.5) * cw, y + rng.uniform(0, 1) * ch
                    ex, ey = sx + rng.uniform(-0.6, 0.6) * cw, sy + rng.uniform(-0.2, 0.7) * ch
                    d.line([sx, sy, ex, ey], fill=(34, 30, 28), width=max(1, int(cw * rng.uniform(0.12, 0.22))))
                y += ch * 1.35
        d.rectangle([px0 + (px1 - px0) * 0.08, py1 - (py1 - py0) * 0.14, px0 + (px1 - px0) * 0.2,
                     py1 - (py1 - py0) * 0.1], fill=(186, 40, 36))  # seal
    else:  # ink landscape: layered hills, a pine, a red seal
        for k in range(3):
            base = py0 + (py1 - py0) * (0.45 + 0.17 * k)
            tone = mix((150, 150, 146), (60, 60, 60), k / 2)
            pts = [(px0, py1)]
            for j in range(7):
                pts.append((px0 + (px1 - px0) * j / 6, base - (py1 - py0) * rng.uniform(0.02, 0.2)))
            pts.append((px1, py1))
            d.polygon(pts, fill=tone)
            d.rectangle([px0, base + (py1 - py0) * 0.05, px1, py1], fill=mix(paper, tone, 0.35))
        if rng.random() < 0.6:
            tx = px0 + (px1 - px0) * rng.uniform(0.25, 0.75)
            d.line([tx, py1 - (py1 - py0) * 0.05, tx, py0 + (py1 - py0) * 0.35], fill=(40, 36, 30),
                   width=max(1, int(w * 0.03)))
            for j in range(4):
                ty = py0 + (py1 - py0) * (0.35 + 0.08 * j)
                d.ellipse([tx - w * 0.16, ty - w * 0.05, tx + w * 0.16, ty + w * 0.05], fill=(52, 70, 52))
        d.rectangle([px1 - (px1 - px0) * 0.18, py0 + (py1 - py0) * 0.06, px1 - (px1 - px0) * 0.08,
                     py0 + (py1 - py0) * 0.1], fill=(186, 40, 36))


def scene_calligraphy(size, rng):
    """A community calligraphy-and-painting show: hanging scrolls under spotlights, a red banner,
    visitors from behind, and a table in front where an older man writes a spring couplet."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (222, 216, 204)), (0.66, (208, 200, 186)), (0.67, (150, 128, 104)),
                             (1, (128, 108, 88))])
    d = ImageDraw.Draw(img, "RGBA")
    red_banner(d, (W * 0.22, H * 0.055, W * 0.78, H * 0.125), "翰墨梧桐·社区书画作品迎新展", spacing=W * 0.004)
    # picture rail and a row of scrolls of different widths
    d.line([0, H * 0.145, W, H * 0.145], fill=(120, 104, 86), width=max(1, int(H * 0.006)))
    x = W * 0.02
    k = 0
    while x < W * 0.96:
        w = W * rng.uniform(0.06, 0.1)
        h = H * rng.uniform(0.4, 0.5)
        _scroll(d, x, H * 0.175, w, h, rng, "calligraphy" if k % 3 != 1 else "landscape")
        x += w + W * rng.uniform(0.03, 0.05)
        k += 1
    for k in range(5):
        img = glow(img, (W * (0.0 + 0.21 * k), H * 0.02, W * (0.18 + 0.21 * k), H * 0.72), (255, 238, 206), 0.32)
    img = light_falloff(img, (-W * 0.1, -H * 0.2, W * 1.1, H * 1.1), 0.25)
    d = ImageDraw.Draw(img, "RGBA")
    # visitors standing along the wall, seen from behind (mid distance)
    for px in (W * 0.12, W * 0.36, W * 0.83):
        hair = rng.choice([(160, 158, 154), (40, 36, 32), (200, 198, 194)])
        person_front(d, px + rng.uniform(-W * 0.02, W * 0.02), H * 0.82, H * rng.uniform(0.5, 0.56), rng, old=0.8,
                     face=False, skin=hair, hair=hair, top=jitter(rng, rng.choice(COATS + CARDIGANS), 8))
    # foreground: a long table with red couplet paper, an inkstone, and a writer leaning over it
    near = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(near)
    nd.polygon([(W * 0.42, H * 0.78), (W * 0.98, H * 0.78), (W * 1.02, H * 0.92), (W * 0.38, H * 0.92)],
               fill=(96, 66, 44, 255))
    nd.rectangle([W * 0.38, H * 0.92, W * 1.02, H * 1.0], fill=(70, 48, 32, 255))
    nd.polygon([(W * 0.5, H * 0.8), (W * 0.9, H * 0.8), (W * 0.92, H * 0.86), (W * 0.48, H * 0.86)],
               fill=(200, 34, 36, 255))
    for j in range(6):  # characters drying on the couplet, a few brush strokes each
        cx = W * (0.54 + 0.06 * j)
        for _ in range(3):
            sx, sy = cx + rng.uniform(-0.012, 0.012) * W, H * rng.uniform(0.815, 0.84)
            nd.line([sx, sy, sx + rng.uniform(-0.014, 0.014) * W, sy + rng.uniform(-0.004, 0.012) * H],
                    fill=(34, 24, 20, 255), width=max(1, int(W * 0.004)))
    nd.ellipse([W * 0.44, H * 0.8, W * 0.48, H * 0.84], fill=(30, 30, 32, 255))  # inkstone
    person_seated_front(nd, W * 0.7, H * 0.8, H * 0.32, rng, old=1.0, top=(120, 72, 78))
    nd.line([W * 0.72, H * 0.74, W * 0.74, H * 0.82], fill=(70, 50, 36, 255), width=max(1, int(W * 0.004)))  # brush
    img = Image.alpha_composite(img.convert("RGBA"), dof(near, W * 0.0015)).convert("RGB")
    return finish(img, size, rng, blur=0.55, vig=0.32, tint=(255, 246, 232))


def scene_walk(size, rng):
    """An autumn health walk on a tree-lined path: walkers in matching caps, a red banner, plane trees."""
    W, H = size[0] * SS, size[1] * SS
    img = winter_sky(W, H, rng, 0.35, sun=(0.3, 0.05))
    d = ImageDraw.Draw(img, "RGBA")
    horizon = H * 0.5
    vx = W * 0.55
    # lawn, the path converging to the vanishing point, low buildings far away
    d.rectangle([0, horizon, W, H], fill=(118, 132, 86))
    for k in range(4):
        bx = W * (0.05 + 0.24 * k)
        d.rectangle([bx, horizon - H * rng.uniform(0.1, 0.16), bx + W * 0.17, horizon], fill=(200, 198, 194))
    d.polygon([(vx - W * 0.02, horizon), (vx + W * 0.02, horizon), (W * 0.95, H), (W * 0.08, H)], fill=(176, 150, 124))
    d.polygon([(vx - W * 0.02, horizon), (vx - W * 0.01, horizon), (W * 0.2, H), (W * 0.08, H)], fill=(150, 150, 146))
    d.polygon([(vx + W * 0.01, horizon), (vx + W * 0.02, horizon), (W * 0.95, H), (W * 0.83, H)], fill=(150, 150, 146))
    # fallen leaves on the path
    for _ in range(260):
        t = rng.random() ** 0.6
        y = horizon + (H - horizon) * t
        half = W * 0.02 + (W * 0.45 - W * 0.02) * t
        x = vx + rng.uniform(-half, half)
        r = W * 0.002 + W * 0.005 * t
        d.ellipse([x - r, y - r * 0.6, x + r, y + r * 0.6],
                  fill=rng.choice([(196, 150, 60), (178, 118, 50), (210, 176, 84)]))
    # plane trees on both sides, in perspective, with golden crowns
    trees = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    td = ImageDraw.Draw(trees)
    for side in (-1, 1):
        for k in range(5):
            t = 1 - k / 5
            tx = vx + side * (W * 0.06 + W * 0.42 * t)
            yg = horizon + (H - horizon) * t * 0.85
            th = H * (0.25 + 0.8 * t)
            plane_tree(td, tx, yg, th, rng, leaves=True)
            for _ in range(int(30 * t) + 8):
                cx = tx + rng.uniform(-0.22, 0.22) * th
                cy = yg - th * rng.uniform(0.5, 0.95)
                r = th * rng.uniform(0.03, 0.06)
                td.ellipse([cx - r, cy - r, cx + r, cy + r],
                           fill=rng.choice([(206, 160, 64, 170), (188, 130, 52, 170), (220, 186, 96, 150)]))
    img = Image.alpha_composite(img.convert("RGBA"), dof(trees, W * 0.0012)).convert("RGB")
    img = glow(img, (-W * 0.3, -H * 0.4, W * 0.9, H * 0.7), (255, 232, 190), 0.45)
    d = ImageDraw.Draw(img, "RGBA")
    # banner strung across the path between two trees
    for bx in (W * 0.36, W * 0.74):
        d.line([bx, horizon - H * 0.2, bx, horizon + H * 0.04], fill=(90, 80, 70), width=max(1, int(W * 0.003)))
    red_banner(d, (W * 0.36, horizon - H * 0.22, W * 0.74, horizon - H * 0.14), "梧桐路街道金秋健步走",
               spacing=W * 0.003)
    # walkers in red caps and matching jackets, far to near, spread across the path
    lanes = [-0.2, 0.15, -0.05, 0.24, -0.27, 0.04, -0.14, 0.3, 0.1]
    for k in reversed(range(len(lanes))):
        depth = (k + 0.5) / len(lanes)
        t = 1 - depth
        y = horizon + H * 0.04 + (H - horizon) * 0.86 * t
        ph = H * (0.08 + 0.5 * t)
        px = vx + W * (lanes[k] + rng.uniform(-0.02, 0.02)) * (0.25 + t)
        person_front(d, px, y, ph, rng, old=0.7, hat=(196, 36, 40), face=ph > H * 0.2,
                     top=jitter(rng, rng.choice([(230, 120, 40), (60, 110, 170), (230, 120, 40)]), 8),
                     arms="down")
    return finish(img, size, rng, blur=0.5, vig=0.28, tint=(255, 246, 230))


def scene_healthhut(size, rng):
    """Landscape: inside a health hut, an older man uses a self-service blood-pressure machine while a
    volunteer in a red vest reads the printout with him; kiosks and a body-fat scale along the wall."""
    W, H = size[0] * SS, size[1] * SS
    img = vgradient((W, H), [(0, (230, 238, 240)), (0.64, (216, 226, 228)), (0.65, (196, 200, 198)),
                             (1, (176, 180, 178))])
    d = ImageDraw.Draw(img, "RGBA")
    d.rectangle([W * 0.18, H * 0.04, W * 0.82, H * 0.13], fill=(40, 130, 110))
    text(d, (W * 0.5, H * 0.085), "智慧健康小屋　自助检测区", int(H * 0.05), (255, 255, 255))
    # kiosks along the back wall: screens, a column scale, a lung-function unit
    for k, kx in enumerate((0.06, 0.3, 0.56, 0.8)):
        x0 = W * kx
        d.rounded_rectangle([x0, H * 0.22, x0 + W * 0.14, H * 0.64], radius=W * 0.01, fill=(242, 244, 246))
        d.rectangle([x0 + W * 0.015, H * 0.25, x0 + W * 0.125, H * 0.36], fill=jitter(rng, (60, 110, 150), 8))
        d.rectangle([x0 + W * 0.03, H * 0.28, x0 + W * 0.11, H * 0.29], fill=(200, 226, 240))
        d.rectangle([x0 + W * 0.03, H * 0.31, x0 + W * 0.08, H * 0.32], fill=(200, 226, 240))
        d.rectangle([x0 + W * 0.05, H * 0.4, x0 + W * 0.09, H * 0.42], fill=(80, 84, 90))  # printer slot
        if k == 2:  # a body-fat scale platform in front
            d.polygon([(x0 - W * 0.01, H * 0.7), (x0 + W * 0.15, H * 0.7), (x0 + W * 0.17, H * 0.76),
                       (x0 - W * 0.03, H * 0.76)], fill=(226, 228, 230))
    img = glow(img, (-W * 0.2, -H * 0.3, W * 0.9, H * 0.9), (255, 250, 236), 0.45)
    d = ImageDraw.Draw(img, "RGBA")
    # a resident on the scale in the middle distance
    person_front(d, W * 0.63, H * 0.74, H * 0.46, rng, old=0.9, top=jitter(rng, rng.choice(CARDIGANS), 8))
    # foreground: a table with the blood-pressure machine, an older man seated, a volunteer standing
    near = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    nd = ImageDraw.Draw(near)
    person_seated_front(nd, W * 0.3, H * 0.86, H * 0.44, rng, old=1.0, top=(96, 104, 120))
    nd.rectangle([W * 0.02, H * 0.84, W * 0.52, H * 1.0], fill=(220, 214, 204, 255))
    nd.rectangle([W * 0.02, H * 0.84, W * 0.52, H * 0.86], fill=(236, 232, 224, 255))
    nd.rounded_rectangle([W * 0.36, H * 0.68, W * 0.5, H * 0.85], radius=W * 0.01, fill=(244, 244, 246, 255))
    nd.ellipse([W * 0.38, H * 0.7, W * 0.48, H * 0.8], fill=(60, 64, 72, 255))  # the arm cuff opening
    nd.rectangle([W * 0.39, H * 0.81, W * 0.47, H * 0.835], fill=(120, 180, 160, 255))
    nd.polygon([(W * 0.2, H * 0.83), (W * 0.27, H * 0.83), (W * 0.3, H * 0.86), (W * 0.22, H * 0.86)],
               fill=(250, 250, 248, 255))  # the printed slip on the table
    person_front(nd, W * 0.78, H * 1.08, H * 0.8, rng, vest=True, old=0.0, arms="front",
                 top=jitter(rng, (70, 74, 90), 6))
    img = Image.alpha_composite(img.convert("RGBA"), dof(near, W * 0.001)).convert("RGB")
    return finish(img, size, rng, blur=0.55, vig=0.26, tint=(252, 252, 248))


# ---------------------------------------------------------------- output

def to_cmyk(img: Image.Image) -> Image.Image:
    """RGB → CMYK with full grey-component replacement: neutrals print on K only,
    so total ink stays ≤ 200 % (newsprint limit ≈ 240 %).  Not colour-managed."""
    r, g, b = img.convert("RGB").split()
    c, m, y = (ImageChops.invert(ch) for ch in (r, g, b))
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge("CMYK", tuple(ImageChops.subtract(ch, k) for ch in (c, m, y)) + (k,))


@dataclass(frozen=True)
class Spec:
    path: str                 # relative to the repository root
    scene: object             # scene function (size, rng, **kwargs) -> Image
    size: tuple[int, int]     # pixels
    mode: str                 # RGB | CMYK | L | RGBA
    columns: int              # planned width in text columns (宽=N栏)
    where: str                # article and placement, for the table
    kwargs: tuple = ()

    @property
    def ppi(self) -> float:
        return self.size[0] / (COL_MM[self.columns] / 25.4)

    @property
    def lines(self) -> int:
        """Body lines (13.3 pt ≈ 4.692 mm) the picture needs, with two lines of caption."""
        h_mm = COL_MM[self.columns] * self.size[1] / self.size[0]
        return math.ceil(h_mm / (13.3 * 25.4 / 72) - 0.05) + 2


D, N = "issues/2026-12/images/", "issues/2026-11/images/"
IMAGES = [
    Spec(D + "01-minsheng.jpg", scene_xincun, (1400, 933), "RGB", 3, "12月 01 头条, 3栏 上"),
    Spec(D + "03-hanliu.jpg", scene_volunteers, (960, 640), "RGB", 2, "12月 03, 2栏 右上"),
    Spec(D + "05-huiyi.jpg", scene_meeting, (960, 640), "CMYK", 2, "12月 05 头条, 2栏 右上"),
    Spec(D + "09-fenlei.png", illust_sorting, (880, 720), "RGBA", 2, "12月 09, 2栏 左下 (透明底插图)"),
    Spec(D + "10-dianti.jpg", scene_liftshaft, (480, 640), "L", 1, "12月 10, 1栏 右上"),
    Spec(D + "11-shitang.jpg", scene_canteen, (960, 640), "RGB", 2, "12月 11, 2栏 右上"),
    Spec(D + "15-a.jpg", scene_xincun, (1400, 788), "RGB", 3, "12月 15 专题, 3栏 上",
         (("lifts", False), ("warm", 0.35), ("leaves", True))),
    Spec(D + "15-b.jpg", scene_volunteers, (960, 720), "RGB", 2, "12月 15 专题, 2栏 右上",
         (("n", 5), ("doorway", False))),
    Spec(D + "15-c.jpg", scene_discussion, (680, 453), "RGB", 2, "12月 15 专题, 2栏 左下 (低分辨率)"),
    Spec(D + "15-d.jpg", scene_doctor, (480, 640), "RGB", 1, "12月 15 专题, 1栏 右下"),
    Spec(D + "16-ni-baogen.jpg", scene_portrait, (480, 600), "L", 1, "12月 16 人物, 1栏 右上"),
    Spec(D + "19-hechangtuan.jpg", scene_choir, (960, 640), "CMYK", 2, "12月 19, 2栏 右上"),
    Spec(D + "25-aed.jpg", scene_aed, (700, 467), "RGB", 2, "12月 25, 2栏 右下 (低分辨率)"),
    Spec(D + "22-shuhua.jpg", scene_calligraphy, (960, 560), "RGB", 2, "12月 22, 2栏 右上"),
    Spec(N + "01-fenglin.jpg", scene_xincun, (1400, 933), "RGB", 3, "11月 01 头条, 3栏 上",
         (("fresh", True), ("warm", 0.2), ("leaves", True))),
    Spec(N + "04-shitang.jpg", scene_canteen, (960, 640), "RGB", 2, "11月 04, 2栏 右上", (("crowd", 1.4),)),
    Spec(N + "07-xiaowu.jpg", scene_healthhut, (960, 620), "RGB", 2, "11月 07 头条, 2栏 右上"),
    Spec(N + "09-laozhaopian.jpg", scene_exhibition, (960, 640), "RGB", 2, "11月 09, 2栏 右上"),
    Spec(N + "11-jianbuzou.jpg", scene_walk, (960, 560), "RGB", 2, "11月 11, 2栏 右上"),
]

QR_CODES = [
    ("templates/wutong/art/qr-umbrella.png", "https://example.com/shenjiang-community",
     "扫描二维码 关注“申江社区发布”"),
    ("templates/wutong/art/qr-wutong.png", "https://example.com/wutong-jiayuan",
     "扫描二维码 关注“梧桐家园”"),
]


def render(spec: Spec) -> bytes:
    rng = seeded(spec.path)
    img = spec.scene(spec.size, rng, **dict(spec.kwargs))
    assert img.size == spec.size, (spec.path, img.size)
    buf = io.BytesIO()
    if spec.mode == "RGBA":
        img.save(buf, "PNG", optimize=True)
    elif spec.mode == "CMYK":
        to_cmyk(img).save(buf, "JPEG", quality=85)
    elif spec.mode == "L":
        img.convert("L").save(buf, "JPEG", quality=85)
    else:
        img.convert("RGB").save(buf, "JPEG", quality=85)
    return buf.getvalue()


def render_qr(url: str) -> bytes:
    """A QR code (error level M, 4-module quiet zone), black on white, 1-bit, about 600 px."""
    try:
        import segno
    except ImportError:  # pragma: no cover
        raise SystemExit("segno is needed for the QR codes: .venv/bin/pip install segno")
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    modules = qr.symbol_size(scale=1, border=4)[0]
    scale = max(1, round(600 / modules))
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=4, dark="black", light="white")
    buf.seek(0)
    img = Image.open(buf).convert("1")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate the sample issues' images and QR codes.")
    ap.add_argument("--list", action="store_true", help="print the image table and exit")
    ap.add_argument("--only", help="render only paths containing this text")
    args = ap.parse_args(argv)
    if args.list:
        for s in IMAGES:
            print(f"{s.path:44} {s.mode:5} {s.size[0]:>5}×{s.size[1]:<5} {s.columns}栏 "
                  f"{s.ppi:5.0f} ppi  高≥{s.lines}行  {s.where}")
        return 0
    total = 0
    for spec in IMAGES:
        if args.only and args.only not in spec.path:
            continue
        data = render(spec)
        out = ROOT / spec.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        total += len(data)
        print(f"{spec.path:44} {spec.mode:5} {spec.size[0]}×{spec.size[1]} {len(data) / 1024:6.0f} KB "
              f"{spec.ppi:4.0f} ppi")
        if len(data) > 600 * 1024:
            print("  ! larger than 600 KB", file=sys.stderr)
    for path, url, label in QR_CODES:
        if args.only and args.only not in path:
            continue
        data = render_qr(url)
        out = ROOT / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        with Image.open(io.BytesIO(data)) as im:
            print(f"{path:44} {im.mode:5} {im.size[0]}×{im.size[1]} {len(data) / 1024:6.1f} KB  {url}  ({label})")
    print(f"images total {total / 1024 / 1024:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
