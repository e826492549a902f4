"""Builds the matcher from the database and stores its suggestions on an item.

The statements come from the framework the ECTs in the item's reach follow (the newest
framework if none do yet); each statement's context is its area's title and the titles of
the sessions mapped to it, so the programme's own words help the match.
"""

from collections import Counter, defaultdict

from django.db import transaction

from frameworks.models import Framework, Statement
from people.models import Induction, Role, RolePeriod
from programmes.models import Programme, Session
from provision.matching import Matcher, Target
from provision.models import ProvisionItem, StatementMatch
from provision.overlaps import scope_filter

SUGGESTIONS = 5


def framework_for(owner) -> Framework | None:
    ects = RolePeriod.objects.current().filter(scope_filter(owner), role=Role.ECT)
    in_use = Counter(
        Induction.objects.filter(
            ect__in=ects.values("person"), programme__isnull=False
        ).values_list("programme__framework", flat=True)
    )
    if in_use:
        return Framework.objects.get(pk=in_use.most_common(1)[0][0])
    return Framework.objects.order_by("-imported_at", "-pk").first()


def statement_matcher(framework: Framework) -> tuple[Matcher, dict[int, Statement]]:
    statements = {
        s.pk: s for s in Statement.objects.filter(framework=framework).select_related("area")
    }
    session_titles = defaultdict(list)
    for statement_id, title in Session.objects.filter(statements__framework=framework).values_list(
        "statements", "title"
    ):
        session_titles[statement_id].append(title)
    targets = [
        Target(s.pk, s.code, s.text, " ".join([s.area.title, *session_titles[s.pk]]))
        for s in statements.values()
    ]
    return Matcher(targets), statements


def item_text(item: ProvisionItem) -> str:
    return f"{item.title}. {item.description}"


@transaction.atomic
def suggest(item: ProvisionItem) -> None:
    """Replace the item's open suggestions with fresh ones; confirmed and rejected matches,
    the coordinator's word, stay as they are."""
    framework = framework_for(item.owner)
    item.matches.filter(status=StatementMatch.Status.SUGGESTED).delete()
    if framework is None:
        return
    matcher, _ = statement_matcher(framework)
    decided = set(item.matches.values_list("statement_id", flat=True))
    rank = 0
    for suggestion in matcher.suggest(item_text(item), SUGGESTIONS + len(decided)):
        if suggestion.target_id in decided:
            continue
        rank += 1
        StatementMatch.objects.create(
            item=item,
            statement_id=suggestion.target_id,
            rank=rank,
            score=round(suggestion.score, 3),
            words=list(suggestion.words),
        )
        if rank == SUGGESTIONS:
            break


def sessions_covering(item: ProvisionItem, programmes) -> list[tuple[Session, list]]:
    """Programme sessions that share statements with the item (confirmed ones, or the
    suggestions while none is confirmed), most shared first."""
    matches = list(item.matches.all())
    confirmed = [m for m in matches if m.status == StatementMatch.Status.CONFIRMED]
    chosen = confirmed or [m for m in matches if m.status == StatementMatch.Status.SUGGESTED]
    codes = {m.statement_id: m.statement for m in chosen}
    found = []
    for session in (
        Session.objects.filter(module__year__programme__in=programmes, statements__in=codes.keys())
        .distinct()
        .select_related("module__year__programme")
        .prefetch_related("statements")
    ):
        shared = [s for s in session.statements.all() if s.pk in codes]
        found.append((session, shared))
    found.sort(
        key=lambda pair: (
            -len(pair[1]),
            pair[0].module.year.number,
            pair[0].module.position,
            pair[0].position,
        )
    )
    return found


def programmes_for(owner):
    ects = RolePeriod.objects.current().filter(scope_filter(owner), role=Role.ECT)
    return Programme.objects.filter(
        audience=Programme.Audience.ECT,
        inductions__ect__in=ects.values("person"),
    ).distinct()
