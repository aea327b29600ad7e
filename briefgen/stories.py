"""One story once: releases on one event (copies, updates, other outlets' reports)
become one story, looser topics group stories, and every story gets an importance.

Similarity is tf-idf cosine over stemmed content words (idf from the day's releases, so
words every release uses fade out); groups are made by average linkage over each
release's nearest neighbours, so the cost grows with the releases, not their square.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from briefgen.language import detect_language, inflected_pattern, stemmer, stop_words
from briefgen.metadata import bounded_title
from briefgen.models import Document
from briefgen.tokenize import UPPER_LETTERS, split_words, whole_word

if TYPE_CHECKING:  # numpy and scipy load only when a briefing is made, not for one summary
    from scipy import sparse

EVENT_COSINE = 0.25  # releases this similar report the same event
# One publisher's release joins its story through one release alike at EVENT_COSINE and
# when alike on average to all of them at least this: the documents of one summit
# resemble each other less than two reports of one event, yet more than two stories.
EVENT_MEAN_COSINE = 0.2
# Another outlet words an event in its own words, where one publisher's releases on
# related subjects share its wording: across publishers a lower likeness is one event
# (measured on multi-outlet news clusters, EVALUATION.md).
EVENT_COSINE_ACROSS = 0.2
TOPIC_COSINE = 0.12  # looser: releases on one topic
# Releases their inputs date further apart than this are two stories, however alike: in the
# first 2,000 White House releases, 251 of 333 stories of several releases spanned more than
# a week (one spanned 452 days: calls with one country, a year's disaster declarations).
STORY_DAYS = 7
TOPIC_NAME_CHARS = 60
VERSION_COSINE = 0.5  # releases of one story this alike are versions of one text
_COMMON_SHARE = 0.5  # terms in more than half the releases say little about any one
_SKIP_COMMON_FROM = 50  # releases; below this every term counts
PAIR_FLOOR = 0.1  # pairs less alike than this count as unrelated (and cost nothing)
NEIGHBOURS = 30  # a release's most similar others that can join it to a group
_BLOCK_ROWS = 500
_PRODUCT_THREADS = 4  # at most, and no more than the cores
_ROUNDING = 1e-9
CEREMONIAL_WEIGHT = 0.5
# Releases that mark an occasion rather than report a decision: days, anniversaries,
# condolences, greetings. They still appear, below the day's news.
_CEREMONIAL_TITLE = re.compile(
    # "Celebrates World Ocean Day", not "Celebrates Major Progress in Building ...".
    r"\bcelebrat\w*\s+(?:[\w’'-]+\s+){0,4}?(?:day|week|month|anniversary|birthday|holiday|"
    r"new year|festival|jubilee)s?\b|"
    r"\b(?:commemorat\w*|honou?r(?:s|ing)?|anniversary|birthday|passing of|"
    r"death of|condolences?|mourn\w*|memorial|day of|awareness (?:day|week|month)|"
    r"heritage month|history month|proclamation on)\b|"
    r"\b(?:соболезновани|кончин|годовщин|юбиле|поздравлени|памят(?:и|н(?!ик))|"
    r"көңіл айт|құттықта|мерейтой|мерекесі|еске алу)",
    re.I,
)


def is_ceremonial(title: str) -> bool:
    """Whether a title marks an occasion (a day, an anniversary, a death, a greeting)."""
    return bool(_CEREMONIAL_TITLE.search(title))


@dataclass(frozen=True)
class Story:
    """Releases on one event; the first is the one shown."""

    documents: tuple[Document, ...]
    importance: float
    event: int  # stories with the same number report the same event
    topic: str  # the looser topic group's name, for --group-by topic; "" if the story is alone
    likeness: tuple[float, ...] = ()  # each release's tf-idf cosine to the one shown
    weighed_by: tuple[str, ...] = ()  # the terms of its importance, for --explain

    def is_version(self, index: int) -> bool:
        """Whether release ``index`` is a version of the text shown (an update with new
        figures), not another release on the same event: successive RIA reports of one
        election count are 0.80 and more alike, two of one fire 0.52; a readout beside a
        joint statement of one day 0.40 at most."""
        return self.likeness[index] >= VERSION_COSINE

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(document.source for document in self.documents)


def _terms(document: Document) -> Counter[str]:
    stem, ignore = stemmer(document.language), stop_words(document.language)
    words = split_words(f"{document.title} {document.text}".lower())
    return Counter(stem(word) for word in words if word not in ignore and not word.isdigit())


def term_counts(documents: Sequence[Document]) -> list[Counter[str]]:
    """Each release's stemmed content words and how often it uses them."""
    return [_terms(document) for document in documents]


