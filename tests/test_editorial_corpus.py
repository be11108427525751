"""The names and quotes checks measured on 8,700 characters of our own copy with 26 errors put in (issue 15).

The figures are the ones the README gives (编辑检查的实测); a change to the
checks that finds fewer errors or raises a false alarm fails here.
"""

from __future__ import annotations

from editorial_corpus import detections, measure, truth


def test_the_measured_figures():
    table = measure()
    assert {k: (c["tp"], c["fn"], c["fp"]) for k, c in table.items()} == {
        "name": (12, 1, 0), "title": (5, 0, 0), "phrase": (3, 1, 0), "quotes": (4, 0, 0),
    }


def test_what_is_missed_is_what_the_rules_leave_out_by_design():
    assert sorted(truth() - detections()) == [
        ("c6-zhili.txt", 6, "name", "许睛"),  # a two-character name with no title beside it (由许睛主持)
        ("c9-tishi.txt", 7, "phrase", "社区党群服务中新"),  # changed at its last character
    ]
