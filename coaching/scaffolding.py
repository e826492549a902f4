"""Scaffolds that fade: for each framework area, the ECT's current support level and, where
enough targets there have become secure since the last change, a suggestion to lighten it.

Keeping the full structure for an ECT who no longer needs it makes coaching a tick-box and
can make them less effective (the expertise reversal effect), so Tandem suggests; the
mentor decides."""

from dataclasses import dataclass
from datetime import date

from coaching.models import SECURE_TARGETS_TO_FADE, AreaSupport, SupportLevel, Target
from frameworks.models import Area
from people.models import Induction

ORDER = [SupportLevel.MODELLED, SupportLevel.GUIDED, SupportLevel.INDEPENDENT]


@dataclass
class AreaRow:
    area: Area
    level: str
    since: date | None
    suggestion: str | None = None
    reason: str = ""

    @property
    def level_label(self) -> str:
        return SupportLevel(self.level).label.split(":")[0]

    @property
    def suggestion_label(self) -> str:
        return SupportLevel(self.suggestion).label if self.suggestion else ""


def support_by_area(induction: Induction, areas: list[Area]) -> list[AreaRow]:
    """Two queries, whatever the number of areas and targets."""
    latest: dict[int, AreaSupport] = {}
    for change in AreaSupport.objects.filter(induction=induction).order_by("changed_on", "pk"):
        latest[change.area_id] = change
    secure = list(
        Target.objects.filter(induction=induction, status=Target.Status.SECURE).values_list(
            "statement__area_id", "closed_on"
        )
    )
    rows = []
    for area in areas:
        change = latest.get(area.pk)
        level = change.level if change else SupportLevel.MODELLED
        since = change.changed_on if change else None
        row = AreaRow(area, level, since)
        secured = [d for a, d in secure if a == area.pk and (since is None or d >= since)]
        if level != SupportLevel.INDEPENDENT and len(secured) >= SECURE_TARGETS_TO_FADE:
            row.suggestion = ORDER[ORDER.index(level) + 1]
            row.reason = (
                f"{len(secured)} targets in {area.title.lower()} have become secure"
                + (f" since {since:%-d %B}" if since else "")
                + "."
            )
        rows.append(row)
    return rows
