"""Score summaries against reference summaries with ROUGE, the way the field does.

ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 with Porter stemming from Google's ``rouge-score``
package (Lsum on newline-separated sentences). Text goes through the same cleaning,
splitting and summarizing as ``summarize``, so what is measured is what users get.
Every method is compared with ``lead`` on the same rows, paired, at the same sentence
count and at the same word count: ROUGE F1 rewards short output when references are short.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import zip_longest
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from briefgen.config import Language, Method, SummaryOptions
from briefgen.errors import InputFileError
from briefgen.ingest import RawRelease
from briefgen.models import Document
from briefgen.pipeline import document_from_raw
from briefgen.summarize import summarize
from briefgen.tokenize import split_sentences

METRICS = ("rouge1", "rouge2", "rougeLsum")
BOOTSTRAP_SAMPLES = 1000
_EVAL_DATE = date(2000, 1, 1)  # dates play no part in scoring; fixed for determinism


@dataclass(frozen=True)
class Row:
    id: str
    documents: tuple[str, ...]  # one for a release, several for a multi-document cluster
    references: tuple[tuple[str, ...], ...]  # each reference as its sentences


def _sentences(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(split_sentences(str(value)))


def read_rows(path: Path, limit: int | None = None) -> list[Row]:
    """Rows of an evaluation JSONL file: ``text`` or ``documents``, and a reference as
    ``summary``, ``summary_sentences`` or several ``references``. Read line by line (a
    ``limit`` reads no further); every problem names the line."""
    rows: list[Row] = []
    try:
        with open_rows(path) as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                rows.append(_row(line, number, path))
                if limit and len(rows) >= limit:
                    break
    except OSError as error:
        raise InputFileError(f"cannot read ({error.strerror or error})", path) from None
    if not rows:
        raise InputFileError("no rows", path)
    return rows


def open_rows(path: Path) -> BinaryIO:
    """A JSONL file opened for reading; a pipe or a device is refused before it can block."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputFileError("not a regular file", path)
        return open(path, "rb")
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except OSError as error:
        raise InputFileError(f"cannot read ({error.strerror or error})", path) from None


def _row(line: bytes, number: int, path: Path) -> Row:
    def bad(message: str) -> InputFileError:
        return InputFileError(f"line {number}: {message}", path)

    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad("not UTF-8") from None
    except json.JSONDecodeError as error:
        raise bad(f"not JSON ({error.msg})") from None
    except RecursionError:
        raise bad("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise bad(f"a JSON {type(record).__name__}, not an object")
    if "documents" in record:
        documents = record["documents"]
        if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
            raise bad("'documents' is not a list of texts")
        documents = tuple(documents)
    elif "text" in record:
        if not isinstance(record["text"], str):
            raise bad("'text' is not text")
        documents = (record["text"],)
    else:
        raise bad("no 'text' or 'documents'")
    try:
        if "references" in record:
            if not isinstance(record["references"], list):
                raise bad("'references' is not a list")
            references = tuple(_sentences(r) for r in record["references"])
        elif "summary_sentences" in record:
            references = (_sentences(record["summary_sentences"]),)
        elif "summary" in record:
            references = (_sentences(record["summary"]),)
        else:
            raise bad("no reference summary")
    except TypeError:
        raise bad("the reference is not text") from None
    return Row(str(record.get("id", number)), documents, references)


def row_document(row: Row, language: Language = Language.AUTO) -> Document:
    """The row's text read as a release; a cluster's documents become its paragraphs."""
    raw = RawRelease(source=row.id, text="\n\n".join(row.documents))
    return document_from_raw(raw, briefing_date=_EVAL_DATE, language=language)


class _Tokenizer:
    """Words for ROUGE in any script (rouge-score's own tokenizer keeps only a-z0-9)."""

    def __init__(self, language: str) -> None:
        from briefgen.language import stemmer
        from briefgen.tokenize import split_words

        self._stem = stemmer(language)
        self._words = split_words

    def tokenize(self, text: str) -> list[str]:
        return [self._stem(word.lower()) for word in self._words(text)]


def _scorer(language: str) -> Any:
    from rouge_score import rouge_scorer

    if language == "en":  # the reference implementation, as published results use it
        return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=_Tokenizer(language))


