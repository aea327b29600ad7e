"""Language detection, stop words and stemmers."""

from __future__ import annotations

import pytest

from briefgen.language import detect_language, stem_kazakh, stemmer, stop_words


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister met the envoy in Astana.", "en"),
        ("Министр встретился с послом в Астане.", "ru"),
        ("Президент Тоқаев встретился с послом.", "ru"),  # a Kazakh name in Russian text
        ("Министр Астанада елшімен кездесті және екі тарап келісімге қол қойды.", "kk"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_language_has_stop_words(language: str) -> None:
    words = stop_words(language)
    assert len(words) > 100
    assert all(w == w.strip().lower() and not w.startswith("#") for w in words)


def test_stop_words_are_the_right_language() -> None:
    assert {"the", "and", "of"} <= stop_words("en")
    assert {"и", "в", "не", "что"} <= stop_words("ru")
    assert {"және", "бұл", "үшін", "туралы"} <= stop_words("kk")


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("тараптардың", "тарап"),
        ("министрлігі", "министрліг"),
        ("елдер", "елдер"),
        ("Қазақстанның", "қазақстан"),
        ("кездесуде", "кездесу"),
        ("ел", "ел"),
    ],
)
def test_kazakh_stemmer(word: str, stem: str) -> None:
    assert stem_kazakh(word) == stem


def test_snowball_stemmers() -> None:
    assert stemmer("en")("Meetings") == "meet"
    assert stemmer("ru")("министерства") == stemmer("ru")("министерство")
    assert stemmer("kk")("тараптардың") == "тарап"
