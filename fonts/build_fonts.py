#!/usr/bin/env python3
"""Build the committed fonts in fonts/ from their pinned sources (developers only).

Users and CI never run this: it documents, and reproduces byte for byte, how
each file in fonts/ was made (fonts.md §8).  Needs only the project's own
dependencies (fontTools, reportlab) plus the source fonts:

    mkdir -p /tmp/npmfonts && cd /tmp/npmfonts
    npm pack @expo-google-fonts/noto-serif-sc@0.4.3 @expo-google-fonts/noto-sans-sc@0.4.3
    for t in *.tgz; do mkdir -p "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
    apt-get install fonts-lxgw-wenkai            # 1.250+repack-1 (Debian 12)
    cd /work/main && .venv/bin/python fonts/build_fonts.py --npm /tmp/npmfonts [ROLE ...]

Per face: check the source's sha256 → fail if it lacks a required character
(layout.charsets.required()) → remap the 破折号 to a continuous glyph (fonts.md
§5.4) → subset to GBK + 8105 + Latin-1 + punctuation, keeping the CJK layout
features and dropping hinting → rename if the licence reserves the name
(LXGW WenKai) → save with the source's timestamps (reproducible) → verify →
write `<file>.metrics.json`.  It also copies the licence texts and refreshes
the table in fonts/README.md.

    .venv/bin/python fonts/build_fonts.py tongyong /usr/share/unicode/Unihan_OtherMappings.txt.bz2

rewrites layout/data/tongyong8105.txt from the Unihan database (kTGH field),
Debian package unicode-data 15.0.0-1.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from layout import charsets
from layout.fonts import DEFAULT_ROLES, measure_font, sidecar_path
from layout.text.metrics import PUNCTUATION_FOR_INK

FONTS = Path(__file__).resolve().parent
ROOT = FONTS.parent
TONGYONG = ROOT / "layout" / "data" / "tongyong8105.txt"

SERIF = "expo-google-fonts-noto-serif-sc-0.4.3/package"
SANS = "expo-google-fonts-noto-sans-sc-0.4.3/package"
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
WENKAI_COPYRIGHT = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")


@dataclass(frozen=True)
class Rename:
    """New names for a Modified Version whose licence reserves the original name (OFL §3)."""

    family: str  # name IDs 1, 4 (Latin)
    family_zh: str  # name IDs 1, 4 in Chinese name records
    postscript: str  # name ID 6
    reserved: tuple[str, ...]  # must not remain in any font-name record


@dataclass(frozen=True)
class Source:
    package: str  # where it comes from, for fonts/README.md
    path: str  # relative to --npm, or absolute
    sha256: str
    licence: str  # file in fonts/ holding its licence text
    rename: Rename | None = None


SOURCES: dict[str, Source] = {
    "song": Source(
        "npm @expo-google-fonts/noto-serif-sc@0.4.3 (Noto Serif SC 2.003)",
        f"{SERIF}/400Regular/NotoSerifSC_400Regular.ttf",
        "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742",
        "OFL-NotoSerifSC.txt",
    ),
    "song_bold": Source(
        "npm @expo-google-fonts/noto-serif-sc@0.4.3 (Noto Serif SC 2.003)",
        f"{SERIF}/700Bold/NotoSerifSC_700Bold.ttf",
        "9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6",
        "OFL-NotoSerifSC.txt",
    ),
    "song_black": Source(
        "npm @expo-google-fonts/noto-serif-sc@0.4.3 (Noto Serif SC 2.003)",
        f"{SERIF}/900Black/NotoSerifSC_900Black.ttf",
        "092e71a70c744be3cc33999eb4edcb10fbe95c1b4cff6c2d7f04d6ff15d031e2",
        "OFL-NotoSerifSC.txt",
    ),
    "hei": Source(
        "npm @expo-google-fonts/noto-sans-sc@0.4.3 (Noto Sans SC 2.004)",
        f"{SANS}/700Bold/NotoSansSC_700Bold.ttf",
        "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
        "OFL-NotoSansSC.txt",
    ),
    "hei_black": Source(
        "npm @expo-google-fonts/noto-sans-sc@0.4.3 (Noto Sans SC 2.004)",
        f"{SANS}/900Black/NotoSansSC_900Black.ttf",
        "2e4413c405bdf804f26571579b9b2dd8ea4732ea57a3b034f2467cad45a886e0",
        "OFL-NotoSansSC.txt",
    ),
    "kai": Source(
        "Debian fonts-lxgw-wenkai 1.250+repack-1 (LXGW WenKai 1.250)",
        str(WENKAI),
        "bbf534b0ca093928f94d1782855e65a19a32cde82b075d495d072025521953c8",
        "OFL-WenKaiGB.txt",
        Rename("WenKai GB", "文楷GB", "WenKaiGB-Regular", ("LXGW", "霞鹜")),
    ),
}

# Kept where the source has them (fonts.md §2.3); ReportLab ignores them, the engine reads halt.
LAYOUT_FEATURES = ["halt", "chws", "vhal", "vchw", "palt", "vpal", "kern", "vkrn", "vert", "vrt2", "fwid"]

# Kept when present, beyond every GBK character: ①–⒛ ⑴–⒇ ⒈–⒛, Ⅰ–Ⅻ ⅰ–ⅻ, ㈠–㈩,
# vertical forms, and the marks the line composer measures (⸺ ⋯ …).
EXTRA_RANGES = (
    range(0x2160, 0x216C),
    range(0x2170, 0x217C),
    range(0x2460, 0x249C),
    range(0x3220, 0x322A),
    range(0xFE10, 0xFE1A),
    range(0xFE30, 0xFE50),
    range(0x2E3A, 0x2E3C),
)

DASHES = (0x2014, 0x2015)  # 破折号: EM DASH and HORIZONTAL BAR (GB 2312 A1AA decodes to either)
RULE = 0x2500  # BOX DRAWINGS LIGHT HORIZONTAL: 1 em, ink 0..1 em at dash height in Noto


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_source(role: str, npm: Path) -> TTFont:
    """The pinned source font, refused if its bytes are not the ones recorded."""
    src = SOURCES[role]
    path = npm / src.path
    if sha256(path) != src.sha256:
        sys.exit(f"{role}: {path} is not the pinned source (sha256 differs)")
    # recalcTimestamp=False: head.modified stays the source's, so builds are reproducible (fonts.md §2.3).
    return TTFont(path, recalcTimestamp=False)


def check_required(role: str, font: TTFont) -> None:
    """Fail loudly, listing every required character the source lacks."""
    cmap = font.getBestCmap()
    missing = sorted((c for c in charsets.required() if ord(c) not in cmap), key=ord)
    if missing:
        listing = " ".join(f"U+{ord(c):04X}{c}" for c in missing)
        sys.exit(f"{role}: source lacks {len(missing)} required characters: {listing}")


def continuous(font: TTFont, glyph: str) -> bool:
    """1 em wide with ink from edge to edge (±1 %), so that repeated glyphs join up."""
    upem = font["head"].unitsPerEm
    advance = font["hmtx"][glyph][0]
    g = font["glyf"][glyph]
    if g.numberOfContours == 0 or advance != upem:
        return False
    return g.xMin <= upem * 0.01 and g.xMax >= upem * 0.99


def fix_dash(font: TTFont) -> list[int]:
    """Map U+2014/U+2015 to the U+2500 glyph where they would leave gaps in "——" (fonts.md §5.4).

    Noto's U+2014 is 890–948 units and its U+2015 is 1000 with ink 71–929, so
    both break the 破折号.  The U+2500 glyph is used only if it is itself
    continuous and sits at the height of U+2015 (the CJK dash height).
    Returns the remapped code points.
    """
    cmap = font.getBestCmap()
    rule = cmap.get(RULE)
    if rule is None or not continuous(font, rule):
        return []
    glyf = font["glyf"]
    bar = glyf[cmap[0x2015]] if 0x2015 in cmap else None
    if bar is not None and not (bar.yMin <= (glyf[rule].yMin + glyf[rule].yMax) / 2 <= bar.yMax):
        return []
    remapped = [cp for cp in DASHES if cp in cmap and not continuous(font, cmap[cp])]
    for table in font["cmap"].tables:
        if table.isUnicode():
            for cp in remapped:
                if cp in table.cmap:
                    table.cmap[cp] = rule
    return remapped


def keep_unicodes(font: TTFont) -> set[int]:
    """What the subset keeps: the required set, every GBK character the source has, and extras."""
    cmap = font.getBestCmap()
    wanted = {ord(c) for c in charsets.required() | charsets.gbk() | set(PUNCTUATION_FOR_INK)}
    for block in (charsets.GENERAL_PUNCTUATION, charsets.CJK_SYMBOLS, charsets.FULLWIDTH_FORMS, range(0xA0, 0x100)):
        wanted.update(block)
    for block in EXTRA_RANGES:
        wanted.update(block)
    return {cp for cp in wanted if cp in cmap}


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.hinting = False  # print RIPs do not use it; saves ~15 % (fonts.md §2.3)
    options.notdef_outline = True
    options.glyph_names = False  # post format 3
    options.name_IDs = list(range(26))  # keep copyright, licence, designer; drop STAT's names
    options.name_languages = ["*"]
    options.drop_tables = options.drop_tables + ["STAT"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def rename(font: TTFont, new: Rename, version: str) -> None:
    """Give a Modified Version new font names (OFL §3: Reserved Font Names)."""
    name = font["name"]
    for rec in list(name.names):
        text = rec.toUnicode()
        if rec.nameID in (1, 4, 16, 21):
            rec.string = new.family_zh if any("\u4e00" <= c <= "\u9fff" for c in text) else new.family
        elif rec.nameID == 3:
            rec.string = f"{new.family}:{version}"
        elif rec.nameID == 6:
            rec.string = new.postscript
        elif rec.nameID in (18, 20, 22, 25):
            name.removeNames(nameID=rec.nameID)
    note = (
        f"{new.family} is a Modified Version of LXGW WenKai {version} (subset to GBK + 通用规范汉字表, "
        "renamed as the SIL OFL 1.1 requires for the Reserved Font Names \"霞鹜\" and \"LXGW\"), "
        "made for shequbao-layout."
    )
    name.setName(note, 10, 3, 1, 0x409)
    font["OS/2"].achVendID = "NONE"  # the vendor did not make this Modified Version
    for rec in name.names:
        if rec.nameID not in (0, 7, 8, 9, 10, 11, 12, 13, 14) and any(r in rec.toUnicode() for r in new.reserved):
            sys.exit(f"reserved name left in name ID {rec.nameID}: {rec.toUnicode()!r}")


def verify(role: str, out: Path, remapped: list[int]) -> TTFont:
    """Reopen the result: required coverage, the dash, and that ReportLab can load it."""
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont

    font = TTFont(out, lazy=True)
    check_required(role, font)
    cmap = font.getBestCmap()
    for cp in remapped:
        if not continuous(font, cmap[cp]):
            sys.exit(f"{role}: U+{cp:04X} is still not continuous")
    if not continuous(font, cmap[0x2014]):
        sys.exit(f"{role}: U+2014 is not continuous, so '——' would show a gap")
    RLTTFont("verify", str(out))
    return font


def write_sidecar(out: Path) -> None:
    """fonts/<file>.metrics.json: the fontTools measurements the runtime reads instead of parsing glyf."""
    data = measure_font(out)
    data["file"] = out.name
    data["sha256"] = sha256(out)
    marks = data.pop("punctuation")
    head = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)[: -len("\n}")]
    lines = [f'  "{key}": {json.dumps(marks[key], ensure_ascii=False, sort_keys=True)}' for key in sorted(marks)]
    text = head + ',\n "punctuation": {\n' + ",\n".join(lines) + "\n }\n}\n"
    sidecar_path(out).write_text(text, encoding="utf-8")


def build(role: str, npm: Path) -> dict:
    """Build one role's font; returns facts for fonts/README.md."""
    started = time.perf_counter()
    src = SOURCES[role]
    out = FONTS / DEFAULT_ROLES[role]
    font = open_source(role, npm)
    check_required(role, font)
    version = font["name"].getDebugName(5).split(";")[0].replace("Version ", "")
    remapped = fix_dash(font)
    subset_font(font, keep_unicodes(font))
    if src.rename:
        rename(font, src.rename, version)
    font.save(out)
    built = verify(role, out, remapped)
    write_sidecar(out)
    seconds = time.perf_counter() - started
    print(f"{role}: {out.name} {out.stat().st_size / 1e6:.2f} MB, {built['maxp'].numGlyphs} glyphs, "
          f"dash remapped {[f'U+{cp:04X}' for cp in remapped]}, {seconds:.1f} s")
    return {"role": role, "file": out.name, "glyphs": built["maxp"].numGlyphs, "size": out.stat().st_size,
            "sha256": sha256(out), "family": built["name"].getBestFamilyName(), "seconds": seconds}


