"""The editorial briefing: each story once, sections, ranking, key facts, --explain,
configuration, templates, --new-only; measured on real data where the issue asks for it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.assemble import assemble_briefing
from briefgen.cli import app
from briefgen.config import (
    BriefingRequest,
    Editorial,
    GroupBy,
    Method,
    OutputFormat,
    SummaryOptions,
)
from briefgen.errors import ExitCode
from briefgen.evaluate import (
    _scorer,
    briefing_text,
    first_of_each,
    read_rows,
    releases,
    rouge,
    row_document,
)
from briefgen.facts import countries, names
from briefgen.models import Document, Item, Summary
from briefgen.pipeline import build_briefing
from briefgen.summarize import summarize
from briefgen.tokenize import split_sentences

from .conftest import SAMPLES, shared_file

runner = CliRunner()
DATE = ["--date", "2026-11-20"]
WATER = (SAMPLES / "astana-water-forum.txt").read_text(encoding="utf-8")


def _brief_json(*args: str) -> dict:
    result = runner.invoke(app, ["brief", *args, *DATE, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _edited_copy(text: str) -> str:
    """Another site's repost: new title, other furniture, a few words changed."""
    body = text.split("Similar news")[0].split("\n", 6)[-1]
    body = body.replace("Ministers", "Foreign ministers").replace("two-day", "2-day")
    return (
        "Central Asia agrees water roadmap | Other Wire\n\n"
        + body
        + "\n\nShare\n\nRead also\nUnrelated story\n"
    )


def test_near_duplicates_become_one_item_with_every_source(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in SAMPLES.iterdir():
        (inbox / sample.name).write_bytes(sample.read_bytes())
    (inbox / "copy.txt").write_text(WATER, encoding="utf-8")
    (inbox / "reposted.txt").write_text(_edited_copy(WATER), encoding="utf-8")
    items = _brief_json(str(inbox))["items"]
    assert len(items) == 6
    water = [item for item in items if "astana-water-forum.txt" in " ".join(item["sources"])]
    assert len(water) == 1
    assert {Path(s).name for s in water[0]["sources"]} == {
        "astana-water-forum.txt",
        "copy.txt",
        "reposted.txt",
    }
    result = runner.invoke(app, ["brief", str(inbox), *DATE])
    items = result.stdout.split("## Contents")[1]  # past "The day in brief", which quotes it
    assert items.count("from five Central Asian states agreed") == 1
    assert "Also carried by:" in result.stdout


def _item(
    source: str,
    sentences: tuple[str, ...],
    importance: float,
    event: int = 0,
    when: date | None = None,
    topic: str = "",
    site: str = "",
) -> Item:
    document = Document(source, source.title(), "en", sentences, when, site=site)
    return Item(Summary(document, "lead", sentences), (source,), importance, event, topic)


def test_events_stay_together_and_top_stories_come_first() -> None:
    items = [
        _item("a", ("A.",), 0.9, event=1),
        _item("b", ("B.",), 0.5, event=2),
        _item("c", ("C.",), 0.4, event=1),
        _item("d", ("D.",), 0.7, event=3),
    ]
    plain = assemble_briefing(items, briefing_date=date(2026, 11, 20))
    assert [i.document.source for i in plain.items] == ["a", "c", "d", "b"]
    top = assemble_briefing(items, briefing_date=date(2026, 11, 20), editorial=Editorial(top=2))
    assert [s.title for s in top.sections] == ["Top stories", "More stories"]
    assert [i.document.source for i in top.sections[0].items] == ["a", "d"]
    # the order of the input never matters
    assert assemble_briefing(list(reversed(items)), briefing_date=date(2026, 11, 20)) == plain


@pytest.mark.parametrize(
    ("group_by", "titles"),
    [
        (GroupBy.DATE, ["2026-11-20", "2026-11-19", "Undated"]),
        (GroupBy.SOURCE, ["Wire A", "Wire B"]),
        (GroupBy.TOPIC, ["water", "trade"]),
    ],
)
def test_sections(group_by: GroupBy, titles: list[str]) -> None:
    items = [
        _item("a", ("A.",), 0.9, when=date(2026, 11, 19), topic="water", site="Wire A"),
        _item("b", ("B.",), 0.5, when=date(2026, 11, 20), topic="trade", site="Wire B"),
        _item("c", ("C.",), 0.4, topic="water", site="Wire A"),
    ]
    briefing = assemble_briefing(
        items, briefing_date=date(2026, 11, 20), editorial=Editorial(group_by=group_by)
    )
    assert [section.title for section in briefing.sections] == titles


def test_order_by_date() -> None:
    items = _brief_json(str(SAMPLES), "--order", "date")["items"]
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)


