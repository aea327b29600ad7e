"""briefgen eval: reading rows, ROUGE, paired differences, the command itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import ExitCode, InputFileError
from briefgen.evaluate import _scorer, read_rows, rouge, truncate_words

from .conftest import shared_file

runner = CliRunner()
ARTICLE = (
    "The ministers met in Astana on Monday to discuss water. They agreed on a joint plan. "
    "The weather was sunny. Lunch was served at noon. The plan covers the Syr Darya."
)


def _rows(tmp_path: Path) -> Path:
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "a", "text": ARTICLE, "summary": "Ministers agreed on a joint water plan."},
        {
            "id": "b",
            "text": ARTICLE,
            "summary_sentences": ["Ministers met in Astana.", "A plan was agreed."],
        },
        {
            "id": "c",
            "documents": [ARTICLE, "Another report. The plan was signed."],
            "references": ["A water plan.", "The ministers agreed a plan."],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_read_rows_all_shapes(tmp_path: Path) -> None:
    rows = read_rows(_rows(tmp_path))
    assert [r.id for r in rows] == ["a", "b", "c"]
    assert rows[1].references == (("Ministers met in Astana.", "A plan was agreed."),)
    assert len(rows[2].documents) == 2
    assert len(rows[2].references) == 2


def test_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x"}\n')
    with pytest.raises(InputFileError, match="no reference"):
        read_rows(path)
    path.write_text("not json\n")
    with pytest.raises(InputFileError, match="line 1: not JSON"):
        read_rows(path)


def test_rouge_is_the_reference_implementation() -> None:
    scorer = _scorer("en")
    perfect = rouge(["The cat sat."], [["The cat sat."]], scorer)
    assert perfect == {"rouge1": 100.0, "rouge2": 100.0, "rougeLsum": 100.0}
    assert rouge(["Dogs run."], [["The cat sat."]], scorer)["rouge1"] == 0.0
    # several references: the best one counts
    assert rouge(["The cat sat."], [["Dogs run."], ["The cat sat."]], scorer)["rouge1"] == 100.0


def test_rouge_in_russian_uses_words_of_any_script() -> None:
    scores = rouge(
        ["Министры встретились в Астане."], [["Министр встретился в Астане."]], _scorer("ru")
    )
    assert scores["rouge1"] == 100.0  # the stemmer folds the word forms


def test_truncate_words() -> None:
    assert truncate_words(["One two three.", "Four five."], 4) == ["One two three.", "Four"]


def test_eval_command_text_json_and_predictions(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    result = runner.invoke(app, ["eval", str(rows), "-m", "lexrank", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert "rows: 3" in result.stdout
    assert "difference with lead, paired, same sentence count" in result.stdout
    predictions = tmp_path / "predictions.jsonl"
    result = runner.invoke(
        app,
        [
            "eval",
            str(rows),
            "-m",
            "lexrank",
            "-m",
            "luhn",
            "--json",
            "--words",
            "12",
            "--predictions",
            str(predictions),
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["rows"] == 3
    assert set(record["methods"]) == {"lead", "lexrank", "luhn"}
    lexrank = record["methods"]["lexrank"]
    assert lexrank["rouge1"]["low"] <= lexrank["rouge1"]["mean"] <= lexrank["rouge1"]["high"]
    assert {"vs_lead_same_sentences", "vs_lead_same_words"} <= lexrank.keys()
    lines = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert len(lines) == 9
    assert {"id", "method", "summary"} == lines[0].keys()
    for line in lines:
        assert all(
            sentence in ARTICLE + " Another report. The plan was signed."
            for sentence in line["summary"]
        )


def test_eval_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "missing.jsonl: no such file" in result.stderr
    result = runner.invoke(app, ["eval", str(_rows(tmp_path)), "-m", "nope"])
    assert result.exit_code == ExitCode.USAGE


def test_fail_below_lead_gates_on_the_paired_rouge1(tmp_path: Path) -> None:
    # the reference is the article's lead: any method that leaves it scores below lead
    path = tmp_path / "lead.jsonl"
    lead = "Ministers agreed on a water plan for the Syr Darya."
    text = (
        f"{lead} "
        "Lunch was served at noon and the weather was warm and sunny all day long. "
        "The weather was warm. The weather was sunny. The weather was warm and sunny."
    )
    row = {"id": "x", "text": text, "summary": lead}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    gate = ["eval", str(path), "-n", "1", "--fail-below-lead"]
    result = runner.invoke(app, [*gate, "-m", "lexrank"])
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "ROUGE-1 below lead: lexrank (-" in result.output
    assert runner.invoke(app, [*gate, "-m", "lead"]).exit_code == ExitCode.SUCCESS
    assert runner.invoke(app, [*gate[:-1], "-m", "lexrank"]).exit_code == ExitCode.SUCCESS


def test_newslead_beats_lead_on_real_news_and_keeps_up_on_press_releases() -> None:
    """EVALUATION.md's figures for ``newslead``: above lead on CNN/DailyMail (3 sentences),
    with the paired interval above zero, and within 0.2 ROUGE-1 of lead on the White House
    releases at 60 words (measured: equal, one release differs)."""
    from briefgen.config import Method, SummaryOptions
    from briefgen.evaluate import report, run

    news = read_rows(shared_file("cnndm", "cnndm_test_dev250.jsonl"))
    record = report(run(news, [Method.NEWSLEAD], SummaryOptions(sentences=3)))
    gain = record["methods"]["newslead"]["vs_lead_same_sentences"]["rouge1"]
    assert gain["mean"] > 0.3
    assert gain["low"] > 0
    same_words = record["methods"]["newslead"]["vs_lead_same_words"]["rouge1"]
    assert same_words["low"] > 0  # not a length effect

    releases = read_rows(shared_file("whitehouse", "whitehouse_lead_dev.jsonl"))
    record = report(run(releases, [Method.NEWSLEAD], SummaryOptions(words=60)))
    assert record["methods"]["newslead"]["vs_lead_same_sentences"]["rouge1"]["mean"] > -0.2


def test_first_of_each_takes_each_documents_sentences_in_turn(tmp_path: Path) -> None:
    from briefgen.config import SummaryOptions
    from briefgen.evaluate import first_of_each, releases

    row = read_rows(_rows(tmp_path))[2]
    cluster = releases(row, SummaryOptions())
    assert first_of_each(cluster, SummaryOptions(sentences=3)) == [
        "The ministers met in Astana on Monday to discuss water.",
        "Another report.",
        "They agreed on a joint plan.",
    ]
    # a word budget cuts the last sentence, as the briefing's text is cut
    assert first_of_each(cluster, SummaryOptions(words=13)) == [
        "The ministers met in Astana on Monday to discuss water.",
        "Another report.",
        "They",
    ]
    result = runner.invoke(app, ["eval", str(_rows(tmp_path)), "--briefing", "--json"])
    assert result.exit_code == 0, result.output
    assert {"lead", "newslead", "briefing", "first-of-each"} == set(
        json.loads(result.stdout)["methods"]
    )
