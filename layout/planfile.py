"""Write the automatic layout back into issue.yaml as text edits, keeping the editor's comments and order.

`layout plan --write` gives every placed slot its `grid:` (so the design is
locked: the next build keeps it), `--choose K` records the editor's pick as the
page's `design: K`.  A slot written on one line (`- {id: 2A, role: 头条, …}`)
gets `grid: {…}` inside its braces; a slot written as a block gets a `grid:`
line under its `id:`.  Nothing else in the file changes.
"""

from __future__ import annotations

import re

from layout.model.issue import Grid

_FLOW_SLOT = re.compile(r"^(?P<lead>\s*-\s*\{)(?P<body>.*)\}(?P<tail>\s*(#.*)?)$")
_GRID_IN_FLOW = re.compile(r",?\s*grid:\s*\{[^}]*\}")


def grid_text(g: Grid) -> str:
    return f"{{col: {g.col}, span: {g.span}, row: {g.row}, rows: {g.rows}}}"


def set_grids(text: str, grids: dict[tuple[int, str], Grid]) -> str:
    """issue.yaml text with each (page, slot id) given its grid."""
    lines = text.split("\n")
    page = None
    k = 0
    while k < len(lines):
        line = lines[k]
        m = re.match(r"^\s*-\s*no:\s*(\d+)", line)
        if m:
            page = int(m.group(1))
        slot_id = _slot_id(line)
        if page is not None and slot_id is not None and (page, slot_id) in grids:
            grid = grid_text(grids[(page, slot_id)])
            flow = _FLOW_SLOT.match(line)
            if flow:
                body = _GRID_IN_FLOW.sub("", flow.group("body"))
                first, _comma, rest = body.partition(",")
                rest = rest.strip()
                # keep id (and role) first, then the grid, as the sample writes them
                parts = [first.strip()] + [p.strip() for p in _split_flow(rest) if p.strip()]
                at = 2 if len(parts) > 1 and parts[1].startswith("role:") else 1
                parts.insert(at, f"grid: {grid}")
                lines[k] = f"{flow.group('lead')}{', '.join(parts)}}}{flow.group('tail')}"
            else:  # a block mapping: drop any grid it has (flow or block style), put ours under the id
                indent = len(line) - len(line.lstrip(" -"))
                j = k + 1
                while j < len(lines) and lines[j].startswith(" " * indent) and not re.match(r"^\s*-\s", lines[j]):
                    if lines[j].strip().startswith("grid:"):
                        del lines[j]
                        while j < len(lines) and re.match(r"^\s+(col|span|row|rows):", lines[j]) \
                                and len(lines[j]) - len(lines[j].lstrip()) > indent:
                            del lines[j]
                        continue
                    j += 1
                lines.insert(k + 1, " " * indent + f"grid: {grid}")
        k += 1
    return "\n".join(lines)


def set_design(text: str, page_no: int, design: int) -> str:
    """issue.yaml text with page `page_no` set to use design `design` (its `design:` line added or changed)."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = re.match(r"^(\s*)-\s*no:\s*(\d+)", line)
        if not m or int(m.group(2)) != page_no:
            continue
        indent = " " * (len(m.group(1)) + 2)
        j = k + 1
        while j < len(lines) and lines[j].startswith(indent) and not re.match(r"^\s*-\s", lines[j]):
            if re.match(rf"^{indent}design:", lines[j]):
                lines[j] = re.sub(r"design:\s*[^#\s]*", f"design: {design}", lines[j])
                return "\n".join(lines)
            if re.match(rf"^{indent}slots:", lines[j]):
                break
            j += 1
        lines.insert(j, f"{indent}design: {design}                 # layout plan --choose：用第 {design} 个方案")
        return "\n".join(lines)
    raise ValueError(f"issue.yaml 里找不到第{page_no}版")


def _slot_id(line: str) -> str | None:
    m = re.match(r"^\s*-\s*\{?\s*id:\s*([^,}\s#]+)", line)
    return m.group(1).strip("'\"") if m else None


def _split_flow(body: str) -> list[str]:
    """Split a flow mapping's body at top-level commas (nested {…} and […] kept whole)."""
    out, depth, current = [], 0, ""
    for ch in body:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    if current:
        out.append(current)
    return out
