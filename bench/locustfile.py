"""Locust journeys for bench/load.py: people of the largest national trust using Tandem as
they would in a school day. Each simulated user is one person with a signed-in session
(prepared by bench/load.py in LOAD_PEOPLE), following their role's main journey.

  ECT          home, pathway, coaching timeline, pulse page
  mentor       home, their ECT's coaching timeline and pathway
  tutor        school page, protected-time schedule, statutory page, an ECT's record
  headteacher  overview page
  coordinator  trust page, local provision, surveys
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PEOPLE = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text())
_next = [0]


class Person(HttpUser):
    wait_time = between(1, 3)  # reading a page between clicks

    def on_start(self):
        self.me = PEOPLE[_next[0] % len(PEOPLE)]
        _next[0] += 1
        self.client.cookies.set("sessionid", self.me["session"])

    def _get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} for {url}")

    @task
    def journey(self):
        me, pages = self.me, self.me["pages"]
        for name, url in random.sample(pages, k=min(len(pages), 3)):
            self._get(url, f"{me['role']}: {name}")
