"""The seed article's gold facts, under DESIGN.md's matching rules."""

import json

import pytest
from seed_gold import GOLD, SEED, check

import rasd

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/examples is not beside the repository")


@pytest.fixture(scope="module")
def seed_rows():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    doc = rasd.analyze(SEED.read_text(encoding="utf-8"), published=gold["published"]).to_dict()
    return check(doc, gold)


@pytest.mark.parametrize("section", ["entity", "time", "quantity", "event"])
def test_every_must_fact_of_the_seed(seed_rows, section):
    missing = [what for sec, level, ok, what in seed_rows if sec == section and level == "must" and not ok]
    assert not missing, f"missing {section} facts: {missing}"


def test_without_publication_date_relative_dates_stay_partial():
    doc = rasd.analyze(SEED.read_text(encoding="utf-8"))
    values = {t.text: t.value for t in doc.times}
    partial = [v for text, v in values.items() if "19 ديسمبر" in text]
    assert partial and partial[0] == "XXXX-12-19"
    assert not any(v.startswith("2010-12-1") for v in values.values())
