"""giangvien: the professional-development notebook of a district Political Center.

This package is the domain: models, the rubric, Vietnamese text rules,
summaries and document rendering. It never imports Textual or TinyDB; only
``giangvien.cli`` reaches into ``store`` and ``screens``.
"""

__version__ = "0.1.0"
