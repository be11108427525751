"""Officials' names and fixed formulations: near misses and wrong titles (newspaper.md §4.4, §5.5 #9).

A leader's name one character off, or a dropped 副 that promotes someone, is the
error that gets people punished (newspaper.md §4.4, sources 27–29).  Three checks:

* **name near miss**: a string of the same length as a listed name with exactly
  one character different (沈利群 for 沈立群), standing where a name stands;
* **wrong title**: a listed name with a title attached (街道党工委副书记沈立群,
  沈立群副书记) whose title word or body differs from the list;
* **phrase near miss**: a fixed formulation with one character changed, added or
  dropped inside it (社区事物受理服务中心, 梧桐路街道党委工委).

One character different is common in ordinary text (许多 is one character from
许晴), so a candidate counts only where a name can stand, and a phrase only
changed inside it:

* names of three or more characters: the candidate is delimited on both sides
  (start or end, punctuation, a title or role word before — 书记、记者、由、和 … —
  and a title, 说/表示/介绍… or a particle after); if its surname is the changed
  character, the new one must be a surname too;
* two-character names: a title or role word must stand right before
  (副主任许睛) or a title or form of address right after (许睛主任);
* phrases: the change is never at the first or last character (社区文化活动中心
  vs 社区文化活动中，…), and a Han character is replaced only by a Han
  character, a mark only by a mark.

Every listed name and phrase is right by definition: text inside an exact
occurrence is never a candidate, and a real person whose name is one character
off a leader's is listed to stop the warning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from layout.editorial.lists import Lists, Name
from layout.editorial.printed import Piece
from layout.text.cjk import is_han

# 常见姓氏 (single-character surnames in common use) and compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由晏闵钮鄂瞿柏"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯",
                     "长孙", "宇文", "司徒", "西门", "独孤", "端木", "轩辕", "南宫", "百里", "呼延")

# Title words (职务), longest first when matched.  A listed title ends with one of these, or is compared whole.
RANKS = tuple(sorted({
    "书记", "副书记", "主任", "副主任", "常务副主任", "主席", "副主席", "站长", "副站长", "所长", "副所长",
    "局长", "副局长", "部长", "副部长", "区长", "副区长", "镇长", "副镇长", "处长", "副处长", "科长", "副科长",
    "组长", "副组长", "楼组长", "队长", "副队长", "团长", "副团长", "社长", "副社长", "会长", "副会长",
    "理事长", "秘书长", "院长", "副院长", "校长", "副校长", "馆长", "园长", "厂长", "行长", "经理", "副经理",
    "总经理", "项目经理", "总监", "主管", "干事", "委员", "主任委员", "常委", "党委委员", "代表", "人大代表", "民警",
    "律师", "医生", "家庭医生", "护士", "教师", "顾问", "法律顾问", "专家", "援助员", "培训师", "指挥",
    "召集人", "联络员", "网格员", "社工", "协管员", "记者", "通讯员", "编辑", "主编", "总编辑",
}, key=lambda w: (-len(w), w)))
# After a name only nouns count: 沈立群代表街道… is a verb, 沈立群主任 a title.
RANKS_AFTER = tuple(w for w in RANKS if w not in ("代表", "指挥", "主管", "顾问", "记者", "编辑", "通讯员"))
ADDRESS = ("同志", "老师", "先生", "女士", "阿姨", "师傅", "大爷", "奶奶", "爷爷", "大妈", "老伯", "伯伯", "警官")
# After a two-character name only an office title counts (许晴主任); 许多专家、许多老师 are not names.
OFFICES = ("书记", "副书记", "主任", "副主任", "主席", "站长", "所长", "局长", "部长", "区长", "镇长", "处长",
           "科长", "社长", "团长", "队长", "组长", "校长", "院长", "馆长", "园长", "厂长", "行长", "经理", "会长")
# Two-character words that begin with a surname and are never names (the commonest collisions).
NOT_NAMES = frozenset({"许多", "许可", "许久", "何时", "何必", "何况", "何处", "何人", "何等", "何在", "何以", "成立",
                       "钱款", "钱包", "章程", "贺卡", "贺信", "王国", "陈列", "陈旧", "柏油", "唐装", "孙子", "柳树",
                       "吴语", "高兴", "高度", "方面", "方式", "方法", "方案", "方便", "方向", "于是", "常常", "时间",
                       "时候", "江南", "黄金", "金额", "石头", "白天", "文化", "文明", "安全", "平安", "全体", "全部",
                       "向来", "明天", "明年", "和谐", "和平", "应该", "公共", "公园", "公开", "强调", "连续", "项目",
                       "海棠", "鲁迅", "齐心", "宁可", "尚未", "于今", "车辆", "路口", "司机", "包括", "计划", "信息"})
ROLES = ("记者", "通讯员", "摄影", "作者", "居民", "老人", "志愿者", "党员", "业主", "队员", "骑手", "社工",
         "同志", "市民", "学生", "老师", "警官", "文/", "图/")
BEFORE = RANKS + ROLES + ("由", "向", "对", "和", "与", "及", "同", "跟", "给", "请", "让", "被", "把", "为", "陪同",
                          "邀请", "看望", "慰问", "采访", "是", "有", "等", "叫", "名叫", "委托", "随")
AFTER = RANKS_AFTER + ADDRESS + (
    "给", "带", "来", "去", "到", "走", "问", "讲", "看", "听", "想", "拿", "送", "指着", "一边", "连连", "不",
    "没", "都", "却", "更", "又", "再", "已", "曾", "将", "要", "刚", "正", "便", "同", "跟", "说", "表示", "介绍", "指出", "强调", "认为", "告诉", "坦言", "提出", "提到", "回忆", "笑着", "笑说", "感慨",
    "补充", "透露", "主持", "出席", "参加", "带队", "陪同", "讲话", "发言", "作", "在", "对", "和", "与", "及",
    "等", "一行", "也", "还", "则", "就", "的", "向", "为", "从", "是", "把", "带领", "代表", "表态", "解释",
    "看来", "摄", "家", "一起", "正在", "先后", "随后", "当即", "现场", "特意", "每天", "总是", "今年",
)
# How the body of a title (the part before the title word) ends: 社区自治办主任, 派出所所长.
ORG_ENDINGS = ("委", "办", "处", "站", "所", "中心", "会", "局", "部", "院", "队", "组", "室", "科", "厅", "馆",
               "公司", "街道", "社区", "党总支", "支部", "总支", "工委", "党委")

NEAR_NAME, NEAR_PHRASE, WRONG_TITLE = "name", "phrase", "title"


@dataclass(frozen=True)
class Hit:
    """One suspicious string in a printed piece.

    kind: NEAR_NAME, NEAR_PHRASE or WRONG_TITLE.  found: the text as printed
    (for a title: the title with the name); expected: the listed form; offset:
    where `found` starts in the piece's text.  entry: the list line.
    """

    kind: str
    piece: Piece
    offset: int
    found: str
    expected: str
    source: str  # "names.txt:3"


_RANK_SET = frozenset(RANKS)
_RANK_MAX = max(map(len, RANKS))


def rank_of(title: str) -> str:
    """The title word a title ends with (longest match), or '' when it ends with none."""
    for length in range(min(_RANK_MAX, len(title)), 1, -1):
        if title[-length:] in _RANK_SET:
            return title[-length:]
    return ""


@lru_cache(maxsize=256)
def _listed_ranks(parts: tuple[str, ...]) -> frozenset[str]:
    """The title words of a listed title's parts (Name.titles); a part ending in none stands as it is."""
    return frozenset(rank_of(p) or p for p in parts)


