"""The one place that decides what each person may see and do.

Every view, export and (later) API endpoint asks here. Rules:
- an ECT sees their own induction; a mentor their current mentees'; an induction tutor and a
  headteacher their school's; a trust or LA coordinator the schools of their trust; an
  evaluator only anonymised aggregates of their trust; a programme author their trust's
  programmes and the shared samples;
- another organisation's objects answer 404, so nothing about them leaks; a person who may see
  an organisation but not in the role a page needs gets 403.
Access is judged on today's date: when a role period ends, so does what it opened.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from organisations.models import School, Trust
from people.models import SCHOOL_ROLES, Induction, Mentorship, Role, RolePeriod
from programmes.models import Programme


@dataclass
class Access:
    """The roles one person holds on one day, by organisation."""

    user_id: int | None
    schools: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    trusts: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Trust of each school the person holds a role at, so trust-owned content can be shown.
    school_trusts: set[int] = field(default_factory=set)

    def has(self, role: str) -> bool:
        return bool(self.schools.get(role) or self.trusts.get(role))

    def has_any(self, *roles: str) -> bool:
        return any(self.has(role) for role in roles)

    def school_ids(self, *roles: str) -> set[int]:
        return set().union(*(self.schools.get(role, set()) for role in roles))

    def trust_ids(self, *roles: str) -> set[int]:
        return set().union(*(self.trusts.get(role, set()) for role in roles))


def access_for(user, on: date | None = None) -> Access:
    """One query: the person's current role periods."""
    if not user.is_authenticated:
        return Access(user_id=None)
    # Cached on the user object, which lives for one request.
    cache = user.__dict__.setdefault("_tandem_access", {})
    if on in cache:
        return cache[on]
    access = Access(user_id=user.pk)
    periods = (
        RolePeriod.objects.current(on)
        .filter(person=user)
        .values_list("role", "school_id", "trust_id", "school__trust_id")
    )
    for role, school_id, trust_id, school_trust_id in periods:
        if school_id:
            access.schools[role].add(school_id)
            if school_trust_id:
                access.school_trusts.add(school_trust_id)
        if trust_id:
            access.trusts[role].add(trust_id)
    cache[on] = access
    return access


# Aggregates (evaluators, programme authors) hide any group smaller than this, so nobody is
# identifiable.
MIN_GROUP = 5

# Who may open a school's pages at all, and who may change its people.
SCHOOL_READERS = (Role.INDUCTION_TUTOR, Role.HEADTEACHER)
SCHOOL_MANAGERS = (Role.INDUCTION_TUTOR, Role.HEADTEACHER)


def can_manage_school(user, school: School | None) -> bool:
    """Induction tutors and headteachers change who is where at their school."""
    return school is not None and school.pk in access_for(user).school_ids(*SCHOOL_MANAGERS)


def _linked_to_school(access: Access, school: School) -> bool:
    return school.pk in access.school_ids(*Role.values) or (
        school.trust_id is not None and school.trust_id in access.trust_ids(*Role.values)
    )


def get_school_for(user, pk: int, *, manage: bool = False) -> School:
    """The school, if this person may read (or, with manage=True, change) its induction pages."""
    access = access_for(user)
    school = School.objects.select_related("trust").filter(pk=pk).first()
    if school is None or not _linked_to_school(access, school):
        raise Http404("No such school")
    readers = school.pk in access.school_ids(*SCHOOL_READERS) or (
        school.trust_id in access.trust_ids(Role.COORDINATOR)
    )
    if not readers or (manage and not can_manage_school(user, school)):
        raise PermissionDenied("Your role does not give you this page.")
    return school


def get_trust_for(user, pk: int, role: str) -> Trust:
    access = access_for(user)
    trust = Trust.objects.filter(pk=pk).first()
    if trust is None or not (
        trust.pk in access.trust_ids(*Role.values) or trust.pk in access.school_trusts
    ):
        raise Http404("No such trust")
    if trust.pk not in access.trust_ids(role):
        raise PermissionDenied("Your role does not give you this page.")
    return trust


