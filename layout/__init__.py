"""layout: a print-layout generator for Chinese community newspapers (社区报).

Pipeline (see build.py): issue YAML + article files → model → text engine →
page make-up → display list → ReportLab PDF (proof or PDF/X-1a) → preflight.
"""

__version__ = "0.1.0"
