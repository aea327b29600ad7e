"""Key facts measured on a labelled sample (issue #12): 50 releases in English, Russian and
Kazakh (tests/data/facts_sample.jsonl), each fact briefgen prints judged by hand as right
(a country the text means; a person, organisation, place, programme or law it names) or
wrong (an office, a fragment, a common term such as "AI"). Precision must stay at 90% or
more; a fact no one has judged yet fails the test, so that a change to the rules is judged
on purpose (add it to "right" or "wrong" after reading the release).

The releases come from ../shared/data (White House, RIA; their items are skipped where it
is absent), samples/, and short texts written for this sample (kept in the file).
"""

from __future__ import annotations

import json
from functools import cache

from briefgen.facts import key_facts
from briefgen.ingest import RawRelease
from briefgen.pipeline import document_from_raw

from .conftest import ROOT, SHARED_DATA

SAMPLE = ROOT / "tests" / "data" / "facts_sample.jsonl"
PRECISION_AT_LEAST = 90.0


@cache
def _shared(name: str) -> dict[str, dict]:
    path = SHARED_DATA / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as lines:
        return {row["id"]: row for row in map(json.loads, lines)}


def _release(item: dict) -> tuple[str, str | None] | None:
    """The text and title of a sample item, or None where its data is absent."""
    if "text" in item:
        return item["text"], None
    if item["data"] == "samples":
        return (ROOT / "samples" / item["id"]).read_text(encoding="utf-8"), None
    rows = _shared(
        {
            "whitehouse": "whitehouse/whitehouse_briefing_room.jsonl",
            "ria": "ria_ru/ria_news_ru20.jsonl",
        }[item["data"]]
    )
    row = rows.get(item["id"])
    return (row["text"], row.get("title")) if row else None


def _facts(text: str, title: str | None) -> list[str]:
    raw = RawRelease("sample", text, title=title, title_source="given" if title else "")
    document = document_from_raw(raw, briefing_date=None)
    facts = key_facts(document.text, document.language)
    return [*facts.countries, *facts.names]


def test_key_facts_are_at_least_90_percent_right_on_the_labelled_sample() -> None:
    items = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 50
    assert {item["language"] for item in items} == {"en", "ru", "kk"}
    right = wrong = 0
    unjudged = []
    for item in items:
        release = _release(item)
        if release is None:
            continue
        for fact in _facts(*release):
            if fact in item["right"]:
                right += 1
            elif fact in item["wrong"]:
                wrong += 1
            else:
                unjudged.append(f"{item['id']}: {fact}")
    assert not unjudged, "facts no one has judged; read the release and label them:\n" + "\n".join(
        unjudged
    )
    assert right + wrong > 0
    precision = 100 * right / (right + wrong)
    assert precision >= PRECISION_AT_LEAST, f"precision {precision:.1f}%"