def visible_inductions(user, on: date | None = None) -> QuerySet[Induction]:
    """Inductions whose records this person may open: own, mentees', school's, trust's."""
    access = access_for(user, on)
    day = on or timezone.localdate()
    mentee_ids = (
        Mentorship.objects.current(day).filter(mentor_id=access.user_id).values("induction")
    )
    placed = RolePeriod.objects.current(day).filter(role=Role.ECT)
    at_my_schools = placed.filter(school_id__in=access.school_ids(*SCHOOL_READERS))
    in_my_trusts = placed.filter(school__trust_id__in=access.trust_ids(Role.COORDINATOR))
    return Induction.objects.filter(
        Q(ect_id=access.user_id)
        | Q(pk__in=mentee_ids)
        | Q(ect_id__in=at_my_schools.values("person"))
        | Q(ect_id__in=in_my_trusts.values("person"))
    )


def get_induction_for(user, pk: int) -> Induction:
    induction = visible_inductions(user).select_related("ect", "programme").filter(pk=pk).first()
    if induction is None:
        raise Http404("No such induction")
    return induction


def current_school_of(induction: Induction, on: date | None = None) -> School | None:
    placement = (
        RolePeriod.objects.current(on)
        .filter(person_id=induction.ect_id, role=Role.ECT)
        .select_related("school")
        .first()
    )
    return placement.school if placement else None


def can_manage_induction(user, induction: Induction) -> bool:
    """Induction tutors and headteachers of the ECT's current school change mentors."""
    return can_manage_school(user, current_school_of(induction))


def is_author(user) -> bool:
    return access_for(user).has(Role.PROGRAMME_AUTHOR)


def require_author(user) -> None:
    if not is_author(user):
        raise PermissionDenied("Only programme authors may do this.")


def author_trusts(user) -> QuerySet[Trust]:
    return Trust.objects.filter(pk__in=access_for(user).trust_ids(Role.PROGRAMME_AUTHOR))


def visible_programmes(user) -> QuerySet[Programme]:
    """Shared samples, the programmes of any trust the person works in, and those followed by
    inductions they may see."""
    access = access_for(user)
    trusts = access.trust_ids(*Role.values) | access.school_trusts
    followed = visible_inductions(user).values("programme")
    return Programme.objects.filter(
        Q(owner__isnull=True) | Q(owner_id__in=trusts) | Q(pk__in=followed)
    ).distinct()


def can_edit_programme(user, programme: Programme) -> bool:
    return programme.owner_id in access_for(user).trust_ids(Role.PROGRAMME_AUTHOR)


def get_programme_for(user, slug: str, *, edit: bool = False) -> Programme:
    programme = (
        visible_programmes(user).select_related("framework", "owner").filter(slug=slug).first()
    )
    if programme is None:
        raise Http404("No such programme")
    if edit and not can_edit_programme(user, programme):
        raise PermissionDenied("Only the owning trust's programme authors may change this.")
    return programme


# Developmental records (coaching) belong to the ECT and their current mentor only. The
# induction tutor and headteacher assess, so they do not see them: that is what lets the
# ECT speak openly. Someone who is both mentor and tutor sees them as the mentor.
def coaching_role(user, induction: Induction) -> str | None:
    if user.pk == induction.ect_id:
        return Role.ECT
    if Mentorship.objects.current().filter(induction=induction, mentor_id=user.pk).exists():
        return Role.MENTOR
    return None


def get_coaching_for(user, pk: int, *, mentor_only: bool = False) -> tuple[Induction, str]:
    """The induction and the hat the person wears in its coaching records; 404 for
    outsiders, 403 for people who may see the ECT but not their coaching."""
    induction = get_induction_for(user, pk)
    role = coaching_role(user, induction)
    if role is None or (mentor_only and role != Role.MENTOR):
        raise PermissionDenied("Coaching records are for the ECT and their mentor.")
    return induction, role


# Assessment records (absences, progress reviews, formal assessments) are statutory. The
# induction tutors and headteacher of the ECT's current school keep them; the ECT sees each
# one once it is complete and confirms formal assessments. A mentor, as mentor, never sees
# them, just as the tutor never sees coaching notes.
ASSESSORS = (Role.INDUCTION_TUTOR, Role.HEADTEACHER)


def assessment_roles(user, induction: Induction) -> frozenset[str]:
    """The hats this person wears for the ECT's assessment records (tutor, head, ECT)."""
    school = current_school_of(induction)
    access = access_for(user)
    roles = {
        role for role in ASSESSORS if school is not None and school.pk in access.school_ids(role)
    }
    if user.pk == induction.ect_id:
        roles.add(Role.ECT)
    return frozenset(roles)