def _han_run_before(text: str, end: int) -> int:
    start = end
    while start > 0 and is_han(text[start - 1]):
        start -= 1
    return start


def _left_ok(text: str, start: int, words: tuple[str, ...] = BEFORE) -> bool:
    return start == 0 or not is_han(text[start - 1]) or any(text.endswith(w, 0, start) for w in words)


def _right_ok(text: str, end: int, words: tuple[str, ...] = AFTER) -> bool:
    return end >= len(text) or not is_han(text[end]) or text.startswith(words, end)


def _name_position(text: str, start: int, end: int, length: int) -> bool:
    """Can a name stand at text[start:end]? (Module docstring: both sides delimited; two characters need a title.)"""
    if length >= 3:
        return _left_ok(text, start) and _right_ok(text, end)
    if text[start:end] in NOT_NAMES:
        return False
    titled_before = start > 0 and any(text.endswith(w, 0, start) for w in RANKS + ROLES[:3])
    titled_after = text.startswith(OFFICES, end)
    return (titled_before and _right_ok(text, end)) or (titled_after and _left_ok(text, start))


@lru_cache(maxsize=256)
def _variants(entry: str, internal_only: bool, indels: bool) -> re.Pattern[str]:
    """A pattern for strings one edit away from `entry` that keep its first character: a substitution
    (after the first character; at the last too unless `internal_only`), and an insertion or deletion
    inside it when `indels`.  The first character is a literal, so the search is fast."""
    n = len(entry)
    positions = range(1, n - 1) if internal_only else range(1, n)
    alts = [re.escape(entry[1:p]) + "[^\n]" + re.escape(entry[p + 1:]) for p in positions]
    if indels:
        alts += [re.escape(entry[1:p]) + "[^\n]" + re.escape(entry[p:]) for p in range(1, n)]
        alts += [re.escape(entry[1:p] + entry[p + 1:]) for p in range(1, n - 1)]
    return re.compile(re.escape(entry[0]) + "(?:" + "|".join(alts) + ")")