CountTerms = Callable[[Sequence[Document]], list[Counter[str]]]


def tfidf_vectors(
    documents: Sequence[Document], count_terms: CountTerms = term_counts
) -> list[dict[str, float]]:
    """Unit-length tf-idf vectors; idf from these documents. ``count_terms`` may share
    the counting out among processes."""
    counts = count_terms(documents)
    frequency: Counter[str] = Counter()
    for terms in counts:
        frequency.update(terms.keys())
    total = len(documents)
    vectors = []
    for terms in counts:
        vector = {
            term: (1 + math.log(count)) * math.log((1 + total) / (1 + frequency[term])) + 1e-9
            for term, count in terms.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({term: value / norm for term, value in vector.items()})
    return vectors


def term_matrix(vectors: Sequence[dict[str, float]]) -> sparse.csr_matrix:
    """The vectors as rows of a sparse matrix, without the terms most releases use: in a
    large set they cost the most pairs and weigh least (low idf); in a small one they may
    be exactly what three copies of one story share, so they stay."""
    import numpy as np
    from scipy import sparse

    columns: dict[str, int] = {}
    indices: list[int] = []
    values: list[float] = []
    starts = [0]
    for vector in vectors:
        for term, weight in vector.items():
            indices.append(columns.setdefault(term, len(columns)))
            values.append(weight)
        starts.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(values, dtype=float), np.array(indices, dtype=np.int64), np.array(starts)),
        shape=(len(vectors), len(columns)),
    )
    if len(vectors) >= _SKIP_COMMON_FROM:
        frequency = np.bincount(matrix.indices, minlength=len(columns))
        keep = (frequency <= int(len(vectors) * _COMMON_SHARE)).astype(float)
        matrix = (matrix @ sparse.diags(keep)).tocsr()
        matrix.eliminate_zeros()
    return matrix


def similarities(
    vectors: Sequence[dict[str, float]] | sparse.csr_matrix,
    floor: float = PAIR_FLOOR,
    neighbours: int = NEIGHBOURS,
) -> dict[tuple[int, int], float]:
    """Cosine of pairs (i < j) at least ``floor``, each release keeping its ``neighbours``
    most similar (a pair stays when either keeps it). Computed a block of rows at a time:
    memory is a block, and the pairs kept grow with the releases, not their square."""
    import numpy as np
    from scipy import sparse

    matrix = vectors if isinstance(vectors, sparse.csr_matrix) else term_matrix(vectors)
    transposed = matrix.T.tocsr()
    pairs: dict[tuple[int, int], float] = {}
    for start, block in _block_products(matrix, transposed):
        for row in range(block.shape[0]):
            position = start + row
            begin, end = block.indptr[row], block.indptr[row + 1]
            columns, values = block.indices[begin:end], block.data[begin:end]
            kept = (values >= floor) & (columns != position)
            columns, values = columns[kept], values[kept]
            if len(values) > neighbours:  # the most similar; ties to the earlier release
                order = np.lexsort((columns, -values))[:neighbours]
                columns, values = columns[order], values[order]
            for column, value in zip(columns.tolist(), values.tolist(), strict=True):
                pairs[(min(position, column), max(position, column))] = value
    return pairs


