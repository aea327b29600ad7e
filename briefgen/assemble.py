"""Put the day's items together into a dated ``Briefing``: order, top stories, sections."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from briefgen.config import Editorial, GroupBy, Order
from briefgen.models import Briefing, Item, Section

DEFAULT_TITLE = "Daily briefing"
TOP_SECTION = "Top stories"
REST_SECTION = "More stories"
OTHER_TOPICS = "Other stories"  # --group-by topic: stories no other story shares a topic with
UNDATED = "Undated"


def rank_key(item: Item) -> tuple[float, str]:
    """Most important first; a story about the watch-list weighs 1 + its watch weight times
    more (a title naming a watched term triples it; a passing mention adds little)."""
    return (-item.rank, item.document.source)


def _by_importance(items: list[Item]) -> list[Item]:
    """Most important first, with the items of one event kept together."""
    best: dict[int, tuple[float, str]] = {}
    for item in items:
        key = rank_key(item)
        best[item.event] = min(best.get(item.event, key), key)
    return sorted(items, key=lambda i: (best[i.event], rank_key(i)))


def _by_date(items: list[Item]) -> list[Item]:
    """Newest first; undated last; then by importance."""
    return sorted(
        items,
        key=lambda i: (
            i.document.date is None,
            -(i.document.date.toordinal() if i.document.date else 0),
            -i.importance,
            i.document.source,
        ),
    )


def site_of(item: Item) -> str:
    """The site that published a release, else the folder it came from."""
    return item.document.site or Path(item.document.source).parent.name or "."


_SECTION_OF: dict[GroupBy, Callable[[Item], str]] = {
    GroupBy.SOURCE: site_of,
    GroupBy.TOPIC: lambda item: item.topic or OTHER_TOPICS,
    GroupBy.DATE: lambda item: item.document.date.isoformat() if item.document.date else UNDATED,
}


def _sections(items: list[Item], group_by: GroupBy, untitled: str) -> list[Section]:
    if not items:
        return []
    if group_by is GroupBy.NONE:
        return [Section(untitled, tuple(items))]
    name_of = _SECTION_OF[group_by]
    groups: dict[str, list[Item]] = {}
    for item in items:  # sections come in the order of their first (best) item
        groups.setdefault(name_of(item), []).append(item)
    if group_by is GroupBy.DATE:  # newest day first, undated last
        dated = sorted((name for name in groups if name != UNDATED), reverse=True)
        names = dated + ([UNDATED] if UNDATED in groups else [])
    elif group_by is GroupBy.TOPIC:  # topics in the order of their best item, the rest last
        names = [name for name in groups if name != OTHER_TOPICS]
        names += [OTHER_TOPICS] if OTHER_TOPICS in groups else []
    else:
        names = list(groups)
    return [Section(name, tuple(groups[name])) for name in names]


def distinct_titles(items: list[Item]) -> list[Item]:
    """Titles cut from first sentences that read alike are cut later, just past the first
    word where the sentences differ: no two contents entries alike unless the titles are,
    and each shows what sets it apart."""
    from collections import Counter
    from dataclasses import replace

    from briefgen.metadata import derive_title

    counts = Counter(item.document.title for item in items)
    result = []
    for item in items:
        document = item.document
        if counts[document.title] > 1 and document.title.endswith("…"):
            words = _first_sentence_words(item)
            differs_at = max(
                _first_difference(words, _first_sentence_words(other))
                for other in items
                if other is not item and other.document.title == document.title
            )
            title = derive_title(list(document.paragraphs[:1]), differs_at + 1)
            renamed = replace(document, title=title)
            item = replace(item, summary=replace(item.summary, document=renamed))
        result.append(item)
    return result


def _first_sentence_words(item: Item) -> list[str]:
    from briefgen.tokenize import split_sentences

    paragraphs = item.document.paragraphs
    return split_sentences(paragraphs[0])[0].split() if paragraphs else []


def _first_difference(a: list[str], b: list[str]) -> int:
    for index, (left, right) in enumerate(zip(a, b, strict=False)):
        if left != right:
            return index
    return min(len(a), len(b))


def assemble_briefing(
    items: Iterable[Item],
    *,
    briefing_date: date,
    title: str | None = None,
    editorial: Editorial | None = None,
) -> Briefing:
    """A briefing dated ``briefing_date``: items ordered, top stories first, in sections.

    The result never depends on the order the files were read in.
    """
    editorial = editorial or Editorial()
    ordered = (_by_date if editorial.order is Order.DATE else _by_importance)(list(items))
    ordered = distinct_titles(ordered)
    sections: list[Section] = []
    rest = ordered
    if editorial.top:
        top = sorted(ordered, key=rank_key)[: editorial.top]
        sections.append(Section(TOP_SECTION, tuple(top)))
        rest = [item for item in ordered if item not in top]
    sections.extend(_sections(rest, editorial.group_by, REST_SECTION if sections else ""))
    return Briefing(title=title or DEFAULT_TITLE, date=briefing_date, sections=tuple(sections))
