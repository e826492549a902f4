"""Programme content as files, one folder per programme (documented in docs/programme-files.md).

    programme.yaml         the programme, its years and modules, and the order of sessions
    sessions/<slug>.md     one weekly session: YAML front matter, then its summary in Markdown

Import reads a folder or a zip of one; export writes the same files, so a programme survives
a round trip unchanged. Everything is validated before anything is saved.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.db import transaction

from frameworks.models import Framework
from organisations.models import Trust
from pathways.sequencing import find_cycle
from programmes.models import HALF_TERMS, Module, Programme, ProgrammeYear, Session, StudyPart
from tandem.imports import ImportRejected, Problem, check_size, decode_text

PHASES = {"primary", "secondary", "early-years", "special"}
PART_KINDS = {choice.value for choice in StudyPart.Kind}
MENTOR_FIELDS = {
    "focus": "mentor_focus",
    "look_for": "mentor_look_fors",
    "modelling": "mentor_modelling",
    "practice": "mentor_practice",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class SessionSpec:
    slug: str
    title: str
    summary: str
    phases: list[str]
    subjects: list[str]
    statement_codes: list[str]
    parts: list[dict]
    mentor: dict[str, str]
    requires: list[str] = field(default_factory=list)
    variant_group: str = ""


@dataclass
class ModuleSpec:
    slug: str
    title: str
    half_term: int
    summary: str
    sessions: list[SessionSpec] = field(default_factory=list)


@dataclass
class ProgrammeSpec:
    slug: str
    name: str
    description: str
    audience: str
    is_sample: bool
    framework: Framework
    years: dict[int, list[ModuleSpec]]


def read_zip(data: bytes, what: str = "the zip file") -> dict[str, bytes]:
    check_size(data, what)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRejected([Problem(what, "this is not a zip file")]) from None
    files = {
        info.filename: archive.read(info)
        for info in archive.infolist()
        if not info.is_dir() and "__MACOSX" not in info.filename
    }
    # A zip of the folder itself holds 'my-programme/programme.yaml': strip that one prefix.
    roots = {name.split("/", 1)[0] for name in files}
    if "programme.yaml" not in files and len(roots) == 1:
        prefix = roots.pop() + "/"
        files = {name.removeprefix(prefix): content for name, content in files.items()}
    return files


def read_folder(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _load_yaml(text: str, where: str, problems: list[Problem]) -> dict | None:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        problems.append(Problem(f"{where}{line}", f"not valid YAML ({error.problem or error})"))
        return None
    if not isinstance(loaded, dict):
        problems.append(Problem(where, "expected a set of 'key: value' lines"))
        return None
    return loaded


def _text(data: dict, key: str, where: str, problems: list[Problem], required=True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(f"{where}, field '{key}'", "is missing or empty"))
        return ""
    if not isinstance(value, str | int | float):
        problems.append(Problem(f"{where}, field '{key}'", "must be text"))
        return ""
    return str(value).strip()


def _string_list(data: dict, key: str, where: str, problems: list[Problem]) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        problems.append(Problem(f"{where}, field '{key}'", "must be a list, e.g. [a, b]"))
        return []
    return [str(v).strip() for v in value]


def _parse_session(slug: str, files: dict[str, bytes], problems: list[Problem]) -> SessionSpec:
    where = f"sessions/{slug}.md"
    spec = SessionSpec(slug, "", "", [], [], [], [], {})
    if where not in files:
        problems.append(Problem(where, "the module lists this session but the file is missing"))
        return spec
    try:
        text = decode_text(files[where], where)
    except ImportRejected as rejected:
        problems.extend(rejected.problems)
        return spec
    if not text.startswith("---"):
        problems.append(Problem(f"{where}, line 1", "must start with '---' and YAML front matter"))
        return spec
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""
        problems.append(Problem(f"{where}{line}", "the front matter is not valid YAML"))
        return spec
    meta = post.metadata
    spec.title = _text(meta, "title", where, problems)
    spec.summary = post.content.strip()
    spec.phases = _string_list(meta, "phases", where, problems)
    for phase in spec.phases:
        if phase not in PHASES:
            problems.append(
                Problem(
                    f"{where}, field 'phases'", f"unknown phase {phase!r}; use {sorted(PHASES)}"
                )
            )
    spec.subjects = _string_list(meta, "subjects", where, problems)
    spec.statement_codes = _string_list(meta, "statements", where, problems)
    spec.requires = _string_list(meta, "requires", where, problems)
    group = meta.get("variant_group") or ""
    if not isinstance(group, str) or (group and not SLUG.match(group)):
        problems.append(
            Problem(f"{where}, field 'variant_group'", "use lower-case letters, digits and hyphens")
        )
    else:
        spec.variant_group = group
    parts = meta.get("parts") or []
    if not isinstance(parts, list) or not parts:
        problems.append(Problem(f"{where}, field 'parts'", "a session needs at least one part"))
        parts = []
    for number, part in enumerate(parts, start=1):
        part_where = f"{where}, part {number}"
        if not isinstance(part, dict):
            problems.append(Problem(part_where, "expected kind, title, minutes and body"))
            continue
        kind = _text(part, "kind", part_where, problems)
        if kind and kind not in PART_KINDS:
            problems.append(
                Problem(
                    f"{part_where}, field 'kind'",
                    f"unknown kind {kind!r}; use {sorted(PART_KINDS)}",
                )
            )
        minutes = part.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
            problems.append(
                Problem(f"{part_where}, field 'minutes'", "must be a whole number from 1 to 120")
            )
            minutes = 0
        spec.parts.append(
            {
                "kind": kind,
                "title": _text(part, "title", part_where, problems),
                "minutes": minutes,
                "url": _text(part, "url", part_where, problems, required=False),
                "body": _text(part, "body", part_where, problems, required=False),
            }
        )
    mentor = meta.get("mentor") or {}
    if not isinstance(mentor, dict):
        problems.append(Problem(f"{where}, field 'mentor'", f"expected {sorted(MENTOR_FIELDS)}"))
        mentor = {}
    unknown = set(mentor) - set(MENTOR_FIELDS)
    if unknown:
        problems.append(
            Problem(
                f"{where}, field 'mentor'",
                f"unknown keys {sorted(unknown)}; use {sorted(MENTOR_FIELDS)}",
            )
        )
    spec.mentor = {
        key: _text(mentor, key, f"{where}, mentor", problems, required=False)
        for key in MENTOR_FIELDS
    }
    return spec


# A mentor strand is about 20 hours over the year, a little each half term: never more than
# this in one half term, so development is not front-loaded into September.
MENTOR_HALF_TERM_MINUTES = 240


def _check_mentor_pacing(years: dict[int, list[ModuleSpec]], problems: list[Problem]) -> None:
    for number, modules in years.items():
        totals: dict[int, int] = {}
        for module in modules:
            minutes = sum(p["minutes"] for s in module.sessions for p in s.parts)
            totals[module.half_term] = totals.get(module.half_term, 0) + minutes
        for half_term, total in sorted(totals.items()):
            if total > MENTOR_HALF_TERM_MINUTES:
                problems.append(
                    Problem(
                        f"programme.yaml, year {number}, half term {half_term}",
                        f"a mentor strand plans {total} minutes in this half term; at most "
                        f"{MENTOR_HALF_TERM_MINUTES} (4 hours), so that mentors' development "
                        "runs through the year instead of all at the start",
                    )
                )


def parse_programme(files: dict[str, bytes]) -> ProgrammeSpec:
    problems: list[Problem] = []
    if "programme.yaml" not in files:
        raise ImportRejected([Problem("programme.yaml", "the folder has no programme.yaml")])
    head = _load_yaml(
        decode_text(files["programme.yaml"], "programme.yaml"), "programme.yaml", problems
    )
    if head is None:
        raise ImportRejected(problems)
    where = "programme.yaml"
    slug = _text(head, "slug", where, problems)
    if slug and not SLUG.match(slug):
        problems.append(
            Problem(f"{where}, field 'slug'", "use lower-case letters, digits and hyphens")
        )
    audience = _text(head, "audience", where, problems, required=False) or "ect"
    if audience not in Programme.Audience.values:
        problems.append(Problem(f"{where}, field 'audience'", "must be 'ect' or 'mentor'"))
    framework = None
    reference = head.get("framework")
    if not isinstance(reference, dict):
        problems.append(
            Problem(f"{where}, field 'framework'", "give the framework's name and version")
        )
    else:
        framework = Framework.objects.filter(
            name=str(reference.get("name", "")), version=str(reference.get("version", ""))
        ).first()
        if framework is None:
            problems.append(
                Problem(
                    f"{where}, field 'framework'",
                    f"no framework named {reference.get('name')!r} version "
                    f"{reference.get('version')!r} has been imported; import it first",
                )
            )
    years: dict[int, list[ModuleSpec]] = {}
    seen_modules: set[str] = set()
    seen_sessions: set[str] = set()
    raw_years = head.get("years")
    if not isinstance(raw_years, list) or not raw_years:
        problems.append(Problem(f"{where}, field 'years'", "a programme needs at least one year"))
        raw_years = []
    for raw_year in raw_years:
        number = raw_year.get("number") if isinstance(raw_year, dict) else None
        if not isinstance(number, int) or number not in (1, 2) or number in years:
            problems.append(Problem(f"{where}, years", "each year needs a distinct number, 1 or 2"))
            continue
        years[number] = []
        for position, raw_module in enumerate(raw_year.get("modules") or [], start=1):
            module_where = f"{where}, year {number}, module {position}"
            if not isinstance(raw_module, dict):
                problems.append(
                    Problem(module_where, "expected slug, title, half_term and sessions")
                )
                continue
            half_term = raw_module.get("half_term")
            if half_term not in HALF_TERMS or isinstance(half_term, bool):
                problems.append(
                    Problem(f"{module_where}, field 'half_term'", "must be a number from 1 to 6")
                )
            module = ModuleSpec(
                slug=_text(raw_module, "slug", module_where, problems),
                title=_text(raw_module, "title", module_where, problems),
                half_term=half_term,
                summary=_text(raw_module, "summary", module_where, problems, required=False),
            )
            if module.slug in seen_modules:
                problems.append(Problem(module_where, f"module slug {module.slug!r} is used twice"))
            seen_modules.add(module.slug)
            for session_slug in _string_list(raw_module, "sessions", module_where, problems):
                if session_slug in seen_sessions:
                    problems.append(
                        Problem(module_where, f"session {session_slug!r} is listed twice")
                    )
                    continue
                seen_sessions.add(session_slug)
                module.sessions.append(_parse_session(session_slug, files, problems))
            years[number].append(module)
    for name in files:
        session_slug = name.removeprefix("sessions/").removesuffix(".md")
        listed = session_slug in seen_sessions
        if name.startswith("sessions/") and name.endswith(".md") and not listed:
            problems.append(Problem(name, "no module lists this session; add it to programme.yaml"))
    _check_prerequisites(years, problems)
    if audience == Programme.Audience.MENTOR:
        _check_mentor_pacing(years, problems)
    if framework is not None:
        known = set(framework.statements.values_list("code", flat=True))
        for modules in years.values():
            for module in modules:
                for session in module.sessions:
                    for code in session.statement_codes:
                        if code not in known:
                            problems.append(
                                Problem(
                                    f"sessions/{session.slug}.md, field 'statements'",
                                    f"unknown statement {code!r} in {framework}",
                                )
                            )
    if problems:
        raise ImportRejected(problems)
    return ProgrammeSpec(
        slug=slug,
        name=_text(head, "name", where, problems),
        description=_text(head, "description", where, problems, required=False),
        audience=audience,
        is_sample=bool(head.get("sample", False)),
        framework=framework,
        years=years,
    )


def _check_prerequisites(years: dict, problems: list[Problem]) -> None:
    """Each session's 'requires' names sessions of this programme, and never in a circle."""
    sessions = {s.slug: s for modules in years.values() for m in modules for s in m.sessions}
    for slug, session in sessions.items():
        for required in session.requires:
            if required not in sessions:
                problems.append(
                    Problem(
                        f"sessions/{slug}.md, field 'requires'",
                        f"unknown session {required!r}; use the slug of a session listed in "
                        "programme.yaml",
                    )
                )
    cycle = find_cycle({slug: set(s.requires) & sessions.keys() for slug, s in sessions.items()})
    if cycle:
        problems.append(
            Problem(
                f"sessions/{cycle[0]}.md, field 'requires'",
                "the sessions require one another in a circle: " + " → ".join(cycle),
            )
        )


