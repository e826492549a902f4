"""What the import commands share: turning a rejected import into a readable failure."""

from django.core.management.base import CommandError

from tandem.imports import ImportRejected


def fail_with_problems(rejected: ImportRejected) -> CommandError:
    lines = [f"Nothing was imported. {len(rejected.problems)} problem(s):"]
    lines += [f"  - {problem}" for problem in rejected.problems]
    return CommandError("\n".join(lines))