def get_assessments_for(
    user, pk: int, *, assessors_only: bool = False
) -> tuple[Induction, frozenset[str]]:
    """The induction and the person's hats for its assessment records; 404 for outsiders,
    403 for people who may see the ECT but not these records."""
    induction = get_induction_for(user, pk)
    roles = assessment_roles(user, induction)
    if not roles or (assessors_only and not roles & set(ASSESSORS)):
        raise PermissionDenied(
            "Assessment records are for the ECT, their induction tutor and headteacher."
        )
    return induction, roles


def can_assess_school(user, school: School) -> bool:
    """Induction tutors and headteachers keep a school's assessment records."""
    return school.pk in access_for(user).school_ids(*ASSESSORS)


def get_school_assessments_for(user, pk: int) -> School:
    """A school's statutory deadlines and records: its induction tutors and headteacher."""
    school = get_school_for(user, pk)
    if not can_assess_school(user, school):
        raise PermissionDenied("Assessment records are for induction tutors and headteachers.")
    return school


# The pathway is shaped by the ECT and their mentor (the starting-point review, what is
# pulled forward) and followed by the ECT. The induction tutor and headteacher see the plan
# and the reasons behind it, to keep the whole picture coherent, but not the review's notes.
def pathway_role(user, induction: Induction) -> str | None:
    role = coaching_role(user, induction)
    if role is None and assessment_roles(user, induction) & set(ASSESSORS):
        role = Role.INDUCTION_TUTOR
    return role


def get_pathway_for(user, pk: int, *, shape: bool = False) -> tuple[Induction, str]:
    """The induction and the person's role on its pathway; with shape=True only the ECT and
    their mentor, who may change it."""
    induction = get_induction_for(user, pk)
    role = pathway_role(user, induction)
    if role is None or (shape and role not in (Role.ECT, Role.MENTOR)):
        raise PermissionDenied("The pathway is shaped by the ECT and their mentor.")
    return induction, role


# Protected time. A school's induction tutors run and change its schedule; its headteacher
# and the trust's coordinator see it, so they can protect the time; timetables may be
# uploaded by the tutors and by the trust's coordinator, who often holds the MIS exports.
SCHEDULE_VIEW, SCHEDULE_TIMETABLE, SCHEDULE_CHANGE = "view", "timetable", "change"


def can_change_schedule(user, school: School) -> bool:
    return school.pk in access_for(user).school_ids(Role.INDUCTION_TUTOR)


def can_upload_timetable(user, school: School) -> bool:
    return can_change_schedule(user, school) or (
        school.trust_id is not None
        and school.trust_id in access_for(user).trust_ids(Role.COORDINATOR)
    )


def get_schedule_school_for(user, pk: int, *, action: str = SCHEDULE_VIEW) -> School:
    """The school, if this person may see its protected-time schedule (tutors, headteacher,
    coordinator), upload its timetables, or run and change the schedule (tutors only)."""
    school = get_school_for(user, pk)
    if action == SCHEDULE_CHANGE and not can_change_schedule(user, school):
        raise PermissionDenied("Only the school's induction tutors may run or change its schedule.")
    if action == SCHEDULE_TIMETABLE and not can_upload_timetable(user, school):
        raise PermissionDenied("Timetables are uploaded by induction tutors and coordinators.")
    return school


# Pulse checks: a person's answers are theirs; the induction tutors of an ECT's school see
# that ECT's answers (their wellbeing); everyone else sees only aggregates over MIN_GROUP
# people or more. Headteachers and coordinators never see one person's answers.
def sees_ect_pulses(user, school: School) -> bool:
    return school.pk in access_for(user).school_ids(Role.INDUCTION_TUTOR)


def get_mentorship_for_conversation(user, pk: int) -> Mentorship:
    """The tutor–mentor conversation about one pair: the mentor of the pair and the
    induction tutors of the ECT's current school; 404 for anyone else who cannot see the
    ECT, 403 for those who can (the ECT, the headteacher, the coordinator)."""
    mentorship = (
        Mentorship.objects.current()
        .select_related("induction__ect", "mentor")
        .filter(pk=pk)
        .first()
    )
    if mentorship is None:
        raise Http404("No such pair")
    induction = get_induction_for(user, mentorship.induction_id)
    school = current_school_of(induction)
    is_tutor = school is not None and school.pk in access_for(user).school_ids(Role.INDUCTION_TUTOR)
    if not (is_tutor or user.pk == mentorship.mentor_id):
        raise PermissionDenied("This conversation is between the induction tutor and the mentor.")
    return mentorship