def import_programme(files: dict[str, bytes], *, owner: Trust | None) -> Programme:
    """Create the programme, or bring an existing one (same slug) into line with the files.

    Modules and sessions are matched by slug so that an edit keeps their identity; ones no
    longer in the files are removed.
    """
    spec = parse_programme(files)
    existing = Programme.objects.filter(slug=spec.slug).first()
    if existing is not None and existing.owner_id != (owner.pk if owner else None):
        raise ImportRejected(
            [
                Problem(
                    "programme.yaml, field 'slug'", f"{spec.slug!r} belongs to another organisation"
                )
            ]
        )
    with transaction.atomic():
        programme, _ = Programme.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "audience": spec.audience,
                "is_sample": spec.is_sample,
                "framework": spec.framework,
                "owner": owner,
            },
        )
        statements = {s.code: s for s in spec.framework.statements.all()}
        programme.years.exclude(number__in=spec.years).delete()
        for number, modules in spec.years.items():
            year, _ = ProgrammeYear.objects.get_or_create(programme=programme, number=number)
            year.modules.exclude(slug__in=[m.slug for m in modules]).delete()
            for position, module_spec in enumerate(modules, start=1):
                module, _ = Module.objects.update_or_create(
                    year=year,
                    slug=module_spec.slug,
                    defaults={
                        "position": position,
                        "title": module_spec.title,
                        "half_term": module_spec.half_term,
                        "summary": module_spec.summary,
                    },
                )
                module.sessions.exclude(slug__in=[s.slug for s in module_spec.sessions]).delete()
                for session_position, session_spec in enumerate(module_spec.sessions, start=1):
                    _save_session(module, session_position, session_spec, statements)
        # Prerequisites once every session exists, as one may require a later one.
        by_slug = {s.slug: s for s in Session.objects.filter(module__year__programme=programme)}
        for modules in spec.years.values():
            for module_spec in modules:
                for session_spec in module_spec.sessions:
                    by_slug[session_spec.slug].prerequisites.set(
                        [by_slug[slug] for slug in session_spec.requires]
                    )
    return programme


