"""Jinja2 text fragments of the paper profile: imprint lines, folio, jump lines, proof stamp.

Each fragment file under templates/<paper>/text/ holds named blocks; a block
renders to one line of text.  The wording lives with the paper, not in code:
an edition changes "（下转第4版）" to "（转第4版）" by editing a template.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from layout.crash import user_cache
from layout.errors import InputError

WEEKDAYS = "一二三四五六日"


def cn_date(value: dt.date) -> str:
    """2026-12-16 → 2026年12月16日."""
    return f"{value.year}年{value.month}月{value.day}日"


def weekday(value: dt.date) -> str:
    return "星期" + WEEKDAYS[value.weekday()]


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept in the user's cache folder, as Python keeps .pyc files.

    Jinja compiles every template to Python on each run (10 ms a build); a cached one is used
    only when its source's checksum and Jinja's version match.  The cache is a convenience:
    an unreadable or unwritable entry means compiling again, never a failed build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry (pickle and marshal raise many kinds)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compiled_templates() -> _CompiledTemplates | None:
    folder = user_cache("templates")
    try:
        if folder is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        return _CompiledTemplates(str(folder))
    except OSError:
        return None


@lru_cache(maxsize=8)
def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder / "text")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["cn_date"] = cn_date
    env.filters["weekday"] = weekday
    return env


def fragment(folder: Path, template: str, block: str, **context: Any) -> str:
    """Render one named block of templates/<paper>/text/<template>.j2 to a single line."""
    env = _environment(Path(folder))
    try:
        tmpl = env.get_template(f"{template}.j2")
        render = tmpl.blocks[block]
        text = "".join(render(tmpl.new_context(context)))
    except jinja2.TemplateNotFound:
        raise InputError(Path(folder) / "text" / f"{template}.j2", "缺少文字模板 (text template missing)") from None
    except KeyError:
        raise InputError(Path(folder) / "text" / f"{template}.j2", f"模板里没有“{block}”这一块 (block missing)") from None
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(Path(folder) / "text" / f"{template}.j2", f"模板错误 (template error): {exc}", line=line) from None
    return " ".join(text.split()) if "\n" in text else text.strip()