# Implementation plans. A trust's plan is written by its coordinators; a school's by its
# induction tutors and headteacher, and read by the trust's coordinators. Members of the
# plan's team and owners of its items read it and tick off their own items.
PLAN_MANAGE, PLAN_READ, PLAN_OWN = "manage", "read", "own"


def can_plan_for(user, *, trust: Trust | None = None, school: School | None = None) -> bool:
    access = access_for(user)
    if trust is not None:
        return trust.pk in access.trust_ids(Role.COORDINATOR)
    return school is not None and school.pk in access.school_ids(*SCHOOL_MANAGERS)


def plan_role(user, plan) -> str | None:
    if can_plan_for(user, trust=plan.trust, school=plan.school):
        return PLAN_MANAGE
    access = access_for(user)
    if plan.school_id and plan.school.trust_id in access.trust_ids(Role.COORDINATOR):
        return PLAN_READ
    if plan.team.filter(person_id=user.pk).exists():
        return PLAN_READ
    if plan.items.filter(owner_id=user.pk).exists():
        return PLAN_OWN
    return None


def get_plan_for(user, pk: int, *, manage: bool = False):
    """The plan and the person's part in it; 404 for anyone with no part, 403 for a
    reader asked to change it."""
    from planning.models import Plan

    plan = Plan.objects.select_related("trust", "school__trust").filter(pk=pk).first()
    role = plan_role(user, plan) if plan else None
    if role is None:
        raise Http404("No such plan")
    if manage and role != PLAN_MANAGE:
        raise PermissionDenied("Only the plan's leaders may change it.")
    return plan, role


# De-privatised mentoring. Everyone who works at a school sees its open classrooms and the
# materials its staff share; mentors, induction tutors and headteachers open their classrooms;
# ECTs book them. What an ECT learned is developmental: see get_coaching_for.
OPEN_CLASSROOM_HOSTS = (Role.MENTOR, Role.INDUCTION_TUTOR, Role.HEADTEACHER)


def get_staff_school_for(user, pk: int) -> School:
    school = School.objects.filter(pk=pk).first()
    if school is None or school.pk not in access_for(user).school_ids(*sorted(SCHOOL_ROLES)):
        raise Http404("No such school")
    return school


def may_host(user, school: School) -> bool:
    return school.pk in access_for(user).school_ids(*OPEN_CLASSROOM_HOSTS)


def may_book(user, school: School) -> bool:
    return school.pk in access_for(user).school_ids(Role.ECT)


# Mentor peer-learning groups: set up by a school's induction tutors (for the school) or a
# trust's coordinators (across it); read and written by their members and facilitator.
def can_set_up_groups(user, *, school: School | None = None, trust: Trust | None = None) -> bool:
    access = access_for(user)
    if school is not None:
        return school.pk in access.school_ids(Role.INDUCTION_TUTOR)
    return trust is not None and trust.pk in access.trust_ids(Role.COORDINATOR)


def get_group_for(user, pk: int, *, facilitate: bool = False):
    from community.models import MentorGroup

    group = (
        MentorGroup.objects.select_related("school", "trust", "facilitator").filter(pk=pk).first()
    )
    if group is None:
        raise Http404("No such group")
    leads = user.pk == group.facilitator_id or can_set_up_groups(
        user, school=group.school, trust=group.trust
    )
    if not leads and not group.members.filter(pk=user.pk).exists():
        raise Http404("No such group")
    if facilitate and not leads:
        raise PermissionDenied("Only the facilitator changes the group.")
    return group, leads


# Local provision (the trust's, LA's or a school's own training for ECTs and mentors). A
# trust's coordinators keep the trust's; a school's induction tutors keep the school's. Both
# can be read by those whose ECTs it affects: the trust's by its schools' tutors and
# headteachers, a school's by its headteacher and its trust's coordinators.
PROVISION_MANAGE, PROVISION_READ = "manage", "read"


