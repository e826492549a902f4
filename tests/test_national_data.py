"""The national-scale generator, run small: the shape it promises, and it refuses to write
into a database that already holds people."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from coaching.models import Meeting
from organisations.models import School, Trust
from oversight.models import PulseCheck
from people.models import Induction, Mentorship, Role, RolePeriod
from scheduling.models import Slot


def test_a_small_national_data_set_has_the_promised_shape(db, capsys):
    call_command(
        "generate_national", "--trusts", "3", "--schools", "8", "--ects", "40", "--largest", "4"
    )
    assert Trust.objects.count() == 3
    assert School.objects.count() == 8
    assert Trust.objects.get(name="National trust 000").schools.count() == 4
    assert Induction.objects.count() == 40
    assert Mentorship.objects.count() == 40
    assert RolePeriod.objects.filter(role=Role.MENTOR).count() == 40
    assert Slot.objects.count() == 80
    assert Meeting.objects.exists() and PulseCheck.objects.exists()
    assert "the largest trust is" in capsys.readouterr().out


def test_it_refuses_a_database_with_people_in_it(cast):
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "generate_national", "--trusts", "2", "--schools", "3", "--ects", "5", "--largest", "1"
        )