def rouge(
    summary: Sequence[str], references: Sequence[Sequence[str]], scorer: Any
) -> dict[str, float]:
    """F1 x 100 per metric; with several references, the best per metric."""
    prediction = "\n".join(summary)
    best = dict.fromkeys(METRICS, 0.0)
    for reference in references:
        scores = scorer.score("\n".join(reference), prediction)
        for metric in METRICS:
            best[metric] = max(best[metric], 100 * scores[metric].fmeasure)
    return best


def truncate_words(sentences: Sequence[str], budget: int) -> list[str]:
    """The first ``budget`` words of ``sentences``, sentence boundaries kept."""
    kept: list[str] = []
    left = budget
    for sentence in sentences:
        if left <= 0:
            break
        words = sentence.split()
        kept.append(" ".join(words[:left]))
        left -= len(words)
    return kept


@dataclass
class MethodRun:
    method: str
    scores: list[dict[str, float]] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    lead_same_words: list[dict[str, float]] = field(default_factory=list)
    predictions: list[list[str]] = field(default_factory=list)


BRIEFING = "briefing"
# The multi-document baseline: each document's first sentence, then each one's second, ...
FIRST_OF_EACH = "first-of-each"


def releases(row: Row, options: SummaryOptions) -> list[Document]:
    """A row's documents, each read as a release (an empty one is left out)."""
    documents = []
    for number, text in enumerate(row.documents):
        raw = RawRelease(source=f"{row.id}/{number}", text=text)
        try:
            documents.append(
                document_from_raw(raw, briefing_date=_EVAL_DATE, language=options.language)
            )
        except InputFileError:
            continue  # an empty document in a cluster
    return documents


def _cut(sentences: Sequence[str], options: SummaryOptions) -> list[str]:
    if options.words is not None:
        return truncate_words(sentences, options.words)
    return list(sentences[: options.sentences])


def briefing_text(documents: Sequence[Document], options: SummaryOptions) -> list[str]:
    """The text of the briefing of a row's documents (its ``releases``), read as one day's
    releases: every item summarized within the budget, items in briefing order, cut to the
    budget."""
    from briefgen.config import Editorial
    from briefgen.pipeline import briefing_of

    if not documents:
        return []
    briefing = briefing_of(
        list(documents), options, Editorial(), briefing_date=_EVAL_DATE, title=None
    )
    return _cut([sentence for item in briefing.items for sentence in item.sentences], options)


def first_of_each(documents: Sequence[Document], options: SummaryOptions) -> list[str]:
    """The first sentences of each of a row's documents (its ``releases``) in turn, cut to
    the budget."""
    by_document = [_all_sentences(document) for document in documents]
    in_turn = [s for rank in zip_longest(*by_document) for s in rank if s is not None]
    return _cut(in_turn, options)


def run(
    rows: Sequence[Row],
    methods: Sequence[Method],
    options: SummaryOptions,
    progress: Any = None,
    *,
    briefing: bool = False,
) -> dict[str, MethodRun]:
    """Summaries and scores of every row for ``lead`` and each of ``methods`` (and, with
    ``briefing``, the briefing of the row's documents with the default method, and the
    first sentences of each document in turn)."""
    names = [Method.LEAD.value, *(m.value for m in methods)]
    names += [BRIEFING, FIRST_OF_EACH] if briefing else []
    runs = {name: MethodRun(name) for name in names}
    for index, row in enumerate(rows):
        document = row_document(row, options.language)
        scorer = _scorer(document.language)
        lead_all = _all_sentences(document)  # the lead cut to each method's length
        cluster = releases(row, options) if briefing else []  # read once for both
        for method_name, method_run in runs.items():
            if method_name == BRIEFING:
                sentences = briefing_text(cluster, options)
            elif method_name == FIRST_OF_EACH:
                sentences = first_of_each(cluster, options)
            else:
                method = Method(method_name)
                sentences = list(summarize(document, replace(options, method=method)).sentences)
            method_run.predictions.append(sentences)
            method_run.scores.append(rouge(sentences, row.references, scorer))
            words = sum(len(s.split()) for s in sentences)
            method_run.words.append(words)
            method_run.lead_same_words.append(
                rouge(truncate_words(lead_all, words), row.references, scorer)
            )
        if progress:
            progress(index + 1, len(rows))
    return runs


def _all_sentences(document: Document) -> list[str]:
    return [s for paragraph in document.paragraphs for s in split_sentences(paragraph)]


