"""The paper profile (templates/<paper>/paper.yaml): what changes once a year, not every month.

Publisher constants (主管主办, CN or 准印证, address, hotlines, printers, 免费赠阅),
the edition (name, co-publisher line, QR codes), the physical format (trim,
margins, basic columns in whole characters, gutter, body size, line pitch), a
font for each role and the style sheet (newspaper.md §6.1–§6.2, §7).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.paths import FONTS_DIR
from layout.model.paths import PathMissing, PathProblem, resolve_inside
from layout.model.headlines import STYLE_SIZE, HeadlineRule, HeadlineSystem, parse_headlines  # noqa: F401 (re-exported)
from layout.model.suggest import did_you_mean
from layout.model.yamlio import (
    Doc, Key, as_bool, as_list, as_number, as_str, check_mapping, int_in, load_yaml, number_in,
)
from layout.units import mm, size_in

TEMPLATES_ENV = "LAYOUT_TEMPLATES"  # a folder of paper profiles kept outside the repository (README: 办一份自己的报纸)
TEMPLATES_DIR = Path(os.environ.get(TEMPLATES_ENV) or Path(__file__).resolve().parent.parent.parent / "templates")
PUBLICATION_TYPES = ("cn_newspaper", "internal_material")
# A profile is a folder of templates/: a plain name, never a path (`paper: ../../etc` must not load).
_PROFILE_NAME = re.compile(r"[^\x00-\x1f/\\.][^\x00-\x1f/\\]{0,63}")
# Bleed beyond a few mm is a typo: 3 mm is the usual request (print.md §1.2); --bleed is held to the same range.
MAX_BLEED_MM = 10.0
MIN_BODY_ROWS = 10  # a front page needs body lines between its masthead and its imprint


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
    publishing_unit: str = ""  # 出版单位, printed apart from 主管/主办 (newspaper.md §4.2)
    distribution: str = ""  # 发行信息: 邮发代号, or how a free paper reaches its readers


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
    """What the plant asks for.  min_ppi / warn_ppi: effective image resolution at placed size below
    which a photo cannot go to print / should be replaced (print.md §1.2: 150 and 200 for newsprint)."""

    max_tac: float
    output_condition: str
    icc_profile: Path | None
    bleed_mm: float
    min_ppi: float = 150.0
    warn_ppi: float = 200.0

    def ppi_grade(self, ppi: float) -> str:
        """"fail" (too coarse to print), "warn" (visibly soft on newsprint) or "ok"."""
        return "fail" if ppi < self.min_ppi else "warn" if ppi < self.warn_ppi else "ok"

    def ppi_text(self, ppi: float) -> str:
        """The resolution as messages show it: whole ppi, or one decimal (rounded down) where rounding
        would reach a limit the photo misses — “149.6 ppi（< 150）”, never “150 ppi（< 150）”."""
        for limit in (self.min_ppi, self.warn_ppi):
            if ppi < limit <= round(ppi):
                return f"{math.floor(ppi * 10) / 10:.1f}"
        return f"{ppi:.0f}"


@dataclass(frozen=True)
class FitLimits:
    """How far fitting a story to its slot (撑满) may go, in grid rows: white rows added around the
    headline block, rows a photo may grow or shrink (and the share of it the crop may then cut away),
    blank rows at each place a space may go (before a 小标题 or the 稿源, after the byline)."""

    head_rows: int = 3
    figure_rows: int = 6
    crop: float = 0.25
    spaces: int = 1


@dataclass(frozen=True)
class Profile:
    name: str
    folder: Path
    publisher: Publisher
    edition: Edition
    format: Format
    fonts: dict[str, Path]
    styles: dict[str, Style]
    headlines: HeadlineSystem
    print: PrintSpec
    byline_ornament: str
    fit: FitLimits = FitLimits()


# Type sizes a style may take: 八号 (5 pt) is the smallest printable, a masthead may be far larger than 大特号.
def _cmyk(value: Any) -> tuple[float, float, float, float]:
    if not isinstance(value, list) or len(value) != 4 or not all(isinstance(v, (int, float)) for v in value):
        raise ValueError("颜色写成 [C, M, Y, K]，每个 0–100，如 [0, 100, 100, 0]")
    if not all(0 <= v <= 100 for v in value):
        raise ValueError("C、M、Y、K 每个在 0 到 100 之间")
    return tuple(v / 100 for v in value)  # type: ignore[return-value]


def _trim(value: Any) -> tuple[float, float]:
    """[width, height] in mm, each between A6 and the largest web press sheet (对开 is about 390 × 540)."""
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("写成 [宽, 高]，单位毫米，如 [285, 420]")
    side = number_in(100, 1000, " 毫米")
    return side(value[0]), side(value[1])


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
    "publishing_unit": Key(as_str, False, "", "出版单位"),
    "distribution": Key(as_str, False, "", "发行信息"),
}
EDITION_KEYS = {
    "title": Key(as_str, True, label="报名"),
    "street": Key(as_str, True, label="街道"),
    "co_publisher": Key(as_str, False, "", "联合出版单位"),
    "qr_codes": Key(lambda v: v, False, [], "二维码"),
}
FORMAT_KEYS = {
    "trim_mm": Key(_trim, True, label="成品尺寸 [宽, 高] 毫米"),
    "margin_top_mm": Key(number_in(0, 100, " 毫米"), True, label="上边距（报眉在其中）"),
    "margin_bottom_mm": Key(number_in(0, 100, " 毫米"), True, label="下边距"),
    "columns": Key(int_in(1, 20), True, label="基本栏数"),
    "chars_per_column": Key(int_in(1, 100), True, label="每栏字数"),
    "gutter_chars": Key(int_in(1, 10), False, 1, "栏空（字）"),
    "body_size": Key(size_in(5, 24), True, label="正文字号"),
    "line_pitch_pt": Key(number_in(5, 72, " 磅"), True, label="行距（基线到基线，磅）"),
    "indent_em": Key(number_in(0, 10, " 字"), False, 2.0, "首行缩进（字）"),
    "column_rules": Key(as_bool, False, True, "栏线"),
    "punctuation": Key(as_str, False, "quanjiao", "标点挤压 quanjiao|kaiming|banjiao"),
    "latin_spacing_em": Key(as_number, False, 0.0, "汉字与数字、字母之间的间距（字）0 或 0.25"),
    "justification": Key(as_str, False, "spread_first", "行内调整 spread_first（先加字距）|squeeze_first（先挤标点）"),
    "masthead_rows": Key(int_in(1, 200), False, 12, "一版报头占行数"),
    "imprint_rows": Key(int_in(1, 200), False, 3, "一版版权信息占行数"),
}
STYLE_KEYS = {
    "font": Key(as_str, True, label="字体角色"),
    "size": Key(STYLE_SIZE, True, label="字号"),
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
OPTIONAL_STYLES = {"title_heavy": "主题（特粗）", "title_song": "主题（标宋）", "numerals": "楷体行里的数字",
                   "subhead_lead": "小标题引行", "run_in": "简讯、链接条目的引领词", "sidebar_label": "链接标签（反白）",
                   "column_label": "栏目名（标题上方的“■ 栏目”）"}
PRINT_KEYS = {
    "max_tac": Key(as_number, False, 240.0, "最大油墨总量 %"),
    "output_condition": Key(as_str, False, "IFRA26", "输出条件"),
    "icc_profile": Key(as_str, False, "", "输出 ICC 文件"),
    "bleed_mm": Key(number_in(0, MAX_BLEED_MM, " 毫米"), False, 0.0, "出血 毫米"),
    "min_ppi": Key(number_in(72, 1200, " ppi"), False, 150.0, "图片最低有效分辨率（低于此不能付印）"),
    "warn_ppi": Key(number_in(72, 1200, " ppi"), False, 200.0, "图片建议有效分辨率（低于此提示）"),
}
TOP_KEYS = {
    "publisher": Key(lambda v: v, True, label="出版方"),
    "edition": Key(lambda v: v, True, label="版本"),
    "format": Key(lambda v: v, True, label="版式"),
    "fonts": Key(lambda v: v, True, label="字体"),
    "styles": Key(lambda v: v, True, label="样式表"),
    "title_sizes": Key(lambda v: v, False, {}, "各版位主题字号（旧写法，等于字号范围只有一档）"),
    "headlines": Key(lambda v: v, False, {}, "标题规范：各角色主题字号范围和字体"),
    "print": Key(lambda v: v, False, {}, "印刷"),
    "byline_ornament": Key(as_str, False, "□", "署名前的装饰符"),
    "fit": Key(lambda v: v, False, {}, "撑满的限度"),
}
FIT_KEYS = {
    "headline_rows": Key(int_in(0, 12), False, 3, "标题区最多加几行空"),
    "photo_rows": Key(int_in(0, 30), False, 6, "图片最多加高或减低几行"),
    "photo_crop": Key(number_in(0, 0.6), False, 0.25, "撑满时图片最多被裁去的比例"),
    "space_rows": Key(int_in(0, 3), False, 1, "小标题前、稿源前、署名后各最多加几行空"),
}


def profile_dir(name: str) -> Path:
    """templates/<name>/ — or under $LAYOUT_TEMPLATES, for a paper profile kept outside the repository."""
    return TEMPLATES_DIR / name


def load_profile(name: str) -> Profile:
    """Load templates/<name>/paper.yaml; every problem names the file, line and key."""
    if not _PROFILE_NAME.fullmatch(name):
        raise InputError(name, f"报纸模板名“{name[:40]}”不对：只能是 templates/ 下一个文件夹的名字 (bad profile name)",
                         key="paper", hint="issue.yaml 里写 paper: wutong 这样的名字，不带 / 或 ..")
    folder = TEMPLATES_DIR / name
    path = folder / "paper.yaml"
    if not path.exists():
        known = sorted(p.name for p in TEMPLATES_DIR.iterdir() if (p / "paper.yaml").exists()) if TEMPLATES_DIR.is_dir() else []
        source = (f"报纸模板在环境变量 {TEMPLATES_ENV} 指定的 {TEMPLATES_DIR}/ 里找" if os.environ.get(TEMPLATES_ENV)
                  else f"报纸模板在 {TEMPLATES_DIR}/ 里找；放在别处的模板，用环境变量 {TEMPLATES_ENV} 指给它（export {TEMPLATES_ENV}=/path/to/templates）")
        guess = did_you_mean(name, known)
        hint = (f"是不是 paper: {guess}？" if guess else f"可用：{'、'.join(known)}" if known else
                "复制 templates/wutong/ 改成自己的报纸（见 README“办一份自己的报纸”）")
        raise InputError(path, f"找不到报纸模板“{name}”：{source} (paper profile not found)", key="paper",
                         hint=hint)
    doc = load_yaml(path)
    top = check_mapping(doc, doc.data, (), TOP_KEYS)
    return Profile(
        name=name, folder=folder,
        publisher=_publisher(doc, top["publisher"]),
        edition=_edition(doc, top["edition"], folder),
        format=_format(doc, top["format"]),
        fonts=_fonts(doc, top["fonts"], folder),
        styles=_styles(doc, top["styles"]),
        headlines=parse_headlines(doc, top["headlines"], _title_sizes(doc, top["title_sizes"]), top["styles"]),
        print=_print(doc, top["print"], folder),
        byline_ornament=top["byline_ornament"],
        fit=_fit(doc, top["fit"]),
    )


def _fit(doc: Doc, value: Any) -> FitLimits:
    d = check_mapping(doc, value or {}, ("fit",), FIT_KEYS)  # photo_crop's range [0, 0.6] checked by number_in
    return FitLimits(d["headline_rows"], d["photo_rows"], d["photo_crop"], d["space_rows"])


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
        keypath = ("edition", "qr_codes", i, "image")
        try:
            image = resolve_inside(q["image"], folder, what="二维码图片")
        except PathMissing:
            raise doc.error(keypath, f"找不到二维码图片 {folder / q['image']}") from None
        except PathProblem as exc:
            raise doc.error(keypath, str(exc), f"二维码图片放在 {folder}/ 里") from None
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
    least = f.masthead_rows + f.imprint_rows + MIN_BODY_ROWS
    if f.rows < least:
        raise doc.error(("format",), f"版心只有 {f.rows} 行：放不下报头 {f.masthead_rows} 行、版权信息 {f.imprint_rows} 行"
                                     f"和至少 {MIN_BODY_ROWS} 行正文 (type area too short)",
                        "减小 margin_top_mm / margin_bottom_mm、行距或报头行数，或加大成品尺寸")
    return f


def _fonts(doc: Doc, value: Any, folder: Path) -> dict[str, Path]:
    if not isinstance(value, dict) or not value:
        raise doc.error(("fonts",), "fonts 应列出每个角色的字体文件，如 song: NotoSerifSC-Regular.ttf")
    out = {}
    for role, file in value.items():
        found = None
        for base in (folder, FONTS_DIR):
            try:
                found = resolve_inside(str(file), base, what="字体文件")
                break
            except PathMissing:
                continue
            except PathProblem as exc:
                raise doc.error(("fonts", role), str(exc), f"字体放在 fonts/ 或 {folder} 下，只写文件名") from None
        if found is None:
            raise doc.error(("fonts", role), f"找不到字体文件“{file}”", f"放在 fonts/ 或 {folder} 下")
        out[str(role)] = found
    return out


def _styles(doc: Doc, value: Any) -> dict[str, Style]:
    keys = {name: Key(lambda v: v, True, label=label) for name, label in STYLE_NAMES.items()}
    keys.update({name: Key(lambda v: v, False, None, label) for name, label in OPTIONAL_STYLES.items()})
    d = check_mapping(doc, value, ("styles",), keys)
    styles = {}
    for name, spec in d.items():
        if spec is None:
            continue
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
            out[str(role)] = STYLE_SIZE(size)
        except ValueError as exc:
            raise doc.error(("title_sizes", role), str(exc)) from None
    return out


def _print(doc: Doc, value: Any, folder: Path) -> PrintSpec:
    d = check_mapping(doc, value, ("print",), PRINT_KEYS)
    icc = None
    if d["icc_profile"]:
        # The profile's folder, or templates/ (the shipped templates/icc/ is shared by every paper).
        try:
            icc = resolve_inside(d["icc_profile"], folder, folder.parent, what="ICC 文件")
        except PathMissing:
            raise doc.error(("print", "icc_profile"), f"找不到 ICC 文件 {folder / d['icc_profile']}") from None
        except PathProblem as exc:
            raise doc.error(("print", "icc_profile"), str(exc),
                            f"ICC 文件放在 {folder}/ 或 {folder.parent}/ 里，写相对路径，如 ../icc/newsprint.icc") from None
        problem = _icc_problem(icc)
        if problem:
            raise doc.error(("print", "icc_profile"), f"ICC 文件 {icc.name} 不能用：{problem}",
                            "要印刷厂提供的 CMYK 输出配置文件（.icc，设备类别 prtr），或去掉这一项用默认的新闻纸配置")
    if not 150 <= d["max_tac"] <= 400:  # (as_number has refused NaN, which every comparison lets through)
        raise doc.error(("print", "max_tac"), "最大油墨总量应在 150–400 之间（新闻纸一般 240）")
    if not d["min_ppi"] <= d["warn_ppi"]:
        raise doc.error(("print", "min_ppi"), "图片分辨率要求应满足 min_ppi ≤ warn_ppi（新闻纸一般 150 和 200）")
    return PrintSpec(d["max_tac"], d["output_condition"], icc, d["bleed_mm"], d["min_ppi"], d["warn_ppi"])


def _icc_problem(path: Path) -> str:
    """Why an ICC file cannot be the CMYK output profile ('' when it can): read from its 128-byte header.

    The OutputIntent of PDF/X-1a must be a CMYK output ('prtr') profile, and photos
    are converted into it (print.md §1.1, §3): an RGB or a truncated profile fails there.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(128)
        size = path.stat().st_size
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）"
    if len(header) < 128 or header[36:40] != b"acsp" or not 128 < int.from_bytes(header[:4], "big") <= size:
        return "不是完整的 ICC 配置文件 (not an ICC profile)"
    if header[12:16] != b"prtr" or header[16:20] != b"CMYK":
        kind = header[12:16].decode("latin1", "replace") + "/" + header[16:20].decode("latin1", "replace").strip()
        return f"它是 {kind}，付印需要 CMYK 输出配置文件 (prtr/CMYK)"
    return ""