def test_group_by_topic_names_sections_by_a_member_title_and_leaves_lone_stories_last() -> None:
    items = _brief_json(str(SAMPLES), "--group-by", "topic")["items"]
    sections = list(dict.fromkeys(item["section"] for item in items))
    assert sections[-1] == "Other stories"
    titles = [item["title"] for item in items]
    for section in sections[:-1]:
        members = [item["title"] for item in items if item["section"] == section]
        assert len(members) >= 2
        assert any(title.startswith(section.rstrip("…")) for title in titles)


def test_a_sentence_already_said_is_not_repeated(tmp_path: Path) -> None:
    shared = "The ministers signed a memorandum on the joint water monitoring network in Astana."
    (tmp_path / "one.txt").write_text(
        f"Water talks\n\n{shared} The network will cover the Syr Darya. Experts met too.",
        encoding="utf-8",
    )
    (tmp_path / "two.txt").write_text(
        f"Trade talks\n\n{shared} Trade between the two countries grew by a tenth. "
        "A business forum follows in May.",
        encoding="utf-8",
    )
    items = _brief_json(str(tmp_path), "-n", "2")["items"]
    said = [sentence for item in items for sentence in item["summary"]]
    assert said.count(shared) == 1
    assert all(len(item["summary"]) == 2 for item in items)


def test_boilerplate_learned_from_the_folder(tmp_path: Path) -> None:
    furniture = "Follow the Ministry on Telegram for the latest updates and photos."
    stories = [
        "The minister met the ambassador of Japan to discuss investment in green energy.",
        "A delegation from Korea visited the new logistics hub near the Chinese border.",
        "The ministry opened a visa centre for students travelling to European universities.",
        "Officials presented the annual report on consular services to the parliament.",
    ]
    for number, story in enumerate(stories):
        (tmp_path / f"r{number}.txt").write_text(
            f"Release {number} of the ministry\n\n{story}\n\n{furniture}\n", encoding="utf-8"
        )
    items = _brief_json(str(tmp_path), "--explain")["items"]
    for item in items:
        assert furniture not in item["summary"]
        assert furniture in item["explain"]["removed_lines"]


def test_key_facts_on_a_real_release() -> None:
    record = json.loads(
        runner.invoke(
            app,
            [
                "brief",
                str(shared_file("seeds", "003_034d0d0a9908c374.txt")),
                "--format",
                "json",
                "--date",
                "2026-11-23",
            ],
        ).stdout
    )
    facts = record["items"][0]["facts"]
    assert {"Kazakhstan", "Kuwait", "Netherlands", "Peru", "Poland"} <= set(facts["countries"])
    assert "Nursultan Nazarbayev" in facts["names"]
    assert "UN Security Council" in facts["names"]


def test_key_facts_in_russian_and_kazakh() -> None:
    items = _brief_json(str(SAMPLES / "ru-tourism-council.txt"))["items"]
    assert {"Казахстан", "Китай", "Индия"} <= set(items[0]["facts"]["countries"])
    assert countries("Тараптар Қытай және Ресей өкілдерімен кездесті.", "kk") == ("Қытай", "Ресей")


def test_explain_shows_scores_removed_lines_and_sources() -> None:
    path = str(shared_file("seeds", "000_3bc0d45b39a66773.txt"))
    result = runner.invoke(
        app,
        ["brief", path, "--explain", "--format", "json", "-m", "lexrank", "--date", "2026-11-23"],
    )
    explain = json.loads(result.stdout)["items"][0]["explain"]
    assert explain["title_source"] == "derived"
    assert explain["date_source"] == "text"
    assert "date 2023-09-07 Tell a friend" in explain["removed_lines"]
    chosen = [s for s in explain["scores"] if s["chosen"]]
    assert len(chosen) == 3
    assert min(s["score"] for s in chosen) >= max(
        s["score"] for s in explain["scores"] if not s["chosen"]
    )
    markdown = runner.invoke(app, ["brief", path, "--explain", "--date", "2026-11-23"]).stdout
    assert "Why these sentences" in markdown
    assert "~~date 2023-09-07 Tell a friend~~" in markdown