def _save_session(module: Module, position: int, spec: SessionSpec, statements: dict) -> None:
    # Sessions are matched across the whole programme so one can move between modules.
    session = Session.objects.filter(
        module__year__programme=module.year.programme, slug=spec.slug
    ).first()
    values = {
        "module": module,
        "position": position,
        "title": spec.title,
        "summary": spec.summary,
        "phases": spec.phases,
        "subjects": spec.subjects,
        "variant_group": spec.variant_group,
        **{column: spec.mentor[key] for key, column in MENTOR_FIELDS.items()},
    }
    if session is None:
        session = Session.objects.create(slug=spec.slug, **values)
    else:
        for name, value in values.items():
            setattr(session, name, value)
        session.save()
    session.statements.set([statements[code] for code in spec.statement_codes])
    session.parts.all().delete()
    StudyPart.objects.bulk_create(
        StudyPart(session=session, position=number, **part)
        for number, part in enumerate(spec.parts, start=1)
    )


class _LiteralDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _represent_str)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=100)


def export_programme(programme: Programme) -> dict[str, bytes]:
    """The files that, imported again, give this programme back unchanged."""
    files: dict[str, bytes] = {}
    years = []
    modules = Module.objects.filter(year__programme=programme).select_related("year")
    sessions = (
        Session.objects.filter(module__year__programme=programme)
        .prefetch_related("parts", "statements", "prerequisites")
        .order_by("position")
    )
    by_module: dict[int, list[Session]] = {}
    for session in sessions:
        by_module.setdefault(session.module_id, []).append(session)
    for year in programme.years.all():
        year_modules = []
        for module in (m for m in modules if m.year_id == year.pk):
            entry = {"slug": module.slug, "title": module.title, "half_term": module.half_term}
            if module.summary:
                entry["summary"] = module.summary
            entry["sessions"] = [s.slug for s in by_module.get(module.pk, [])]
            year_modules.append(entry)
            for session in by_module.get(module.pk, []):
                files[f"sessions/{session.slug}.md"] = _session_file(session).encode()
        years.append({"number": year.number, "modules": year_modules})
    head = {
        "slug": programme.slug,
        "name": programme.name,
        "description": programme.description,
        "audience": programme.audience,
        "sample": programme.is_sample,
        "framework": {"name": programme.framework.name, "version": programme.framework.version},
        "years": years,
    }
    files["programme.yaml"] = _dump(head).encode()
    return dict(sorted(files.items()))


def _session_file(session: Session) -> str:
    meta = {
        "title": session.title,
        "phases": session.phases,
        "subjects": session.subjects,
        "statements": [s.code for s in sorted(session.statements.all(), key=lambda s: s.position)],
        **(
            {"requires": sorted(s.slug for s in session.prerequisites.all())}
            if session.prerequisites.all()
            else {}
        ),
        **({"variant_group": session.variant_group} if session.variant_group else {}),
        "parts": [
            {
                key: value
                for key, value in {
                    "kind": part.kind,
                    "title": part.title,
                    "minutes": part.minutes,
                    "url": part.url,
                    "body": part.body,
                }.items()
                if value != ""
            }
            for part in session.parts.all()
        ],
        "mentor": {key: getattr(session, column) for key, column in MENTOR_FIELDS.items()},
    }
    return f"---\n{_dump(meta)}---\n\n{session.summary}\n"


def zip_files(files: dict[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{folder}/{name}", content)
    return buffer.getvalue()
