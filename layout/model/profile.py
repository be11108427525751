"""The paper profile (templates/<paper>/paper.yaml): what changes once a year, not every month.

Publisher constants (主管主办, CN or 准印证, address, hotlines, printers, 免费赠阅),
the edition (name, co-publisher line, QR codes), the physical format (trim,
margins, basic columns in whole characters, gutter, body size, line pitch), a
font for each role and the style sheet (newspaper.md §6.1–§6.2, §7).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.model.yamlio import (
    Doc, Key, as_bool, as_list, as_number, as_positive_int, as_str, check_mapping, load_yaml,
)
from layout.units import mm, parse_size

TEMPLATES_DIR = Path(os.environ.get("LAYOUT_TEMPLATES") or Path(__file__).resolve().parent.parent.parent / "templates")
PUBLICATION_TYPES = ("cn_newspaper", "internal_material")


@dataclass(frozen=True)
class Printer:
    name: str
    address: str


@dataclass(frozen=True)
class Publisher:
    publication_type: str
    supervisor_and_sponsor: str
    cn: str
    permit_no: str
    address: str
    postcode: str
    hotlines: tuple[str, ...]
    printers: tuple[Printer, ...]
    free: bool
    price: str
    recipients: str
    print_run: str


@dataclass(frozen=True)
class QRCode:
    image: Path
    label: str


@dataclass(frozen=True)
class Edition:
    title: str
    street: str
    co_publisher: str
    qr_codes: tuple[QRCode, ...]


@dataclass(frozen=True)
class Format:
    """Physical format, in points (converted once, here)."""

    trim_w: float
    trim_h: float
    margin_top: float
    margin_bottom: float
    columns: int
    chars_per_column: int
    gutter_chars: int
    body_size: float
    line_pitch: float
    indent_em: float
    column_rules: bool
    punctuation: str
    masthead_rows: int
    imprint_rows: int
    latin_spacing_em: float = 0.0
    squeeze_first: bool = False

    @property
    def column_width(self) -> float:
        return self.chars_per_column * self.body_size

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.body_size

    @property
    def type_width(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def margin_side(self) -> float:
        return (self.trim_w - self.type_width) / 2

    @property
    def rows(self) -> int:
        return int((self.trim_h - self.margin_top - self.margin_bottom) // self.line_pitch)


@dataclass(frozen=True)
class Style:
    """One entry of the style sheet: a font role, a size in points, an alignment, a colour."""

    font: str
    size: float
    align: str = "left"
    color: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class PrintSpec:
    max_tac: float
    output_condition: str
    icc_profile: Path | None
    bleed_mm: float


@dataclass(frozen=True)
class Profile:
    name: str
    folder: Path
    publisher: Publisher
    edition: Edition
    format: Format
    fonts: dict[str, Path]
    styles: dict[str, Style]
    title_sizes: dict[str, float]
    print: PrintSpec
    byline_ornament: str


def _size(value: Any) -> float:
    return parse_size(value)


def _cmyk(value: Any) -> tuple[float, float, float, float]:
    if not isinstance(value, list) or len(value) != 4 or not all(isinstance(v, (int, float)) for v in value):
        raise ValueError("颜色写成 [C, M, Y, K]，每个 0–100，如 [0, 100, 100, 0]")
    if not all(0 <= v <= 100 for v in value):
        raise ValueError("C、M、Y、K 每个在 0 到 100 之间")
    return tuple(v / 100 for v in value)  # type: ignore[return-value]


def _pair(value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("写成 [宽, 高]，单位毫米，如 [285, 420]")
    return as_number(value[0]), as_number(value[1])


PUBLISHER_KEYS = {
    "publication_type": Key(as_str, True, label="出版类型 cn_newspaper|internal_material"),
    "supervisor_and_sponsor": Key(as_str, True, label="主管主办单位"),
    "cn": Key(as_str, False, "", "国内统一连续出版物号"),
    "permit_no": Key(as_str, False, "", "准印证号"),
    "address": Key(as_str, True, label="地址"),
    "postcode": Key(as_str, False, "", "邮编"),
    "hotlines": Key(as_list(as_str), True, label="热线"),
    "printers": Key(lambda v: v, True, label="印刷单位"),
    "free": Key(as_bool, False, False, "免费赠阅"),
    "price": Key(as_str, False, "", "定价"),
    "recipients": Key(as_str, False, "", "发送对象（内部资料）"),
    "print_run": Key(as_str, False, "", "印数（内部资料）"),
}
EDITION_KEYS = {
    "title": Key(as_str, True, label="报名"),
    "street": Key(as_str, True, label="街道"),
    "co_publisher": Key(as_str, False, "", "联合出版单位"),
    "qr_codes": Key(lambda v: v, False, [], "二维码"),
}
FORMAT_KEYS = {
    "trim_mm": Key(_pair, True, label="成品尺寸 [宽, 高] 毫米"),
    "margin_top_mm": Key(as_number, True, label="上边距（报眉在其中）"),
    "margin_bottom_mm": Key(as_number, True, label="下边距"),
    "columns": Key(as_positive_int, True, label="基本栏数"),
    "chars_per_column": Key(as_positive_int, True, label="每栏字数"),
    "gutter_chars": Key(as_positive_int, False, 1, "栏空（字）"),
    "body_size": Key(_size, True, label="正文字号"),
    "line_pitch_pt": Key(as_number, True, label="行距（基线到基线，磅）"),
    "indent_em": Key(as_number, False, 2.0, "首行缩进（字）"),
    "column_rules": Key(as_bool, False, True, "栏线"),
    "punctuation": Key(as_str, False, "quanjiao", "标点挤压 quanjiao|kaiming|banjiao"),
    "latin_spacing_em": Key(as_number, False, 0.0, "汉字与数字、字母之间的间距（字）0 或 0.25"),
    "justification": Key(as_str, False, "spread_first", "行内调整 spread_first（先加字距）|squeeze_first（先挤标点）"),
    "masthead_rows": Key(as_positive_int, False, 12, "一版报头占行数"),
    "imprint_rows": Key(as_positive_int, False, 3, "一版版权信息占行数"),
}
STYLE_KEYS = {
    "font": Key(as_str, True, label="字体角色"),
    "size": Key(_size, True, label="字号"),
    "align": Key(as_str, False, "left", "对齐 left|center|right"),
    "color": Key(_cmyk, False, (0.0, 0.0, 0.0, 1.0), "颜色 [C,M,Y,K]"),
}
STYLE_NAMES = {
    "kicker": "引题", "title": "主题", "subtitle": "副题", "byline": "署名", "lead": "导语",
    "body": "正文", "subhead": "小标题", "caption": "图说", "photo": "摄影", "source": "稿源", "sidebar_title": "链接标题",
    "sidebar_head": "链接分组", "sidebar_body": "链接正文", "editor_note": "编者按", "editor_note_label": "编者按标签",
    "jump": "转版", "jump_title": "转版标题", "folio": "报眉", "folio_name": "报眉版名", "masthead": "报头",
    "masthead_sub": "报头副行", "imprint": "版权信息", "credit": "责任编辑行",
}
PRINT_KEYS = {
    "max_tac": Key(as_number, False, 240.0, "最大油墨总量 %"),
    "output_condition": Key(as_str, False, "IFRA26", "输出条件"),
    "icc_profile": Key(as_str, False, "", "输出 ICC 文件"),
    "bleed_mm": Key(as_number, False, 0.0, "出血 毫米"),
}
TOP_KEYS = {
    "publisher": Key(lambda v: v, True, label="出版方"),
    "edition": Key(lambda v: v, True, label="版本"),
    "format": Key(lambda v: v, True, label="版式"),
    "fonts": Key(lambda v: v, True, label="字体"),
    "styles": Key(lambda v: v, True, label="样式表"),
    "title_sizes": Key(lambda v: v, False, {}, "各版位主题字号"),
    "print": Key(lambda v: v, False, {}, "印刷"),
    "byline_ornament": Key(as_str, False, "□", "署名前的装饰符"),
}


def profile_dir(name: str) -> Path:
    """templates/<name>/ — or under $LAYOUT_TEMPLATES, for a paper profile kept outside the repository."""
    return TEMPLATES_DIR / name


def load_profile(name: str) -> Profile:
    """Load templates/<name>/paper.yaml; every problem names the file, line and key."""
    folder = TEMPLATES_DIR / name
    path = folder / "paper.yaml"
    if not path.exists():
        known = sorted(p.name for p in TEMPLATES_DIR.iterdir() if (p / "paper.yaml").exists()) if TEMPLATES_DIR.exists() else []
        raise InputError(path, f"找不到报纸模板“{name}” (paper profile not found)",
                         hint="可用：" + "、".join(known) if known else "在 templates/ 下建一个报纸文件夹")
    doc = load_yaml(path)
    top = check_mapping(doc, doc.data, (), TOP_KEYS)
    return Profile(
        name=name, folder=folder,
        publisher=_publisher(doc, top["publisher"]),
        edition=_edition(doc, top["edition"], folder),
        format=_format(doc, top["format"]),
        fonts=_fonts(doc, top["fonts"], folder),
        styles=_styles(doc, top["styles"]),
        title_sizes=_title_sizes(doc, top["title_sizes"]),
        print=_print(doc, top["print"], folder),
        byline_ornament=top["byline_ornament"],
    )


def _publisher(doc: Doc, value: Any) -> Publisher:
    d = check_mapping(doc, value, ("publisher",), PUBLISHER_KEYS)
    if d["publication_type"] not in PUBLICATION_TYPES:
        raise doc.error(("publisher", "publication_type"), f"出版类型“{d['publication_type']}”无效",
                        "cn_newspaper（有CN号的报纸）或 internal_material（内部资料，准印证）")
    printers = []
    for i, item in enumerate(value.get("printers") or []):
        p = check_mapping(doc, item, ("publisher", "printers", i),
                          {"name": Key(as_str, True, label="印刷厂名"), "address": Key(as_str, True, label="印刷厂地址")})
        printers.append(Printer(p["name"], p["address"]))
    fields = {k: v for k, v in d.items() if k != "printers"}
    fields["hotlines"] = tuple(d["hotlines"])
    return Publisher(printers=tuple(printers), **fields)


def _edition(doc: Doc, value: Any, folder: Path) -> Edition:
    d = check_mapping(doc, value, ("edition",), EDITION_KEYS)
    codes = []
    for i, item in enumerate(d["qr_codes"] or []):
        q = check_mapping(doc, item, ("edition", "qr_codes", i),
                          {"image": Key(as_str, True, label="二维码图片"), "label": Key(as_str, True, label="说明文字")})
        image = folder / q["image"]
        if not image.exists():
            raise doc.error(("edition", "qr_codes", i, "image"), f"找不到二维码图片 {image}")
        codes.append(QRCode(image, q["label"]))
    return Edition(d["title"], d["street"], d["co_publisher"], tuple(codes))


def _format(doc: Doc, value: Any) -> Format:
    d = check_mapping(doc, value, ("format",), FORMAT_KEYS)
    if d["punctuation"] not in ("quanjiao", "kaiming", "banjiao"):
        raise doc.error(("format", "punctuation"), f"标点挤压方式“{d['punctuation']}”无效", "quanjiao、kaiming 或 banjiao")
    # 0 or ¼ em: with half-width digits either keeps a digit run on whole half-ems (字格, typesetting.md §1.6)
    if d["latin_spacing_em"] not in (0, 0.25):
        raise doc.error(("format", "latin_spacing_em"), f"汉字与数字、字母的间距“{d['latin_spacing_em']}”无效",
                        "0（不加空）或 0.25（四分之一字）")
    if d["justification"] not in ("spread_first", "squeeze_first"):
        raise doc.error(("format", "justification"), f"行内调整方式“{d['justification']}”无效",
                        "spread_first（先加字距，标点保持全角）或 squeeze_first（先挤标点）")
    f = Format(
        trim_w=mm(d["trim_mm"][0]), trim_h=mm(d["trim_mm"][1]),
        margin_top=mm(d["margin_top_mm"]), margin_bottom=mm(d["margin_bottom_mm"]),
        columns=d["columns"], chars_per_column=d["chars_per_column"], gutter_chars=d["gutter_chars"],
        body_size=d["body_size"], line_pitch=d["line_pitch_pt"], indent_em=d["indent_em"],
        column_rules=d["column_rules"], punctuation=d["punctuation"],
        masthead_rows=d["masthead_rows"], imprint_rows=d["imprint_rows"],
        latin_spacing_em=float(d["latin_spacing_em"]), squeeze_first=d["justification"] == "squeeze_first",
    )
    if f.margin_side < mm(5):
        raise doc.error(("format", "chars_per_column"), "版心比纸还宽：栏数 × 每栏字数 × 字号放不下 (type area wider than the page)",
                        "减少栏数或每栏字数，或改小字号")
    if f.line_pitch < f.body_size:
        raise doc.error(("format", "line_pitch_pt"), "行距小于字号，行会重叠 (line pitch below the type size)")
    return f


def _fonts(doc: Doc, value: Any, folder: Path) -> dict[str, Path]:
    if not isinstance(value, dict) or not value:
        raise doc.error(("fonts",), "fonts 应列出每个角色的字体文件，如 song: NotoSerifSC-Regular.ttf")
    from layout.fonts import FONTS_DIR

    out = {}
    for role, file in value.items():
        candidates = [folder / str(file), FONTS_DIR / str(file)]
        found = next((c for c in candidates if c.exists()), None)
        if found is None:
            raise doc.error(("fonts", role), f"找不到字体文件“{file}”", f"放在 fonts/ 或 {folder} 下")
        out[str(role)] = found
    return out


def _styles(doc: Doc, value: Any) -> dict[str, Style]:
    d = check_mapping(doc, value, ("styles",), {name: Key(lambda v: v, True, label=label) for name, label in STYLE_NAMES.items()})
    styles = {}
    for name, spec in d.items():
        s = check_mapping(doc, spec, ("styles", name), STYLE_KEYS)
        if s["align"] not in ("left", "center", "right"):
            raise doc.error(("styles", name, "align"), f"对齐方式“{s['align']}”无效", "left、center 或 right")
        styles[name] = Style(s["font"], s["size"], s["align"], s["color"])
    fonts = doc.data.get("fonts") or {}
    for name, style in styles.items():
        if style.font not in fonts:
            raise doc.error(("styles", name, "font"), f"字体角色“{style.font}”没有在 fonts 里定义", "可用：" + "、".join(fonts))
    return styles


def _title_sizes(doc: Doc, value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise doc.error(("title_sizes",), "title_sizes 应是“版位: 字号”的映射，如 头条: 一号")
    out = {}
    for role, size in value.items():
        try:
            out[str(role)] = parse_size(size)
        except ValueError as exc:
            raise doc.error(("title_sizes", role), str(exc)) from None
    return out


def _print(doc: Doc, value: Any, folder: Path) -> PrintSpec:
    d = check_mapping(doc, value, ("print",), PRINT_KEYS)
    icc = None
    if d["icc_profile"]:
        icc = (folder / d["icc_profile"]) if not Path(d["icc_profile"]).is_absolute() else Path(d["icc_profile"])
        if not icc.exists():
            raise doc.error(("print", "icc_profile"), f"找不到 ICC 文件 {icc}")
    if not 150 <= d["max_tac"] <= 400:
        raise doc.error(("print", "max_tac"), "最大油墨总量应在 150–400 之间（新闻纸一般 240）")
    return PrintSpec(d["max_tac"], d["output_condition"], icc, d["bleed_mm"])
