"""How serious a finding is: error, warning or information, as in the validation rules of health information systems.

Every check of a request and every problem row of the consolidation carries one.
Only errors make a request wrong: ``chk_all`` counts them, and ``refresh`` exits 1
when any error was found; a warning asks for a comment, information asks for nothing
(docs/interpretation.md, S1).
"""

from __future__ import annotations

import enum


class Severity(enum.Enum):
    """The severity of a check or a problem; its value is the Russian word users see.

    >>> Severity.ERROR.value, Severity.WARNING.en, Severity("сведения") is Severity.INFO
    ('ошибка', 'warning', True)
    """

    ERROR = "ошибка"
    WARNING = "предупреждение"
    INFO = "сведения"

    @property
    def en(self) -> str:
        """The English word, for ``--lang en`` workbooks."""
        return {"ERROR": "error", "WARNING": "warning", "INFO": "information"}[self.name]

    @property
    def counts_in_total(self) -> bool:
        """Only errors make a request wrong (``chk_all`` counts them; ``refresh`` exits 1)."""
        return self is Severity.ERROR