def _block_products(
    matrix: sparse.csr_matrix, transposed: sparse.csr_matrix
) -> Iterator[tuple[int, sparse.csr_matrix]]:
    """(first row, its block of rows times ``transposed``), in order. scipy multiplies
    without holding the GIL, so the next blocks are multiplied on other threads while one
    is read; at most one block per thread waits, so memory stays a few blocks."""
    from concurrent.futures import ThreadPoolExecutor

    def product(start: int) -> sparse.csr_matrix:
        return (matrix[start : start + _BLOCK_ROWS] @ transposed).tocsr()

    starts = iter(range(0, matrix.shape[0], _BLOCK_ROWS))
    threads = min(_PRODUCT_THREADS, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        waiting = deque((start, pool.submit(product, start)) for start in islice(starts, threads))
        while waiting:
            start, product_of_block = waiting.popleft()
            following = next(starts, None)
            if following is not None:
                waiting.append((following, pool.submit(product, following)))
            yield start, product_of_block.result()


class _Groups:
    """Union-find over document positions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def members(self) -> dict[int, list[int]]:
        """Each group's positions, by its root."""
        groups: dict[int, list[int]] = defaultdict(list)
        for position in range(len(self.parent)):
            groups[self.find(position)].append(position)
        return groups

    def join(self, a: int, b: int) -> int:
        low, high = sorted((self.find(a), self.find(b)))
        self.parent[high] = low
        return low


def average_link_groups(
    size: int,
    pairs: dict[tuple[int, int], float],
    threshold: float,
    mean_floor: float | None = None,
    publishers: Sequence[str] | None = None,
) -> _Groups:
    """Groups joined through a pair alike at ``threshold`` or more, while the mean
    similarity between all their members stays at least ``threshold`` (average linkage):
    a chain of pairwise-similar releases on different stories does not become one group,
    as it would with single linkage. Two groups of one publisher (``publishers``, by
    position) need a mean of ``mean_floor`` only.

    The summed similarity between every two groups is kept up to date as groups merge,
    so a merge costs the number of groups it touches, not the product of group sizes.
    """
    floor = threshold if mean_floor is None else mean_floor
    groups = _Groups(size)
    # Each group's publisher where all its releases have one, else None (by label).
    publisher: list[str | None] = list(publishers) if publishers else [None] * size
    # Each group's links (summed similarity to each neighbouring group) live under a label
    # that survives merges: a merge moves the shorter list of neighbours into the longer.
    label = list(range(size))  # by union-find root
    count = [1] * size  # by label
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), cosine in pairs.items():
        links[a][b] = cosine
        links[b][a] = cosine
    joinable = sorted(
        ((pair, cosine) for pair, cosine in pairs.items() if cosine >= threshold),
        key=lambda item: (-item[1], item[0]),
    )
    for (a, b), _ in joinable:
        root_a, root_b = groups.find(a), groups.find(b)
        if root_a == root_b:
            continue
        kept, moved = label[root_a], label[root_b]
        mean = links[kept].get(moved, 0.0) / (count[kept] * count[moved])
        one_publisher = publisher[kept] is not None and publisher[kept] == publisher[moved]
        needed = floor if one_publisher else threshold
        if mean < needed - _ROUNDING:  # sums in another order may differ in the last bit
            continue
        if len(links[kept]) < len(links[moved]):
            kept, moved = moved, kept
        label[groups.join(root_a, root_b)] = kept
        count[kept] += count[moved]
        if not one_publisher:
            publisher[kept] = None
        kept_links, moved_links = links[kept], links.pop(moved)
        kept_links.pop(moved, None)
        moved_links.pop(kept, None)
        for other, total in moved_links.items():
            kept_links[other] = kept_links.get(other, 0.0) + total
            neighbour = links[other]
            neighbour[kept] = neighbour.get(kept, 0.0) + neighbour.pop(moved)
    return groups


HOME_SHARE = 0.2  # a country in more titles than this is the publishers' own, not a subject
HOME_SAMPLE = 100  # releases whose texts are read for the country they most name
_OPENING_CHARS = 5000  # of a text, where what it is about is named


