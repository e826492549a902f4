"""The protected-time scheduler, with no Django: a problem schema, candidate slots, one
module per hard rule (constraints/) and per preference (objectives/), a CP-SAT solver, a
greedy baseline, explanations for what could not be placed, and an independent validator."""