def test_new_only_remembers_what_it_has_briefed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(WATER, encoding="utf-8")
    state = tmp_path / "seen.json"
    first = _brief_json(str(inbox), "--new-only", "--state", str(state))
    assert len(first["items"]) == 1
    again = runner.invoke(app, ["brief", str(inbox), "--new-only", "--state", str(state), *DATE])
    assert again.exit_code == ExitCode.NO_USABLE_INPUT
    assert "earlier runs have not already covered" in again.stderr
    (inbox / "b.md").write_bytes((SAMPLES / "digital-silk-road.md").read_bytes())
    third = _brief_json(str(inbox), "--new-only", "--state", str(state))
    assert [Path(item["source"]).name for item in third["items"]] == ["b.md"]
    # without --new-only, everything is briefed and the state is left alone
    assert len(_brief_json(str(inbox))["items"]) == 2


def test_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("briefgen.toml").write_text('sentences = 1\ngroup-by = "date"\nmethod = "lexrank"\n')
    items = _brief_json(str(SAMPLES))["items"]
    assert all(len(item["summary"]) == 1 and item["method"] == "lexrank" for item in items)
    assert items[0]["section"] == "2026-11-20"
    # the command line wins
    items = _brief_json(str(SAMPLES), "-n", "2", "--group-by", "none")["items"]
    assert all(len(item["summary"]) == 2 for item in items)
    assert items[0]["section"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sentence = 1\n", "unknown key 'sentence'"),
        ('method = "magic"\n', "key 'method'"),
        ("top = 0\n", "key 'top'"),
        ("sentences = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_names_the_key(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "custom.toml"
    config.write_text(content)
    result = runner.invoke(app, ["brief", str(SAMPLES), "--config", str(config)])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr
    assert str(config) in result.stderr


def test_init_export_and_check(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "briefgen.toml").is_file()
    assert (tmp_path / "templates" / "briefing.html.j2").is_file()
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == ExitCode.USAGE
    exported = tmp_path / "mine"
    assert runner.invoke(app, ["templates", "export", str(exported)]).exit_code == 0
    assert runner.invoke(app, ["templates", "export", str(exported)]).exit_code == ExitCode.ERROR
    assert runner.invoke(app, ["templates", "check", str(exported)]).exit_code == 0
    broken = exported / "briefing.md.j2"
    broken.write_text(
        "# {{ briefing.title }}\n{% for item in briefing.items %}\n"
        "{{ item.documnet.title }}\n{% endfor %}\n"
    )
    (exported / "release.md.j2").write_text("{% for x in %}\n")
    result = runner.invoke(app, ["templates", "check", str(exported)])
    assert result.exit_code == ExitCode.ERROR
    assert re.search(r"briefing\.md\.j2:3: .*documnet", result.stderr)
    assert re.search(r"release\.md\.j2:1: ", result.stderr)


# --- measured on real data -----------------------------------------------------------


def _whitehouse_days(count: int) -> list[list[dict[str, str]]]:
    path = shared_file("whitehouse", "whitehouse_briefing_room.jsonl")
    by_day: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            by_day[row["date"]].append(row)
    days = sorted(day for day, rows in by_day.items() if 3 <= len(rows) <= 10)
    step = len(days) // count
    return [by_day[day] for day in days[::step][:count]]


def test_thirty_real_days_with_injected_duplicates_list_each_story_once(tmp_path: Path) -> None:
    for number, rows in enumerate(_whitehouse_days(30)):
        folder = tmp_path / f"day{number}"
        folder.mkdir()
        for index, row in enumerate(rows):
            (folder / f"{index}.txt").write_text(
                f"{row['title']}\n\n{row['date']}\n\n{row['text']}\n", encoding="utf-8"
            )
        original = rows[0]
        (folder / "exact-copy.txt").write_text((folder / "0.txt").read_text(), encoding="utf-8")
        # another site's repost: its own title and furniture, a few words changed and,
        # in a longer release, the last sentence left out
        sentences = split_sentences(original["text"].replace("\n", " "))
        kept = sentences[:-1] if len(sentences) >= 4 else sentences
        edited = " ".join(kept).replace(" and ", " & ", 2).replace("said", "stated", 1)
        (folder / "edited-copy.txt").write_text(
            f"Statement: {original['title']} | Wire Service\n\nShare this\n\n{edited}"
            "\n\nRelated news\nAnother story\n",
            encoding="utf-8",
        )
        request = BriefingRequest(
            inputs=(folder,), briefing_date=date(2026, 11, 20), fmt=OutputFormat.JSON, output=None
        )
        items = build_briefing(request).briefing.items
        sources = [Path(s).name for item in items for s in item.sources]
        assert len(sources) == len(set(sources)) == len(rows) + 2, number
        carrying = [item for item in items if "0.txt" in {Path(s).name for s in item.sources}]
        assert len(carrying) == 1
        assert {"0.txt", "exact-copy.txt", "edited-copy.txt"} <= {
            Path(s).name for s in carrying[0].sources
        }, number


def test_briefing_of_multinews_clusters_beats_lexrank_at_300_words() -> None:
    rows = read_rows(shared_file("multinews", "multinews_dev.jsonl"))
    options = SummaryOptions(words=300)
    scorer = _scorer("en")
    differences, over_first = [], []
    for row in rows:
        cluster = releases(row, options)
        briefing = rouge(briefing_text(cluster, options), row.references, scorer)["rouge1"]
        lexrank = summarize(row_document(row), SummaryOptions(method=Method.LEXRANK, words=300))
        differences.append(briefing - rouge(lexrank.sentences, row.references, scorer)["rouge1"])
        first = rouge(first_of_each(cluster, options), row.references, scorer)["rouge1"]
        over_first.append(briefing - first)
    assert sum(differences) / len(differences) > 1.0  # measured: +2.5 ROUGE-1
    # and above the first sentences of each document in turn: measured +1.9
    assert sum(over_first) / len(over_first) > 1.0


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Governors of New Jersey and New Mexico met.", "en", ()),
        ("Deputy Attorney General Lisa O. Monaco spoke of Monaco.", "en", ("Monaco",)),
        ("Lisa O. Monaco spoke to the U.S. Chamber.", "en", ("United States",)),
        ("Relief for Atlanta, Georgia after the storm.", "en", ()),  # the US state
        ("Talks with Georgia in Tbilisi on the Black Sea.", "en", ("Georgia",)),
        ("Mexico and Papua New Guinea signed.", "en", ("Mexico", "Papua New Guinea")),
        ("Leaders of Türkiye, Côte d'Ivoire and Czechia met.", "en",
         ("Türkiye", "Côte d'Ivoire", "Czechia")),
        ("Visit to Turkey and Ivory Coast.", "en", ("Türkiye", "Côte d'Ivoire")),
        ("A meeting with President Erdogan of Turkiye.", "en", ("Türkiye",)),
        ("The UAE hosted the U.S.-ASEAN summit in Vientiane, Lao PDR.", "en",
         ("United Arab Emirates", "United States", "Laos")),
        ("Делегация ОАЭ прибыла в Москву.", "ru", ("Объединённые Арабские Эмираты",)),
        ("Делегация из Нью-Мексико посетила Грузию.", "ru", ("Грузия",)),
        # Inflected Russian: the stem and a case ending, not any word that starts alike.
        ("МИД Казахстана и посол Великобритании говорили о Канаде и Францией.", "ru",
         ("Казахстан", "Великобритания", "Канада", "Франция")),
        ("Либерал-демократы в палате; самой большой самолёт того же года.", "ru", ()),
        # A feed that writes everything in lower case still names its countries.
        ("кишинев, 1 дек — риа новости. после выборов в молдавии и на украине "
         "сухопутные войска россии примут участие в учениях.", "ru",
         ("Молдавия", "Украина", "Россия")),
        ("talks in china on the turkey trade deal between germany and france "
         "were held on monday by officials.", "en", ("Germany", "France")),
    ],
)  # fmt: skip
def test_countries_only_where_the_text_means_the_country(
    text: str, language: str, expected: tuple[str, ...]
) -> None:
    assert countries(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("President Biden spoke with President Andrzej Duda of Poland.", "en",
         ("Andrzej Duda", "Biden")),
        ("Prime Minister Narendra Modi and President Recep Tayyip Erdogan met.", "en",
         ("Narendra Modi", "Recep Tayyip Erdogan")),
        ("He met President of Kazakhstan Kassym-Jomart Tokayev in Astana.", "en",
         ("Kassym-Jomart Tokayev",)),
        ("The Minister of Foreign Affairs of Uzbekistan spoke.", "en", ()),  # an office
        ("Глава МИД Мурат Нуртлеу провёл встречу.", "ru", ("Мурат Нуртлеу",)),
    ],
)  # fmt: skip
def test_a_title_introduces_a_person_named_once(
    text: str, language: str, expected: tuple[str, ...]
) -> None:
    from briefgen.facts import key_facts

    assert key_facts(text, language).names == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Offices and kinds of things in capitals are not names, nor their pieces.
        ("The Vice President met the Associate Judge. The Vice President and the Associate "
         "Judge spoke of the Executive Order and the Executive Order's reach.", ()),
        ("Nominated: United States District Judge for the District of Columbia. Also a "
         "United States District Judge in the District of Columbia.", ("District of Columbia",)),
        # A heading in capitals shouts; it is not an acronym.
        ("FAIRNESS FOR WOMEN AND GIRLS. The order protects women and girls. NASA and NASA "
         "staff agreed.", ("NASA",)),
        # A delegation is a body sent, not a name (2024-07-26 White House).
        ("The Presidential Delegation to Mauritania will be led by Secretary Antony Blinken. "
         "The Presidential Delegation arrives today.", ("Antony Blinken",)),
        # An honorific is not a name (a readout of a call with a king, 2024-07-26).
        ("The President spoke with His Majesty King Abdullah II of Jordan. His Majesty "
         "thanked him.", ()),
        # Initials keep their full stop.
        ("President Franklin D. Roosevelt wrote to Franklin D. Roosevelt Jr.",
         ("Franklin D. Roosevelt",)),
        # A possessive ends the name it closes, unless it is part of one.
        ("President Biden’s Cancer Moonshot grew. President Biden’s Cancer Moonshot grew "
         "again, as the People’s Republic of China and the People’s Republic of China said.",
         ("Cancer Moonshot", "People Republic of China", "Biden")),
    ],
)  # fmt: skip
def test_names_are_organisations_and_people_not_offices_or_headings(
    text: str, expected: tuple[str, ...]
) -> None:
    assert names(text) == expected


