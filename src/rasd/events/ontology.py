"""PLOVER's 18 categories, their quad classes, and the CAMEO → PLOVER mode table (package data)."""

from __future__ import annotations

from functools import cache
from importlib import resources

PLOVER_QUADS: dict[str, str] = {
    "AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation",
    "SUPPORT": "verbal_cooperation", "CONCEDE": "verbal_cooperation",
    "COOPERATE": "material_cooperation", "AID": "material_cooperation",
    "RETREAT": "material_cooperation", "INVESTIGATE": "material_cooperation",
    "DEMAND": "verbal_conflict", "DISAPPROVE": "verbal_conflict",
    "REJECT": "verbal_conflict", "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict", "CRIME": "material_conflict", "SANCTION": "material_conflict",
    "MOBILIZE": "material_conflict", "COERCE": "material_conflict", "ASSAULT": "material_conflict",
}
CATEGORIES = tuple(PLOVER_QUADS)
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # who is source and who target is arbitrary


@cache
def _cameo_table() -> dict[str, tuple[str, str]]:
    text = resources.files("rasd.events").joinpath("data", "cameo_plover.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, plover, mode = (line.split("\t") + ["", ""])[:3]
            table[code] = (plover, mode)
    return table


def mode_of(cameo: str) -> str | None:
    """PLOVER's mode for a CAMEO code (041 → phone, 173 → arrest), or None."""
    row = _cameo_table().get(cameo)
    return (row[1] or None) if row else None


def plover_of(cameo: str) -> str | None:
    """PLOVER's category for a CAMEO code, or None (01 statements and 02 appeals are not coded)."""
    row = _cameo_table().get(cameo)
    return row[0] if row else None
