"""Every kind of release summarized by its news (issue #11): the junk rules, the kinds of
release, the splitter cases, and the editor's measure on real releases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.clean import clean_text
from briefgen.cli import app
from briefgen.config import SummaryOptions
from briefgen.errors import ExitCode
from briefgen.evaluate import editor_figures, read_editor_rows
from briefgen.models import Document
from briefgen.sentences import (
    NEWS,
    is_roster,
    junk_reason,
    junk_reason_in,
    release_kind,
    title_topic,
)
from briefgen.summarize import summarize
from briefgen.tokenize import split_sentences

from .conftest import shared_file

runner = CliRunner()


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("# # #", "no words"),
        ("***", "no words"),
        ("2.", "no words"),
        ("iv)", "list marker"),
        ("<!-- -->", "no words"),
        ('<figure> <img src="x.jpg"> the photo', "markup"),
        ("Dear Madam Speaker: (Dear Mr. President:)", "salutation"),
        ("Dear Secretary Bunch,", "salutation"),
        ("TO THE SENATE OF THE UNITED STATES:", "salutation"),
        ("Уважаемые коллеги!", "salutation"),
        ("Құрметті әріптестер!", "salutation"),
        ("MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES", "memo header"),
        ("SUBJECT: Protecting Against Malicious Cyber Activity", "memo header"),
        ("FROM: Anne Neuberger, Deputy National Security Advisor", "memo header"),
        ("Sincerely,", "sign-off"),
        ("С уважением, пресс-служба", "sign-off"),
        ("Құрметпен, баспасөз қызметі", "sign-off"),
        ("(Applause.)", "stage direction"),
        ("(Laughter.)", "stage direction"),
        ("(Аплодисменты.)", "stage direction"),
        ("Oval Office 2:07 P.M. EST", "time line"),
        ("THE PRESIDENT: Thank you.", "speaker label and a few words"),
        ("MS. DREYER: Guys, I think I’m getting a phone call.", "speaker label and a few words"),
        ("Thank you. Please sit down.", "pleasantry"),
        ("Thank you, Doro, for that warm introduction, and for carrying the torch.", "pleasantry"),
        ("Happy Thanksgiving.", "pleasantry"),
        ("Спасибо за внимание.", "pleasantry"),
        ("Рахмет!", "pleasantry"),
        ("These include:", "lead-in"),
        ("Attendees included:", "lead-in"),
        ("For more information, visit the agency's site.", "link or pointer"),
        ("Click here to view the signed letter.", "link or pointer"),
        ("москва, 1 дек — риа новости.", "dateline"),
        ("АСТАНА, 2 февраля — Kazinform.", "dateline"),
        ("THE WHITE HOUSE, September 26, 2023.", "dated signature"),
        ("JOSEPH R. BIDEN JR.", "heading or name in capitals"),
        ("HIGH-LEVEL TRILATERAL CONSULTATIONS", "heading or name in capitals"),
        ("Robust Wildfire Response", "heading or label"),
        ("Washington, DC 20560", "address block"),
        ("Employee Awareness.", "fragment without a verb"),
        ("I just learned an awful lot about — anyway — from the —", "broken off"),
        (
            "The Government of the United States of America and the Government of the Kingdom "
            "of Thailand (hereinafter referred to as “the Participants”),",
            "ends in a comma",
        ),
        ("You know, I’m not one to take a phone call during TV.", "filler"),
        ("IN WITNESS WHEREOF, I have hereunto set my hand this thirtieth day.", "witness clause"),
        (
            "SEEKING to cooperate in strengthening critical minerals governance,",
            "agreement preamble",
        ),
        ("View the unclassified report here.", "link or pointer"),
        ("Read the full fact sheet online.", "link or pointer"),
        (
            "Rebuilding our roads since 1956; Public transit in American history; Passenger "
            "rail since Amtrak’s inception; Clean water infrastructure; and more.",
            "list of items",
        ),
        ("March 3, 2021.", "date line"),
        ("3 марта 2021 г.", "date line"),
        ("Washington, D.C., March 5, 2024.", "date line"),
        ("Section 1.", "section label"),
        ("Статья 3.", "section label"),
        ("(Reappointment)", "aside in brackets"),
        ("*(listed alphabetically*)", "aside in brackets"),
        (
            "EXECUTIVE OFFICE OF THE PRESIDENT OFFICE OF MANAGEMENT AND BUDGET WASHINGTON, D.C. "
            "20503 January 23, 2025 (House)",
            "address block",
        ),
        ("Thanks to all of you, and God bless.", "pleasantry"),
        ("[22] See, e.g., Jonathan Baker, Beyond Schumpeter vs. Arrow (2007).", "footnote"),
        ("Call us at: Phone: 855-484-2846 Chat: https://chat.example.org/help", "contact details"),
        ("Тел.: 8 (7172) 74-00-00, факс 74-00-01.", "contact details"),
        ("Additional details to follow.", "details to follow"),
        ("Подробности позже.", "details to follow"),
        (
            "This notice shall be published in the Federal Register and sent to the Congress.",
            "filing clause",
        ),
        (
            "Tonight’s call will be on background, attributed to “senior officials.”",
            "ground rules",
        ),
        (
            "The contents of this call will be embargoed until Tuesday, July 12th, at 5:00 a.m.",
            "ground rules",
        ),
        ("Thanks to the firefighters for their work.", "pleasantry"),
        (
            "Alabama Alaska American Samoa Arizona Arkansas California Colorado Connecticut DC "
            "Delaware Florida Georgia Guam Hawaii Idaho Illinois Indiana Iowa Kansas",
            "list of names",
        ),
    ],
)
def test_junk_is_recognised(sentence: str, reason: str) -> None:
    assert junk_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Ministers from five Central Asian states agreed on a joint roadmap.",
        "Today, President Biden announced his intent to nominate the following individuals:"
        " the leaders of three agencies and two boards of the Federal Government.",
        "At my direction, on March 23, 2023, United States forces conducted targeted strikes.",
        "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., do hereby proclaim October 2024 as National "
        "Breast Cancer Awareness Month.",
        "THE PRESIDENT: Today I am announcing $1 billion in new security assistance for Ukraine, "
        "including artillery and coastal defense systems.",
        "I hereby declare a national emergency to deal with that threat.",
        "Rents rose.",
        "В Алматы прошло первое заседание Совета иностранных инвесторов по туризму.",
        "Жоғары оқу орындарына 80 мыңнан астам грант бөлінеді.",
        "Thanks to the new law, 3 million families will pay less for energy.",
        # A roster of appointees is the news of an appointments release.
        "Amy Cappellazzo, Member, Cultural Property Advisory Committee Susan Harrington, "
        "Member, Cultural Property Advisory Committee Thomas R. Lamont, Member, Cultural "
        "Property Advisory Committee",
        # Items in lower case are one sentence's list, not items run together.
        "They are taking action, including by: announcing funding for services; educating "
        "the public; supporting the codification of the right; and protecting patients.",
        "COMBATING ANTI-SEMITISM IN THE UNITED STATES: Today, President Donald J. Trump signed "
        "an Executive Order to Combat Anti-Semitism.",
        "Thanks to my economic plan, wages are rising faster than prices.",
        "The law took effect on March 3, 2021.",
        "(The President signed the bill on Monday at the White House.)",
        "Part 2 of the plan starts today.",
        "About 300 deaths are attributable to the storm, officials said.",
        "The President spoke by phone with the Chancellor about Ukraine.",
        "Additional funding will follow the agreement in 2025 and support 300 projects.",
        # Semicolons inside a quoted title are not items run together.
        "H.J. Res. 88 disapproves the rule relating to “Pollution Control Standards; Advanced "
        "Clean Cars II; Waiver of Preemption; Notice of Decision”.",
    ],
)
def test_news_sentences_are_not_junk(sentence: str) -> None:
    assert junk_reason(sentence) is None


@pytest.mark.parametrize(
    ("title", "opening", "kind"),
    [
        ("FACT SHEET: New Actions to Lower Energy Costs", [], "fact sheet"),
        ("Readout of the Minister's Call with the Prime Minister of Japan", [], "readout"),
        ("Letter to the Speaker of the House", [], "letter"),
        ("Background Press Call by Senior Administration Officials on Oil Prices", [], "remarks"),
        (
            "Notice on the Continuation of the National Emergency with Respect to Iran",
            [],
            "proclamation",
        ),
        ("", ["Dear Madam Speaker:", "I am writing..."], "letter"),
        ("", ["MEMORANDUM FOR THE SECRETARY OF DEFENSE", "SUBJECT: ..."], "memorandum"),
        ("A Proclamation on National Atomic Veterans Day, 2022", [], "proclamation"),
        ("Presidential Message on German-American Day, 2025", [], "message"),
        ("Message to the Congress on the Continuation of the National Emergency", [], "letter"),
        ("Поздравление Президента с Днём учителя", [], "message"),
        ("Президенттің Ұстаздар күнімен құттықтауы", [], "message"),
        ("Remarks by the President at a Dinner", [], "remarks"),
        ("", ["Getty Villa Los Angeles, California", "7:54 P.M. PDT"], "remarks"),
        ("President Announces Key Nominations", [], "nominations"),
        ("Statement by the Foreign Ministry on Syria", [], "statement"),
        ("Заявление МИД Казахстана", [], "statement"),
        ("Уважаемые коллеги", ["Уважаемые коллеги!"], "letter"),
        ("Ministers agree on a water roadmap", ["Ministers agreed on a roadmap."], NEWS),
        ("", ["The minister said he signed a letter on Friday."], NEWS),
    ],
)
def test_release_kinds(title: str, opening: list[str], kind: str) -> None:
    assert release_kind(title, opening) == kind


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Statement by the Minister on the Water Agreement", "the Water Agreement"),
        ("FACT SHEET: New Actions to Lower Energy Costs", "New Actions to Lower Energy Costs"),
        ("Ministers agree on a water roadmap", "Ministers agree on a water roadmap"),
    ],
)
def test_title_topic(title: str, topic: str) -> None:
    assert title_topic(title) == topic


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The Court overturned Roe v. Wade in 2022. It was a landmark.",
            ["The Court overturned Roe v. Wade in 2022.", "It was a landmark."],
        ),
        (
            "Under 42 U.S.C. 1983 claims may proceed. Order No. 5 and Sec. 4 apply.",
            ["Under 42 U.S.C. 1983 claims may proceed.", "Order No. 5 and Sec. 4 apply."],
        ),
        (
            "Компания Mail.Ru объявила о запуске. Об этом сообщили Яндекс.Новости.",
            ["Компания Mail.Ru объявила о запуске.", "Об этом сообщили Яндекс.Новости."],
        ),
        (
            "Visit WhiteHouse.gov for more. The site is new.",
            ["Visit WhiteHouse.gov for more.", "The site is new."],
        ),
        (
            "The steps are: 1. Ministers agreed on a plan. 2. The plan covers water.",
            ["The steps are: 1. Ministers agreed on a plan.", "2. The plan covers water."],
        ),
        ("1. Ministers agreed on a plan.", ["1. Ministers agreed on a plan."]),
        (  # a heading in capitals run into its paragraph is a unit of its own
            "ONE YEAR OF DELIVERING RESULTS To date, the Administration has announced $185B.",
            ["ONE YEAR OF DELIVERING RESULTS", "To date, the Administration has announced $185B."],
        ),
        (  # a label with its colon stays with its sentence, as a speaker's does
            "COMBATING ANTI-SEMITISM: Today, the President signed an order.",
            ["COMBATING ANTI-SEMITISM: Today, the President signed an order."],
        ),
        ("NATO and G7 leaders met in Bali.", ["NATO and G7 leaders met in Bali."]),
        (
            "These commitments support the pillars. $528M in private commitments follow.",
            ["These commitments support the pillars.", "$528M in private commitments follow."],
        ),
        (
            "«Біз дайынбыз ба?» — деді министр. Келіссөздер жалғасады.",
            ["«Біз дайынбыз ба?» — деді министр.", "Келіссөздер жалғасады."],
        ),
        (
            "«Готовы ли мы?» — спросил министр. Переговоры продолжатся.",
            ["«Готовы ли мы?» — спросил министр.", "Переговоры продолжатся."],
        ),
        (
            "“Why not?” — said the minister. Talks go on.",
            ["“Why not?” — said the minister.", "Talks go on."],
        ),
        (
            "Tours run from 9:00 a.m. ET to 4:30 p.m. ET. The gates close at 5 p.m. Bring an ID.",
            [
                "Tours run from 9:00 a.m. ET to 4:30 p.m. ET.",
                "The gates close at 5 p.m.",
                "Bring an ID.",
            ],
        ),
        (
            "The President signed H.J. Res. 87 and S. Res. 12 today. Both take effect now.",
            ["The President signed H.J. Res. 87 and S. Res. 12 today.", "Both take effect now."],
        ),
        (
            "The report (Pub. L. No. 116-92) is attached. It is public.",
            ["The report (Pub. L. No. 116-92) is attached.", "It is public."],
        ),
        (  # a salutation run into the letter is a unit of its own
            "TO THE CONGRESS OF THE UNITED STATES: Section 202(d) of the Act provides for it.",
            ["TO THE CONGRESS OF THE UNITED STATES:", "Section 202(d) of the Act provides for it."],
        ),
        (
            "Dear Madam Speaker: I am writing to report on the deployment.",
            ["Dear Madam Speaker:", "I am writing to report on the deployment."],
        ),
        (
            "It was the fault.Researchers found more.",
            ["It was the fault.", "Researchers found more."],
        ),
    ],
)
def test_splitter_makes_no_fake_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("In the 21<sup>st</sup> century, access grew.", "In the 21st century, access grew."),
        ("<!-- --> The minister spoke.", "The minister spoke."),
        (
            "<u>UNITED STATES DEPARTMENT OF AGRICULTURE</u>",
            "UNITED STATES DEPARTMENT OF AGRICULTURE",
        ),
        ("The **new** law &amp; its rules took effect.", "The new law & its rules took effect."),
        ("Snake_case and 2*3*4 stay as they are.", "Snake_case and 2*3*4 stay as they are."),
        ("It builds on the DTA Initiative. .", "It builds on the DTA Initiative."),
        ("Version 2 .5 and v .3 stay.", "Version 2 .5 and v .3 stay."),
        ("Report it at <https://www.IC3.gov>.", "Report it at https://www.IC3.gov."),
        (
            'An image <img src="a.jpg" srcset="' + "b.jpg 2x, " * 150 + '" /> above.',
            "An image above.",
        ),
        (
            "They are launching *A Nation of Bridge Builders**,* a partnership.",
            "They are launching A Nation of Bridge Builders, a partnership.",
        ),
        (
            "The *Declaration for the Future of the Interne**t, affirmed.",
            "The Declaration for the Future of the Internet, affirmed.",
        ),
        ("He nominated Jonathan Kanter.****", "He nominated Jonathan Kanter."),
    ],
)
def test_markup_is_removed_from_good_sentences(line: str, cleaned: str) -> None:
    assert clean_text(f"Title line\n\n{line}").lines[-1] == cleaned


def _release(title: str, text: str) -> Document:
    paragraphs = tuple(p for p in text.split("\n") if p)
    return Document("r.txt", title, "en", paragraphs, title_source="first-line")


def test_a_letter_is_summarized_after_its_salutation() -> None:
    letter = _release(
        "Letter to the Speaker of the House on the Strikes in Syria",
        "Dear Madam Speaker: (Dear Mr. President:)\n"
        "At my direction, on March 23, United States forces conducted targeted strikes "
        "against facilities in eastern Syria.\n"
        "The strikes were directed at facilities used by groups affiliated with the IRGC.\n"
        "I am providing this report as part of my efforts to keep the Congress informed.\n"
        "Sincerely,\nJOSEPH R. BIDEN JR.",
    )
    summary = summarize(letter, SummaryOptions(sentences=2))
    assert summary.sentences[0].startswith("At my direction")
    assert not any(s.startswith(("Dear", "Sincerely", "JOSEPH")) for s in summary.sentences)
    assert summary.notes[0] == "kind of release: letter"
    assert any(n.startswith("passed over (salutation): Dear Madam") for n in summary.notes)


def test_a_transcript_skips_its_header_and_pleasantries() -> None:
    remarks = _release(
        "Remarks by the President Before a Cabinet Meeting",
        "Cabinet Room\n2:07 P.M. EST\nTHE PRESIDENT: Thank you. Please sit down.\n"
        "(Applause.)\nToday I am announcing a new plan to cut energy costs by 20 percent for "
        "ten million families this winter.\nThe plan takes effect on January 1.",
    )
    summary = summarize(remarks, SummaryOptions(sentences=3))
    assert summary.sentences == (
        "Today I am announcing a new plan to cut energy costs by 20 percent for ten million "
        "families this winter.",
        "The plan takes effect on January 1.",
    )


def test_explain_shows_the_kind_and_the_reasons(tmp_path: Path) -> None:
    release = tmp_path / "letter.txt"
    release.write_text(
        "Letter to the Minister on Water Sharing\n\nDear Minister:\n\nThe two governments "
        "agreed today to share the waters of the Syr Darya under a new treaty.\n\nThe treaty "
        "takes effect in May.\n\nSincerely,\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["brief", str(release), "--explain", "-f", "json", "--date", "2026-11-20"]
    )
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)["items"][0]["explain"]["notes"]
    assert notes[0] == "kind of release: letter"
    assert "passed over (salutation): Dear Minister:" in notes


# --- the editor's measure -------------------------------------------------------------

EDITOR = ("editor", "whitehouse_editor_dev.jsonl")


def test_default_prints_news_not_junk_on_the_editors_releases() -> None:
    rows = read_editor_rows(shared_file(*EDITOR))
    counts = []
    for row in rows:
        from briefgen.evaluate import editor_document

        chosen = summarize(editor_document(row), SummaryOptions()).sentences
        counts.append(editor_figures(row, chosen))
    chosen = sum(c["chosen"] for c in counts)
    assert sum(c["junk"] for c in counts) / chosen <= 0.015
    assert sum(c["news"] for c in counts) / chosen >= 0.76
    assert sum(c["top_pick"] for c in counts) / len(counts) >= 0.84
    assert chosen / len(counts) >= 2.7


def test_eval_on_editor_labels_and_its_requirements(tmp_path: Path) -> None:
    data = tmp_path / "editor.jsonl"
    rows = shared_file(*EDITOR).read_text(encoding="utf-8").splitlines()[:10]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(data), "--json", "--require", "junk_rate<=100"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record["methods"]) == {"lead", "newslead"}
    assert set(record["methods"]["lead"]["all"]) >= {"news_precision", "junk_rate"}
    result = runner.invoke(app, ["eval", str(data), "--require", "news_precision>=101"])
    assert result.exit_code == ExitCode.ERROR
    assert "requirement not met: newslead news_precision" in result.stderr
    result = runner.invoke(app, ["eval", str(data), "--require", "beauty>=1"])
    assert result.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("sentence", "under_way", "done"),
    [
        ("Today, the President will issue a National Security Memorandum.", True, False),
        ("The Department is announcing $146 million in awards.", True, False),
        ("The Administration has invested over $82 billion in treatment.", False, True),
        ("We have made naloxone widely available.", False, True),
        ("The plan covers five rivers.", False, False),
    ],
)
def test_what_is_under_way_and_what_has_been_done(
    sentence: str, under_way: bool, done: bool
) -> None:
    # A fact sheet announces the first and lists the second (ranking features).
    from briefgen.sentences import FEATURES, Candidate, Context, features

    row = features(Candidate(sentence, 0, frozenset()), 1, Context(), {})
    values = dict(zip(FEATURES, row, strict=True))
    assert values["under_way"] == float(under_way)
    assert values["done"] == float(done)


@pytest.mark.parametrize(
    ("sentence", "roster"),
    [
        ("Governor Kate Brown, Oregon Governor Roy Cooper, North Carolina Governor Kathy "
         "Hochul, New York Governor Jay Inslee, Washington Governor Ned Lamont, Connecticut",
         True),
        ("Chirag Parikh, Deputy Assistant to the President and Executive Secretary, National "
         "Space Council Kei Koizumi, Principal Deputy Director for Policy, OSTP", True),
        ("• Mayor Jim Ross, Arlington, TX • Mayor-elect Andre Dickens, Atlanta, GA • Mayor "
         "Michelle Wu, Boston, MA", True),
        # A sentence about the people, with its verbs, is not a roster.
        ("This event was moderated by Charisse Jones of USA Today and featured actor, Courtney "
         "B. Vance; recording artist, Raheem DeVaughn; and actor, Lamman Rucker.", False),
        ("Today President Joseph R. Biden Jr. participated in the Asia-Pacific Economic "
         "Cooperation (APEC) Virtual Leaders’ Meeting hosted by Prime Minister Jacinda Ardern, "
         "New Zealand, Japan, Korea.", False),
    ],
)  # fmt: skip
def test_rosters_are_told_from_sentences(sentence: str, roster: bool) -> None:
    assert is_roster(sentence) is roster


def test_a_roster_is_junk_except_in_an_appointments_release() -> None:
    roster = (
        "Amy Cappellazzo, Member, Cultural Property Advisory Committee Susan Harrington, "
        "Member, Cultural Property Advisory Committee Thomas R. Lamont, Member, Cultural "
        "Property Advisory Committee"
    )
    assert junk_reason_in(roster, "nominations") is None  # who was appointed: the news
    assert junk_reason_in(roster, "readout") == "list of names (who attended, not what happened)"


def test_a_notice_is_summarized_by_what_it_continues_not_its_history() -> None:
    notice = _release(
        "Notice on the Continuation of the National Emergency with Respect to Freedonia",
        "On March 3, 2011, by Executive Order 13000, the President declared a national "
        "emergency with respect to Freedonia.\n"
        "On July 20, 2014, the President issued Executive Order 13100 to take additional steps "
        "with respect to the national emergency.\n"
        "On June 1, 2018, the President issued Executive Order 13200 to expand the scope of "
        "the national emergency.\n"
        "The situation in Freedonia continues to pose an unusual and extraordinary threat to "
        "the national security and foreign policy of the United States.\n"
        "Therefore, in accordance with section 202(d) of the National Emergencies Act, I am "
        "continuing for 1 year the national emergency declared in Executive Order 13000.\n"
        "This notice shall be published in the Federal Register and transmitted to the "
        "Congress.",
    )
    chosen = summarize(notice, SummaryOptions()).sentences
    assert any("I am continuing for 1 year" in sentence for sentence in chosen)
    assert not any("Federal Register" in sentence for sentence in chosen)