def _bootstrap(values: Sequence[float], samples: int = BOOTSTRAP_SAMPLES) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean (fixed seed: reports reproduce)."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(0)
    means = data[rng.integers(0, len(data), size=(samples, len(data)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _stat(values: Sequence[float]) -> dict[str, float]:
    low, high = _bootstrap(values)
    return {"mean": sum(values) / len(values), "low": low, "high": high}


def report(runs: dict[str, MethodRun]) -> dict[str, Any]:
    """Means, intervals and paired differences with lead, as one JSON-ready record."""
    lead = runs[Method.LEAD.value]
    result: dict[str, Any] = {"rows": len(lead.scores), "methods": {}}
    for name, method_run in runs.items():
        entry: dict[str, Any] = {
            metric: _stat([s[metric] for s in method_run.scores]) for metric in METRICS
        }
        entry["words"] = sum(method_run.words) / len(method_run.words)
        if name != Method.LEAD.value:
            entry["vs_lead_same_sentences"] = {
                metric: _stat(
                    [
                        a[metric] - b[metric]
                        for a, b in zip(method_run.scores, lead.scores, strict=True)
                    ]
                )
                for metric in METRICS
            }
            entry["vs_lead_same_words"] = {
                metric: _stat(
                    [
                        a[metric] - b[metric]
                        for a, b in zip(method_run.scores, method_run.lead_same_words, strict=True)
                    ]
                )
                for metric in METRICS
            }
        result["methods"][name] = entry
    return result


def below_lead(record: dict[str, Any]) -> list[str]:
    """Methods whose mean ROUGE-1 is below lead's on the same rows at the same sentence
    count (the paired difference), each as ``name (difference)``."""
    return [
        f"{name} ({entry['vs_lead_same_sentences']['rouge1']['mean']:+.2f})"
        for name, entry in record["methods"].items()
        if "vs_lead_same_sentences" in entry
        and entry["vs_lead_same_sentences"]["rouge1"]["mean"] < 0
    ]


def _fmt(stat: dict[str, float], signed: bool = False) -> str:
    sign = "+" if signed else ""
    return f"{stat['mean']:{sign}.2f} [{stat['low']:{sign}.2f}, {stat['high']:{sign}.2f}]"


def format_report(record: dict[str, Any]) -> Iterator[str]:
    """The report as text lines: one table of scores, one of paired differences."""
    width = max(12, *(len(name) for name in record["methods"]))
    yield f"rows: {record['rows']}   (ROUGE F1 x 100, mean [95% bootstrap interval])"
    yield f"{'method':<{width}} {'ROUGE-1':<22} {'ROUGE-2':<22} {'ROUGE-Lsum':<22} words"
    for name, entry in record["methods"].items():
        cells = " ".join(f"{_fmt(entry[m]):<22}" for m in METRICS)
        yield f"{name:<{width}} {cells} {entry['words']:.1f}"
    for key, label in (
        ("vs_lead_same_sentences", "same sentence count"),
        ("vs_lead_same_words", "same word count (lead cut to the method's words)"),
    ):
        lines = [
            f"{name:<{width}} "
            + " ".join(f"{_fmt(entry[key][m], signed=True):<22}" for m in METRICS)
            for name, entry in record["methods"].items()
            if key in entry
        ]
        if lines:
            yield ""
            yield f"difference with lead, paired, {label}:"
            yield from lines


def predictions_jsonl(rows: Sequence[Row], runs: dict[str, MethodRun]) -> str:
    """One JSON line per row and method: id, method, summary."""
    lines = []
    for name, method_run in runs.items():
        for row, sentences in zip(rows, method_run.predictions, strict=True):
            lines.append(
                json.dumps({"id": row.id, "method": name, "summary": sentences}, ensure_ascii=False)
            )
    return "\n".join(lines) + "\n"


# --- editor labels: which sentences a reader needs ------------------------------------

# A chosen sentence is the labelled one when their word sets overlap this much (Jaccard):
# a better splitter or markup removal changes a sentence's edges, not its words.
MATCH_JACCARD = 0.6
EDITOR_FIGURES = ("news_precision", "junk_rate", "pick_agreement", "top_pick_recall")


@dataclass(frozen=True)
class EditorRow:
    id: str
    kind: str
    title: str
    text: str
    picks: tuple[str, ...]  # the sentences to print, most important first
    news: tuple[str, ...]  # every sentence carrying the news (the picks among them)
    junk: tuple[str, ...]  # sentences never to print


def first_record(path: Path) -> dict[str, Any] | None:
    """The first row of a JSONL file, if it is a JSON object (to tell kinds of file apart)."""
    with open_rows(path) as stream:
        for line in stream:
            if line.strip():
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError):
                    return None
                return record if isinstance(record, dict) else None
    return None


def is_editor_file(path: Path) -> bool:
    """Whether the first row of a JSONL file carries editor labels (``picks``)."""
    record = first_record(path)
    return record is not None and "picks" in record


T = TypeVar("T")


def _read_labelled(
    path: Path, limit: int | None, parse: Callable[[dict[str, Any], int], T], what: str
) -> list[T]:
    """The rows of a labelled JSONL file, each made by ``parse``; a row it cannot make is
    an error naming the line and what a row should hold."""
    rows: list[T] = []
    with open_rows(path) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                rows.append(parse(json.loads(line.decode("utf-8")), number))
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                raise InputFileError(f"line {number}: not {what}", path) from None
            if limit and len(rows) >= limit:
                break
    if not rows:
        raise InputFileError("no rows", path)
    return rows


def _editor_row(record: dict[str, Any], number: int) -> EditorRow:
    return EditorRow(
        id=str(record.get("id", number)),
        kind=str(record.get("kind", "")) or "other",
        title=str(record.get("title", "")),
        text=str(record["text"]),
        picks=tuple(str(s) for s in record["picks"]),
        news=tuple(str(s) for s in record.get("news", record["picks"])),
        junk=tuple(str(s) for s in record.get("junk", [])),
    )


def read_editor_rows(path: Path, limit: int | None = None) -> list[EditorRow]:
    return _read_labelled(path, limit, _editor_row, "an editor row (text, picks, news, junk)")


def word_set(sentence: str) -> frozenset[str]:
    from briefgen.tokenize import split_words

    return frozenset(word.lower() for word in split_words(sentence))


def matches(sentence: frozenset[str], labelled: Sequence[frozenset[str]]) -> bool:
    return any(
        other and len(sentence & other) / len(sentence | other) >= MATCH_JACCARD
        for other in labelled
    )


def editor_figures(row: EditorRow, chosen: Sequence[str]) -> dict[str, float]:
    """Counts behind the four figures for one release (summed over releases by the
    report): chosen sentences that are news, junk, picks; whether the first pick is in."""
    words = [word_set(sentence) for sentence in chosen]
    news, junk, picks = ([word_set(s) for s in group] for group in (row.news, row.junk, row.picks))
    return {
        "chosen": len(words),
        "news": sum(matches(w, news) for w in words),
        "junk": sum(matches(w, junk) for w in words),
        "picks": sum(matches(w, picks) for w in words),
        "top_pick": float(bool(picks) and matches(picks[0], words)),
    }


def editor_document(row: EditorRow, language: Language = Language.AUTO) -> Document:
    raw = RawRelease(source=row.id, text=row.text, title=row.title or None, title_source="eval")
    return document_from_raw(raw, briefing_date=_EVAL_DATE, language=language)


def run_editor(
    rows: Sequence[EditorRow],
    methods: Sequence[Method],
    options: SummaryOptions,
    progress: Any = None,
) -> dict[str, list[dict[str, float]]]:
    """Per method (lead first), the counts of every row."""
    names = [Method.LEAD, *(m for m in methods if m is not Method.LEAD)]
    runs: dict[str, list[dict[str, float]]] = {m.value: [] for m in names}
    for index, row in enumerate(rows):
        document = editor_document(row, options.language)
        for method in names:
            chosen = summarize(document, replace(options, method=method)).sentences
            runs[method.value].append(
                {**editor_figures(row, chosen), "summary": list(chosen)}  # type: ignore[dict-item]
            )
        if progress:
            progress(index + 1, len(rows))
    return runs


def _editor_stat(counts: Sequence[dict[str, float]], samples: int = BOOTSTRAP_SAMPLES) -> Any:
    """The four figures (x 100) with 95% bootstrap intervals over releases."""
    import numpy as np

    table = np.asarray(
        [[c["chosen"], c["news"], c["junk"], c["picks"], c["top_pick"]] for c in counts], float
    )

    def figures(rows: Any) -> Any:
        chosen = np.maximum(rows[..., 0].sum(axis=-1), 1)
        return np.stack(
            [
                100 * rows[..., 1].sum(axis=-1) / chosen,
                100 * rows[..., 2].sum(axis=-1) / chosen,
                100 * rows[..., 3].sum(axis=-1) / chosen,
                100 * rows[..., 4].mean(axis=-1),
            ],
            axis=-1,
        )

    rng = np.random.default_rng(0)
    resampled = figures(table[rng.integers(0, len(table), size=(samples, len(table)))])
    low, high = np.percentile(resampled, [2.5, 97.5], axis=0)
    result: dict[str, Any] = {
        name: {"mean": float(mean), "low": float(lo), "high": float(hi)}
        for name, mean, lo, hi in zip(EDITOR_FIGURES, figures(table), low, high, strict=True)
    }
    result["sentences"] = float(table[:, 0].mean())
    return result


def editor_report(
    rows: Sequence[EditorRow], runs: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Overall and per-kind figures of every method, as one JSON-ready record."""
    kinds = sorted({row.kind for row in rows})
    record: dict[str, Any] = {"rows": len(rows), "methods": {}}
    for name, counts in runs.items():
        entry = {"all": _editor_stat(counts)}
        for kind in kinds:
            entry[kind] = _editor_stat(
                [c for c, r in zip(counts, rows, strict=True) if r.kind == kind]
            )
            entry[kind]["rows"] = sum(r.kind == kind for r in rows)
        record["methods"][name] = entry
    return record


def format_editor_report(record: dict[str, Any]) -> Iterator[str]:
    width = max(12, *(len(name) for name in record["methods"]))
    yield (
        f"rows: {record['rows']}   (editor labels; % of chosen sentences, mean [95% bootstrap"
        " interval]; top-pick recall: % of releases)"
    )
    header = " ".join(f"{name.replace('_', ' '):<22}" for name in EDITOR_FIGURES)
    yield f"{'method':<{width}} {header} sentences"
    for name, entry in record["methods"].items():
        cells = " ".join(f"{_fmt(entry['all'][f]):<22}" for f in EDITOR_FIGURES)
        yield f"{name:<{width}} {cells} {entry['all']['sentences']:.2f}"
    kinds = [k for k in next(iter(record["methods"].values())) if k != "all"]
    yield ""
    yield "by kind (news precision / junk rate / top-pick recall):"
    yield f"{'kind':<14} rows " + " ".join(f"{name:<18}" for name in record["methods"])
    for kind in kinds:
        cells = " ".join(
            " / ".join(
                f"{entry[kind][figure]['mean']:5.1f}"
                for figure in ("news_precision", "junk_rate", "top_pick_recall")
            )
            for entry in record["methods"].values()
        )
        rows = next(iter(record["methods"].values()))[kind]["rows"]
        yield f"{kind:<14} {rows:>4} {cells}"


def editor_predictions_jsonl(
    rows: Sequence[EditorRow], runs: dict[str, list[dict[str, Any]]]
) -> str:
    """One JSON line per row and method: id, kind, method, summary."""
    lines = [
        json.dumps(
            {"id": row.id, "kind": row.kind, "method": name, "summary": counts["summary"]},
            ensure_ascii=False,
        )
        for name, per_row in runs.items()
        for row, counts in zip(rows, per_row, strict=True)
    ]
    return "\n".join(lines) + "\n"


Requirement = tuple[str, str, float]  # figure, ">=" or "<=", value


def parse_requirement(
    text: str, figures: Sequence[str] = (*EDITOR_FIGURES, "sentences")
) -> Requirement:
    """ "news_precision>=74" -> ("news_precision", ">=", 74.0)."""
    from briefgen.errors import UsageError

    for operator in (">=", "<="):
        name, found, value = text.partition(operator)
        if found:
            name = name.strip()
            if name not in figures:
                raise UsageError(f"--require: unknown figure {name!r}")
            try:
                return name, operator, float(value)
            except ValueError:
                break
    raise UsageError(f"--require: expected FIGURE>=N or FIGURE<=N, got {text!r}")


def unmet(record: dict[str, Any], requirements: Sequence[Requirement]) -> list[str]:
    """Each method's overall figure that misses a requirement, as ``method figure value``."""
    missed = []
    for method, entry in record["methods"].items():
        if method == Method.LEAD.value:
            continue
        for name, operator, value in requirements:
            stat = entry["all"][name]
            actual = stat["mean"] if isinstance(stat, dict) else stat
            if (actual < value) if operator == ">=" else (actual > value):
                missed.append(f"{method} {name} {actual:.2f} (needs {operator} {value:g})")
    return missed


# --- editor's days: is the briefing's top what the editor put on top? ------------------

DAY_FIGURES = ("top3_recall", "top1_hit", "distinct_at_3", "items_per_story")


@dataclass(frozen=True)
class EditorDay:
    date: str
    releases: tuple[RawRelease, ...]  # source = the release's id in the day ("rid")
    groups: tuple[tuple[str, ...], ...]  # the releases an editor reads as one story
    top: tuple[tuple[str, ...], ...]  # the day's three most important stories, in order


def is_days_file(path: Path) -> bool:
    """Whether the first row of a JSONL file is an editor's day (``releases``, ``groups``)."""
    record = first_record(path)
    return record is not None and "groups" in record and "releases" in record


def _editor_day(record: dict[str, Any], number: int) -> EditorDay:
    releases = tuple(
        RawRelease(
            str(r["rid"]),
            str(r["text"]),
            title=str(r.get("title") or "") or None,
            title_source="eval",
        )
        for r in record["releases"]
    )
    return EditorDay(
        str(record.get("date", number)),
        releases,
        tuple(tuple(str(rid) for rid in group) for group in record["groups"]),
        tuple(tuple(str(rid) for rid in group) for group in record["top"]),
    )


def read_days(path: Path, limit: int | None = None) -> list[EditorDay]:
    return _read_labelled(path, limit, _editor_day, "an editor's day (releases, groups, top)")


def day_figures(day: EditorDay, items: Sequence[Sequence[str]]) -> dict[str, float]:
    """The day's figures for a briefing given as its items' sources, in order."""
    story_of = {rid: number for number, group in enumerate(day.groups) for rid in group}
    top = [story_of[group[0]] for group in day.top if group and group[0] in story_of]
    stories = [story_of.get(sources[0], -1 - i) for i, sources in enumerate(items)]
    first_three = stories[:3]
    covered = {story_of.get(rid) for sources in items for rid in sources} - {None}
    return {
        "top3_recall": 100 * len(set(top) & set(first_three)) / max(1, len(top)),
        "top1_hit": 100.0 * bool(first_three and top and first_three[0] == top[0]),
        "distinct_at_3": 100 * len(set(first_three)) / max(1, len(first_three)),
        "items_per_story": len(items) / max(1, len(covered)),
    }


def run_days(
    days: Sequence[EditorDay], options: SummaryOptions, editorials: dict[str, Any]
) -> dict[str, list[dict[str, float]]]:
    """Per named editorial setting, each day's figures for its briefing."""
    from briefgen.pipeline import briefing_of

    runs: dict[str, list[dict[str, float]]] = {name: [] for name in editorials}
    for day in days:
        documents = [
            document_from_raw(raw, briefing_date=_EVAL_DATE, language=options.language)
            for raw in day.releases
        ]
        for name, editorial in editorials.items():
            briefing = briefing_of(
                documents, options, editorial, briefing_date=_EVAL_DATE, title=None
            )
            runs[name].append(day_figures(day, [item.sources for item in briefing.items]))
    return runs


def days_report(runs: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    return {
        "days": len(next(iter(runs.values()))),
        "settings": {
            name: {f: sum(d[f] for d in per_day) / len(per_day) for f in DAY_FIGURES}
            for name, per_day in runs.items()
        },
    }


def format_days_report(record: dict[str, Any]) -> Iterator[str]:
    yield f"days: {record['days']}   (means over days)"
    yield (
        f"{'briefing':<24} {'top-3 recall':>13} {'top-1 hit':>10} {'distinct@3':>11} "
        f"{'items/story':>12}"
    )
    for name, figures in record["settings"].items():
        yield (
            f"{name:<24} {figures['top3_recall']:>13.1f} {figures['top1_hit']:>10.1f} "
            f"{figures['distinct_at_3']:>11.1f} {figures['items_per_story']:>12.2f}"
        )


def unmet_days(
    settings: dict[str, dict[str, float]], requirements: Sequence[Requirement]
) -> list[str]:
    """Each briefing setting's figure that misses a requirement."""
    missed = []
    for setting, figures in settings.items():
        for name, operator, value in requirements:
            actual = figures[name]
            if (actual < value) if operator == ">=" else (actual > value):
                missed.append(f"{setting} {name} {actual:.2f} (needs {operator} {value:g})")
    return missed
