"""Editorial checks no layout tool has (issue 15).

- `printed`: what of an article prints (headline tiers, byline, body, captions,
  sidebars, 稿源), each piece with its source line; 【备注】 never prints and is
  never checked.
- `lists`, `names`: officials' names and fixed formulations (固定提法) from the
  paper profile's and the issue's ``lists/`` folders; near misses and wrong titles.
- `quotes`: unbalanced and misdirected quotes and brackets within a paragraph.
- `checks`: the findings for the build report and ``layout check``.
- `stages`, `diff`: what each proof stage set, and what changed between stages
  (``layout diff``, 修改痕迹 in the proof).
"""