def write_licences(npm: Path) -> None:
    """Write the OFL texts next to the fonts (OFL §2: the licence travels with every copy)."""
    serif = "NotoSerifSC-Regular.ttf, NotoSerifSC-Bold.ttf, NotoSerifSC-Black.ttf"
    for family, role, files in (("NotoSerifSC", "song", serif), ("NotoSansSC", "hei", "NotoSansSC-Bold.ttf, NotoSansSC-Black.ttf")):
        src = SOURCES[role]
        names = TTFont(npm / src.path, lazy=True)["name"]
        head = (
            f"{files}: Modified Versions (subset; U+2014/U+2015 mapped to the full-width rule glyph) of\n"
            f"{src.package}, made by fonts/build_fonts.py.\n"
            f"Font copyright (name ID 0): {names.getDebugName(0)}\n"
            f"Trademark (name ID 7): {names.getDebugName(7)}\n\n"
            "The licence as shipped in the npm package (LICENSE_FONT), unchanged:\n\n"
        )
        licence = (npm / Path(src.path).parent.parent / "LICENSE_FONT").read_text(encoding="utf-8")
        (FONTS / f"OFL-{family}.txt").write_text(head + licence, encoding="utf-8")
    text = WENKAI_COPYRIGHT.read_text(encoding="utf-8")
    body = text.split("License: OFL-1.1\n", 2)[2].split("\nLicense:")[0]
    body = "\n".join("" if line == " ." else line[1:] for line in body.splitlines())
    head = (
        "Copyright 2021-2023 LXGW (https://github.com/lxgw/LxgwWenKai), with Reserved Font Names \"霞鹜\" and \"LXGW\".\n"
        "Copyright 2020 The Klee Project Authors (https://github.com/fontworks-fonts/Klee)\n"
        "Klee is a trademark of Fontworks Inc.\n\n"
        "WenKaiGB-Regular.ttf (family \"WenKai GB\", 文楷GB) is a Modified Version of LXGW WenKai Regular 1.250\n"
        "(Debian fonts-lxgw-wenkai 1.250+repack-1): subset and renamed, as this licence requires for the\n"
        "Reserved Font Names.  Licence text from /usr/share/doc/fonts-lxgw-wenkai/copyright:\n\n"
    )
    (FONTS / "OFL-WenKaiGB.txt").write_text(head + body.strip("\n") + "\n", encoding="utf-8")