def provision_role(user, owner: Trust | School) -> str | None:
    access = access_for(user)
    if isinstance(owner, Trust):
        if owner.pk in access.trust_ids(Role.COORDINATOR):
            return PROVISION_MANAGE
        mine = School.objects.filter(pk__in=access.school_ids(*SCHOOL_READERS), trust=owner)
        return PROVISION_READ if mine.exists() else None
    if owner.pk in access.school_ids(Role.INDUCTION_TUTOR):
        return PROVISION_MANAGE
    if owner.pk in access.school_ids(Role.HEADTEACHER) or (
        owner.trust_id is not None and owner.trust_id in access.trust_ids(Role.COORDINATOR)
    ):
        return PROVISION_READ
    return None


def get_provision_owner_for(user, kind: str, pk: int, *, manage: bool = False):
    """The trust or school whose provision map this is, and the person's part in it."""
    model = Trust if kind == "trust" else School
    owner = model.objects.filter(pk=pk).first()
    return owner, _provision_check(user, owner, manage)


def _provision_check(user, owner, manage: bool) -> str:
    """404 outside the organisation, 403 inside it for a role that has no part in it."""
    access = access_for(user)
    if owner is None:
        raise Http404("No such provision map")
    if isinstance(owner, Trust):
        linked = owner.pk in access.trust_ids(*Role.values) or owner.pk in access.school_trusts
    else:
        linked = _linked_to_school(access, owner)
    if not linked:
        raise Http404("No such provision map")
    role = provision_role(user, owner)
    if role is None:
        raise PermissionDenied("Your role does not give you this page.")
    if manage and role != PROVISION_MANAGE:
        raise PermissionDenied("Only those who keep this provision map may change it.")
    return role


def get_provision_item_for(user, pk: int, *, manage: bool = False):
    from provision.models import ProvisionItem

    item = ProvisionItem.objects.select_related("trust", "school").filter(pk=pk).first()
    return item, _provision_check(user, item.owner if item else None, manage)


# Surveys: a trust's coordinators and evaluators define them and read the results, which are
# aggregated (MIN_GROUP) and nameless; the people invited answer them.
SURVEY_KEEPERS = (Role.COORDINATOR, Role.EVALUATOR)


def can_run_surveys(user, trust: Trust) -> bool:
    return trust.pk in access_for(user).trust_ids(*SURVEY_KEEPERS)


def get_survey_trust_for(user, pk: int) -> Trust:
    access = access_for(user)
    trust = Trust.objects.filter(pk=pk).first()
    if trust is None or not (
        trust.pk in access.trust_ids(*Role.values) or trust.pk in access.school_trusts
    ):
        raise Http404("No such trust")
    if not can_run_surveys(user, trust):
        raise PermissionDenied("Surveys are run by the trust's coordinators and evaluators.")
    return trust


def get_survey_for(user, pk: int):
    from surveys.models import Survey

    survey = Survey.objects.select_related("trust").filter(pk=pk).first()
    if survey is None:
        raise Http404("No such survey")
    get_survey_trust_for(user, survey.trust_id)  # 404 outside the trust, 403 for other roles
    return survey


def get_invited_wave_for(user, pk: int):
    """The wave and this person's invitation to it; 404 for anyone not invited."""
    from surveys.models import Invitation

    invitation = (
        Invitation.objects.select_related("wave__survey")
        .filter(wave_id=pk, person_id=user.pk)
        .first()
    )
    if invitation is None:
        raise Http404("No such survey")
    return invitation


# Evaluation exports: pseudonymous and aggregated, for the trust's evaluators only.
def get_evaluation_trust_for(user, pk: int) -> Trust:
    return get_trust_for(user, pk, Role.EVALUATOR)


# The API. A token acts for its trust or LA only, within the scopes it was given; the objects
# it may reach are found here, by the same rules as the pages: another organisation's school
# is not found (404), a missing scope is refused (403).
def can_manage_api_tokens(user, trust: Trust) -> bool:
    return trust.pk in access_for(user).trust_ids(Role.COORDINATOR)


def require_scope(token, scope: str) -> None:
    if scope not in token.scopes:
        raise PermissionDenied(f"This token does not have the '{scope}' scope.")


def api_schools(token) -> QuerySet[School]:
    return School.objects.filter(trust_id=token.trust_id)


def get_api_school(token, pk: int, scope: str) -> School:
    require_scope(token, scope)
    school = api_schools(token).filter(pk=pk).first()
    if school is None:
        raise Http404("No such school")
    return school