def _title_subjects(
    documents: Sequence[Document],
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """The countries each title names as its subject, and the places (those countries and
    the world regions). The publishers' own country tells none apart: one named in more
    than a fifth of the titles ("... Entry Into the United States" on the White House's
    days, Kazakhstan on its foreign ministry's), or the one their texts name most, in more
    than half of them (a day with one title naming "the U.S. Auto Industry" beside one on
    "Autos from China": one story); nor does a region named in more than a fifth."""
    from briefgen.facts import countries, is_lower_cased, regions

    lower = [is_lower_cased(f"{d.title} {d.text[:_OPENING_CHARS]}") for d in documents]
    named = [
        frozenset(countries(d.title, d.language, lower_cased))
        for d, lower_cased in zip(documents, lower, strict=True)
    ]
    home = _in_many(named)
    if any(named):
        # A sample spread over the set, in its (sorted) order: reading every text would
        # cost a second per thousand releases.
        step = max(1, len(documents) // HOME_SAMPLE)
        sample = range(0, len(documents), step)
        in_texts = Counter(
            country
            for i in sample
            for country in frozenset(
                countries(documents[i].text[:_OPENING_CHARS], documents[i].language, lower[i])
            )
        )
        if in_texts:  # the most named; of two named alike, the first by name (not by hash)
            country, count = min(in_texts.items(), key=lambda item: (-item[1], item[0]))
            if count > len(sample) / 2:
                home.add(country)
    subjects = [names - home for names in named]
    in_titles = [
        frozenset(regions(d.title, d.language, lower_cased))
        for d, lower_cased in zip(documents, lower, strict=True)
    ]
    common = _in_many(in_titles)
    places = [
        subject | (names - common) for subject, names in zip(subjects, in_titles, strict=True)
    ]
    return subjects, places


def _in_many(named: Sequence[frozenset[str]]) -> set[str]:
    """The names in more than HOME_SHARE of ``named`` (each title's): the publishers' own."""
    uses = Counter(name for names in named for name in names)
    return {name for name, count in uses.items() if count > HOME_SHARE * len(named)}


def _same_event_candidates(
    documents: Sequence[Document],
    pairs: dict[tuple[int, int], float],
    subjects: Sequence[frozenset[str]],
) -> dict[tuple[int, int], float]:
    """The pairs that may report one event: not two releases whose titles name different
    countries (``subjects``) and none in common (one template, two subjects: a delegation
    to Mauritania and one to Vietnam, the national emergency with respect to Iran and to
    Zimbabwe), nor an occasion and a release that marks none, nor two that their inputs
    date more than STORY_DAYS apart (a month's calls with one country are many stories)."""
    occasion = [is_ceremonial(d.title) for d in documents]
    day = [d.date.toordinal() if d.date and d.dated_by_input else 0 for d in documents]
    return {
        (a, b): cosine
        for (a, b), cosine in pairs.items()
        if not (subjects[a] and subjects[b] and not subjects[a] & subjects[b])
        and occasion[a] == occasion[b]
        and not (day[a] and day[b] and abs(day[a] - day[b]) > STORY_DAYS)
    }


# Releases whose titles name one organisation or meeting by its acronym (the G7, NATO,
# ASEAN, ОДКБ), or one place (a country not the publisher's own, a region: "the Americas",
# "Indo-Pacific") are a summit's, a body's or a visit's documents of the day: alike at
# this cosine they are one story, where other releases need EVENT_COSINE. (On the 40
# busiest White House days the acronyms join three pairs, all one story to a reader: two
# of the G7's Hiroshima documents with its communiqué, two fact sheets on NATO's summit;
# the places make two stories more, both one to a reader: the G7's costs on Russia with
# the letter to Congress on them, two statements on Russia and Ukraine.)
EVENT_COSINE_NAMED = 0.15
_ACRONYM = re.compile(rf"(?<!\w)(?:[{UPPER_LETTERS}]{{2,}}\d*|[A-ZА-ЯЁ]\d+)(?!\w)")


def _title_acronyms(document: Document) -> frozenset[str]:
    """The acronyms a title names that its text uses too and never writes in lower case
    (not "FACT SHEET", nor a title in capitals), countries left out ("UAE", "USA")."""
    from briefgen.facts import is_country_word

    found = set()
    text = document.text[:_OPENING_CHARS]  # an acronym the title names is used early
    for token in set(_ACRONYM.findall(document.title)):
        used = whole_word(token).search(text)
        in_lower_case = used and whole_word(token.lower()).search(text)
        if used and not in_lower_case and not is_country_word(token, document.language):
            found.add(token)
    return frozenset(found)


def _event_likeness(
    documents: Sequence[Document],
    pairs: dict[tuple[int, int], float],
    publishers: Sequence[str],
    places: Sequence[frozenset[str]],
) -> dict[tuple[int, int], float]:
    """``pairs`` scaled as story finding weighs them: two publishers' releases so that
    ``EVENT_COSINE_ACROSS`` between them counts as ``EVENT_COSINE`` within one (another
    outlet tells an event in its own words), two whose titles share an acronym or a place
    (``places``: a country not the publisher's own, a region) so that
    ``EVENT_COSINE_NAMED`` does."""
    named = [
        (_title_acronyms(d) if _ACRONYM.search(d.title) else frozenset()) | named_places
        for d, named_places in zip(documents, places, strict=True)
    ]
    across, by_name = EVENT_COSINE / EVENT_COSINE_ACROSS, EVENT_COSINE / EVENT_COSINE_NAMED
    scaled = {}
    for (a, b), cosine in pairs.items():
        scale = across if publishers[a] != publishers[b] else 1.0
        if named[a] & named[b]:
            scale = max(scale, by_name)
        scaled[(a, b)] = cosine * scale
    return scaled


def _representative_key(document: Document) -> tuple[int, int, int, str]:
    # The newest version is shown (an update supersedes what it updates); among equals the
    # fullest text; ties go to the first path, so input order never matters.
    day, minute = document.when
    return (-day, -minute, -document.word_count, document.source)


def find_stories(
    documents: Sequence[Document],
    merge_duplicates: bool = True,
    count_terms: CountTerms = term_counts,
) -> list[Story]:
    """Releases on one event made one story, and the stories rated; most important first."""
    documents = sorted(documents, key=lambda d: d.source)
    vectors = tfidf_vectors(documents, count_terms)
    matrix = term_matrix(vectors)
    pairs = similarities(matrix)
    subjects, places = _title_subjects(documents)
    publishers = [document.publisher for document in documents]  # a path parsed: once each
    alike = _event_likeness(documents, pairs, publishers, places)
    events = average_link_groups(
        len(documents),
        _same_event_candidates(documents, alike, subjects),
        EVENT_COSINE,
        EVENT_MEAN_COSINE,
        publishers,
    )
    topics = average_link_groups(len(documents), pairs, TOPIC_COSINE)
    # Without merging, every release is a story of its own (an event still ranks them).
    same_story = events if merge_duplicates else _Groups(len(documents))
    members = same_story.members()
    roots = sorted(members)
    topic_members = topics.members()
    topic_names = _topic_names(
        matrix,
        [group for group in topic_members.values() if len({same_story.find(p) for p in group}) > 1],
        documents,
    )
    # Importance: how central a story is to the day (its mean similarity to the other
    # stories), times how many sources carry it.
    centrality = _centrality(matrix, roots)
    stories = []
    for root in roots:
        positions = sorted(members[root], key=lambda p: _representative_key(documents[p]))
        group = tuple(documents[p] for p in positions)
        importance = (0.05 + centrality[root]) * (1 + math.log(len(group)))
        weighed_by = [f"centrality {centrality[root]:.3f}", f"releases {len(group)}"]
        if is_ceremonial(group[0].title):
            importance *= CEREMONIAL_WEIGHT
            weighed_by.append(f"marks an occasion x{CEREMONIAL_WEIGHT:g}")
        topic = topic_names.get(min(topic_members[topics.find(root)]), "")
        shown = vectors[positions[0]]
        likeness = tuple(
            sum(weight * shown.get(term, 0.0) for term, weight in vectors[p].items())
            for p in positions
        )
        stories.append(
            Story(group, importance, events.find(root), topic, likeness, tuple(weighed_by))
        )
    return sorted(stories, key=lambda s: (-s.importance, s.documents[0].source))


def _centrality(matrix: sparse.csr_matrix, roots: list[int]) -> dict[int, float]:
    """Each story's mean similarity to the other stories (its first release's vector):
    one product with the sum of their vectors, not a loop over every pair."""
    import numpy as np

    if len(roots) < 2:
        return dict.fromkeys(roots, 0.0)
    stories = matrix[roots]
    to_all = np.asarray(stories @ np.asarray(stories.sum(axis=0)).ravel()).ravel()
    to_self = np.asarray(stories.multiply(stories).sum(axis=1)).ravel()
    mean = (to_all - to_self) / (len(roots) - 1)
    return {root: float(value) for root, value in zip(roots, mean, strict=True)}


def _topic_names(
    matrix: sparse.csr_matrix, groups: list[list[int]], documents: Sequence[Document]
) -> dict[int, str]:
    """Each group's name, by its first member: the title of its most typical release (the
    one most similar to the group as a whole), a phrase a reader recognises; shortened at
    a word, unless that would give two groups one name."""
    import numpy as np

    titles = {}
    for group in groups:
        rows = matrix[group]
        centre = np.asarray(rows.sum(axis=0)).ravel()
        typical = group[int(np.argmax(rows @ centre))]  # ties: the first release
        titles[group[0]] = documents[typical].title
    short = {first: bounded_title(title, TOPIC_NAME_CHARS) for first, title in titles.items()}
    uses = Counter(short.values())
    return {
        first: name if uses[name] == 1 else bounded_title(titles[first])
        for first, name in short.items()
    }


def _term_pattern(term: str) -> str:
    """A watched term as a pattern: its words in any spacing, and a Russian or Kazakh word
    in any case ("Молдавия" finds "молдавии", "Қазақстан" finds "Қазақстанның")."""
    language = detect_language(term)
    return r"\s+".join(
        inflected_pattern(word, language) if len(word) >= 4 else re.escape(word)
        for word in term.split()
    )


def spelled_terms(terms: Sequence[str]) -> list[str]:
    """Each watched term once (case and spacing aside), as the desk first spelled it."""
    spelled: dict[str, str] = {}
    for term in terms:
        if term.strip():
            spelled.setdefault(" ".join(term.split()).casefold(), " ".join(term.split()))
    return list(spelled.values())


def watch_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``terms`` as whole words, case-insensitively; the group
    that matched (``w0``, ``w1``, ... in ``spelled_terms`` order) says which term it was."""
    return _compiled_watch(tuple(terms))


@cache
def _compiled_watch(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    # Built once per watch-list: every item and every highlighted sentence asks for it.
    spelled = spelled_terms(terms)
    if not spelled:
        return None
    longest_first = sorted(range(len(spelled)), key=lambda i: (-len(spelled[i]), i))
    alternatives = "|".join(f"(?P<w{i}>{_term_pattern(spelled[i])})" for i in longest_first)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def _terms_found(value: str, terms: Sequence[str]) -> list[str]:
    """The watched term of each mention in ``value``, as spelled in the list."""
    pattern = watch_pattern(terms)
    if pattern is None:
        return []
    spelled = spelled_terms(terms)
    return [spelled[int(str(m.lastgroup)[1:])] for m in pattern.finditer(value)]


def watched_terms(documents: Sequence[Document], terms: Sequence[str]) -> tuple[str, ...]:
    """The watch-list terms that ``documents`` mention (title or text), in list order."""
    found = {
        term
        for document in documents
        for term in _terms_found(f"{document.title}\n{document.text}", terms)
    }
    return tuple(term for term in spelled_terms(terms) if term in found)


WATCH_TITLE = 2.0  # a watched term in the title: the story is about it
WATCH_PER_WORDS = 100  # elsewhere, a term counts its mentions per this many words, at most 1


def watch_terms_weight(title: str, text: str, terms: Sequence[str]) -> dict[str, float]:
    """How much each watched term that a release mentions makes it about the watch-list:
    2 when the title names it, else its mentions per 100 words of text, at most 1. A letter
    that lists twenty countries once each in passing is not about them; a readout that
    names Ukraine in every paragraph is."""
    in_title = set(_terms_found(title, terms))
    mentions = Counter(_terms_found(text, terms))
    words = max(1, len(text.split()))
    weights = {}
    for term in spelled_terms(terms):
        if term in in_title:
            weights[term] = WATCH_TITLE
        elif mentions[term]:
            weights[term] = min(1.0, mentions[term] * WATCH_PER_WORDS / words)
    return weights


def watch_weight(title: str, text: str, terms: Sequence[str]) -> float:
    """How much a release is about the watch-list: its terms' weights summed; the story
    ranks by importance x (1 + this)."""
    return summed(watch_terms_weight(title, text, terms))


def summed(weights: dict[str, float]) -> float:
    return round(sum(weights.values()), 6)


def watch_explained(weights: dict[str, float]) -> tuple[str, ...]:
    """Each watched term's part of the watch weight (``watch_terms_weight``), for
    --explain: "watch Ukraine 2.00"."""
    return tuple(f"watch {term} {weight:.2f}" for term, weight in weights.items())