def update_readme(rows: list[dict]) -> None:
    """Refresh the generated table between the markers in fonts/README.md."""
    readme = FONTS / "README.md"
    table = ["| role | file | family | glyphs | size | sha256 | source | build |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        table.append(
            f"| `{r['role']}` | `{r['file']}` | {r['family']} | {r['glyphs']:,} | {r['size'] / 1e6:.2f} MB | "
            f"`{r['sha256']}` | {SOURCES[r['role']].package} | {r['seconds']:.0f} s |"
        )
    text = readme.read_text(encoding="utf-8")
    pattern = r"(<!-- build-table -->\n).*?(<!-- /build-table -->)"
    new = re.sub(pattern, lambda m: m[1] + "\n".join(table) + "\n" + m[2], text, flags=re.S)
    readme.write_text(new, encoding="utf-8")


def write_tongyong(unihan: Path) -> None:
    """layout/data/tongyong8105.txt from Unihan's kTGH field ("2013:<serial>"), in serial order."""
    opener = bz2.open if unihan.suffix == ".bz2" else open
    rows = []
    with opener(unihan, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                rows.append((int(parts[2].split(":")[1]), int(parts[0][2:], 16)))
    rows.sort()
    if [n for n, _ in rows] != list(range(1, 8106)):
        sys.exit(f"{unihan}: kTGH serials are not exactly 1..8105")
    TONGYONG.write_text(TONGYONG_HEADER + "".join(f"U+{cp:04X}\t{chr(cp)}\n" for _, cp in rows), encoding="utf-8")


TONGYONG_HEADER = """\
# 通用规范汉字表 (2013): the 8,105 characters of the Table of General Standard Chinese Characters.
# Data of GB 通用规范汉字表 (2013), as recorded in the Unicode Han Database (Unihan), field kTGH
# ("2013:<serial number>"), Unicode 15.0.0, file Unihan_OtherMappings.txt of the Debian package
# unicode-data 15.0.0-1.  Modified: only the kTGH entries are kept, sorted by serial number.
# Made by: python fonts/build_fonts.py tongyong /usr/share/unicode/Unihan_OtherMappings.txt.bz2
# Cross-checked against kitty-panics/cn-tables 通用规范汉字表.txt (first 189 and last 11 entries).
#
# Format: one character per line, "U+XXXX<TAB>字", in the table's order: 1-3500 一级字表,
# 3501-6500 二级字表, 6501-8105 三级字表 (196 of them above U+FFFF).  "#" lines are comments.
#
# Unihan_OtherMappings.txt: (c) 2022 Unicode(R), Inc.  Unicode and the Unicode Logo are
# registered trademarks of Unicode, Inc. in the U.S. and other countries.  For terms of use,
# see http://www.unicode.org/terms_of_use.html.  The notice below is the one Debian ships with
# unicode-data (/usr/share/doc/unicode-data/copyright):
#
# COPYRIGHT AND PERMISSION NOTICE
#
# Distributed under the Terms of Use in http://www.unicode.org/copyright.html.
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of the Unicode
# data files and any associated documentation (the "Data Files") or Unicode software and any
# associated documentation (the "Software") to deal in the Data Files or Software without
# restriction, including without limitation the rights to use, copy, modify, merge, publish,
# distribute, and/or sell copies of the Data Files or Software, and to permit persons to whom
# the Data Files or Software are furnished to do so, provided that (a) the above copyright
# notice(s) and this permission notice appear with all copies of the Data Files or Software,
# (b) both the above copyright notice(s) and this permission notice appear in associated
# documentation, and (c) there is clear notice in each modified Data File or in the Software
# as well as in the documentation associated with the Data File(s) or Software that the data
# or software has been modified.
#
# THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
# PARTICULAR PURPOSE AND NONINFRINGEMENT OF THIRD PARTY RIGHTS. IN NO EVENT SHALL THE
# COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL
# INDIRECT OR CONSEQUENTIAL DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,
# DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION,
# ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THE DATA FILES OR SOFTWARE.
#
# Except as contained in this notice, the name of a copyright holder shall not be used in
# advertising or otherwise to promote the sale, use or other dealings in these Data Files or
# Software without prior written authorization of the copyright holder.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roles", nargs="*", help=f"roles to build (default: all of {', '.join(SOURCES)}), or: tongyong FILE")
    parser.add_argument("--npm", type=Path, default=Path("/tmp/npmfonts"), help="where the npm tarballs were unpacked")
    args = parser.parse_args(argv)
    if args.roles[:1] == ["tongyong"]:
        write_tongyong(Path(args.roles[1]))
        return 0
    roles = args.roles or list(SOURCES)
    unknown = [r for r in roles if r not in SOURCES]
    if unknown:
        parser.error(f"unknown roles: {unknown}")
    rows = [build(role, args.npm) for role in roles]
    write_licences(args.npm)
    if set(roles) == set(SOURCES):
        update_readme(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