def _candidates(text: str, entry: str, internal_only: bool, indels: bool) -> list[tuple[int, str]]:
    """(start, text) of every string one edit away from `entry` (see `_variants`), and, unless
    `internal_only`, every string that differs from it in the first character only."""
    out = []
    if entry[0] in text:  # every variant starts with the entry's first character: else no pattern to build
        pattern = _variants(entry, internal_only, indels)
        m = pattern.search(text)
        while m:
            out.append((m.start(), m.group()))
            m = pattern.search(text, m.start() + 1)
    if not internal_only and len(entry) >= 2:
        rest = entry[1:]
        at = text.find(rest, 1)
        while at > 0:
            if text[at - 1] != "\n":
                out.append((at - 1, text[at - 1] + rest))
            at = text.find(rest, at + 1)
    return sorted(out)


def _changed_at(a: str, b: str) -> int:
    """Index of the first difference between two strings."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _same_class(x: str, y: str) -> bool:
    return is_han(x) == is_han(y)


def _exact_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for w in words:
        start = text.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = text.find(w, start + 1)
    return spans


def find_hits(pieces: list[Piece], lists: Lists) -> list[Hit]:
    """All near misses and wrong titles in the printed pieces of one article, in reading order.

    The pieces are searched as one text joined by line breaks: no pattern matches
    a line break, and a line break delimits a name like punctuation does.
    """
    if not lists or not pieces:
        return []
    text = "\n".join(p.text for p in pieces)
    starts = list(accumulate((len(p.text) + 1 for p in pieces[:-1]), initial=0))
    listed = [n.name for n in lists.names] + [p.text for p in lists.phrases]
    listed_set = set(listed)
    exact = _exact_spans(text, listed)
    seen: set[tuple[int, int]] = set()
    hits: list[Hit] = []

    def free(start: int, end: int) -> bool:
        return (start, end) not in seen and not any(a < end and start < b for a, b in exact)

    def hit(kind: str, start: int, found: str, expected: str, entry) -> Hit:
        k = bisect_right(starts, start) - 1
        return Hit(kind, pieces[k], start - starts[k], found, expected, _where(entry))

    for entry in lists.names:
        name = entry.name
        for start, found in _candidates(text, name, False, False):
            end = start + len(found)
            if found == name or found in listed_set or not free(start, end):
                continue
            p = _changed_at(found, name)
            if not all(is_han(ch) for ch in found) or not _name_position(text, start, end, len(name)):
                continue
            if p == 0 and found[0] not in SURNAMES and found[:2] not in COMPOUND_SURNAMES:
                continue
            seen.add((start, end))
            hits.append(hit(NEAR_NAME, start, found, name, entry))
    for entry in lists.phrases:
        phrase = entry.text
        for start, found in _candidates(text, phrase, True, len(phrase) >= 6):
            end = start + len(found)
            if found == phrase or found in listed_set or not free(start, end):
                continue
            p = _changed_at(found, phrase)
            if len(found) == len(phrase) and not _same_class(found[p], phrase[p]):
                continue
            seen.add((start, end))
            hits.append(hit(NEAR_PHRASE, start, found, phrase, entry))
    for entry in lists.names:
        if entry.title:
            hits.extend(hit(WRONG_TITLE, start, found, expected, entry)
                        for start, found, expected in _title_hits(text, entry))
    return sorted(hits, key=lambda h: (h.piece.line, h.offset))


def _where(entry) -> str:
    return f"{entry.path.name}:{entry.line}"


def _title_hits(text: str, entry: Name) -> list[tuple[int, str, str]]:
    """(offset, as printed, as listed) of each title attached to the listed name (before it, or a title word
    right after it) that differs from the list."""
    name = entry.name
    parts = entry.titles
    ranks = _listed_ranks(parts)
    hits = []
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        for title_start, title in _titles_before(text, start):
            if not _title_agrees(title, parts, ranks):
                shown = _display_title(title)
                hits.append((title_start + len(title) - len(shown), shown + name, entry.title + name))
        after = next((r for r in RANKS_AFTER if text.startswith(r, end)), "")
        if after and after not in ranks:
            hits.append((start, name + after, name + entry.title))
        start = text.find(name, end)
    return hits


# Words that end the text before a title: 评估组由|区人大常委, 记者日前从|街道党工委书记, 分管…的|办事处副主任.
_BEFORE_TITLE = "由从的是和与及向在对为请让被把将据"


def _display_title(title: str) -> str:
    """The title as an editor would quote it: the words before it (由, 从, 的 …) left out, at most 12 characters."""
    cut = max((title.rfind(ch) for ch in _BEFORE_TITLE), default=-1)
    shown = title[cut + 1:] if 0 <= cut < len(title) - 2 else title
    return shown if len(shown) <= 12 else shown[-12:]


def _titles_before(text: str, start: int) -> list[tuple[int, str]]:
    """Titles written right before a name: “街道党工委副书记、办事处主任顾文涛” gives both parts."""
    out = []
    end = start
    while True:
        begin = _han_run_before(text, end)
        title = text[begin:end]
        if not title or not rank_of(title):
            break
        out.append((begin, title))
        if begin == 0 or text[begin - 1] != "、":
            break
        end = begin - 1
    return out


def _title_agrees(title: str, parts: tuple[str, ...], ranks: frozenset[str]) -> bool:
    """Does a written title agree with one of the listed parts?

    The title word must be the listed one (副书记 is not 书记).  The body before it
    may be shorter (党工委书记 for 街道党工委书记, 派出所民警 for 梧桐路派出所社区民警,
    主任 alone) or follow other words (分管城市管理的办事处副主任), but not be a
    near miss of the listed body (街道党工委 for 街道纪工委) or another body
    altogether (社区自治办主任 for 办事处主任).
    """
    if any(title.endswith(part) for part in parts):
        return True
    rank = rank_of(title)
    if rank not in ranks:
        return False
    body = title[: -len(rank)]
    if not body:
        return True
    verdicts = [_body_agrees(body, part[: -len(rank)]) for part in parts if rank_of(part) == rank]
    return any(verdicts)


def _body_agrees(body: str, org: str) -> bool:
    if not org or body.endswith(org) or org.endswith(body):
        return True
    tail = min(len(body), len(org))
    if sum(a != b for a, b in zip(body[-tail:], org[-tail:])) == 1:
        return False  # 街道党工委 or 党工委 for 街道纪工委: a near miss of the listed body
    if any(body[-k:] in org for k in range(2, tail + 1)):
        return True  # the same body, shorter or after other words: 分管城市管理的办事处, …和梧桐路派出所
    return not body.endswith(ORG_ENDINGS)