def test_russian_names_come_from_a_recogniser_in_the_nominative() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев провёл переговоры с Президентом "
        "Узбекистана Шавкатом Мирзиёевым в Ташкенте. Шавкат Мирзиёев отметил рост "
        "товарооборота. Стороны подписали соглашение между Министерством энергетики и "
        "компанией «Узбекнефтегаз». Министерство энергетики сообщило о начале работ. "
        "Встреча прошла с Азизом Рахимовым."  # only ever in the instrumental: left out
    )
    found = names(text, exclude=("Казахстан", "Узбекистан"), language="ru")
    assert "Шавкат Мирзиёев" in found
    assert "Касым-Жомарт Токаев" in found
    assert "Министерство энергетики" in found
    assert not any(name.endswith(("ом", "ым", "ой")) for name in found)
    assert not any("Рахимов" in name for name in found)


def test_a_title_in_kazakh_introduces_a_person_up_to_the_surname() -> None:
    text = "Президент Қасым-Жомарт Тоқаев Ақордада Біріккен Ұлттар Ұйымының Бас хатшысын қабылдады."
    assert names(text, language="kk") == ("Қасым-Жомарт Тоқаев",)
    # three words after the title, but the name ends at the surname ("Үкімет": the government)
    text = "Премьер-министр Олжас Бектенов Үкімет отырысында сөз сөйледі."
    assert names(text, language="kk") == ("Олжас Бектенов",)


@pytest.mark.parametrize(
    "text",
    [
        # A Kazakh case ending on the surname is the same person: counted once, nominative.
        "Министр Бахтиёр Саидовпен кездесті. Бахтиёр Саидов Астанаға келді.",
        "Бахтиёр Саидовтың сапары басталды. Бахтиёр Саидовқа сыйлық берілді.",
    ],
)
def test_a_kazakh_case_ending_on_a_surname_names_the_same_person(text: str) -> None:
    assert names(text, language="kk") == ("Бахтиёр Саидов",)
