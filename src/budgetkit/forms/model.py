"""What a performance form is read into, before it becomes records."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Indicator:
    name: str
    level1: str | None = None
    level2: str | None = None
    goal: str | None = None
    target: str | None = None  # as printed, wrapped parts joined
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    page: int | None = None
    line: int | None = None
    box: tuple[float, float, float, float] | None = None  # where its row is printed on its (first) page


@dataclass
class Goal:
    goal: str
    weight: Decimal | None = None


@dataclass
class Grid:
    """The indicator part of a form: its rows and the goals they are grouped under."""

    indicators: list[Indicator] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
