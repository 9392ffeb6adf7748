"""What every diagnostic shares: its result types (:mod:`.results`) and its way of reading
(:mod:`.reading`). The problems themselves are folders of :mod:`coopscore.diagnostics`.

A diagnostic reads its own data from the scenario, computes its measures with
:mod:`coopscore.core.metrics` and compares them with the thresholds in the rubric's
``diagnostics`` section. Three outcomes, as everywhere in coopscore:

* ``flagged``: the data shows the problem;
* ``clear``: the data shows it is absent;
* ``unknown``: the scenario lacks the data (or too little of it). Unknown is never flagged and
  never turned into 0; ``missing`` says what would settle it.

Whatever a diagnostic counts it counts three ways (``Tally``: stated present, stated absent,
unknown), and each measured value stands beside the bound that flags it (``Threshold``).

A diagnostic made of parts (P2's three, P4's convergence and local protection) is flagged when
one part is flagged, clear when every part is clear, and unknown otherwise (Kleene's ``or``).
Recommendations are linked only to flagged diagnostics. Results are data only
(:mod:`.results`); the formats put them into words.
"""

from __future__ import annotations

from coopscore.core.diagnostics.results import (
    CauseResult,
    CauseStatus,
    Citation,
    Diagnostic,
    Reason,
    ReasonId,
    Rule,
    Tally,
    Threshold,
    Verdict,
)

__all__ = [
    "CauseResult",
    "CauseStatus",
    "Citation",
    "Diagnostic",
    "Reason",
    "ReasonId",
    "Rule",
    "Tally",
    "Threshold",
    "Verdict",
]
