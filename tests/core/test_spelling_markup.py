"""Which parts of Markdown/Hugo text spell-check reads as prose."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blogeditor.core.spelling.markup import (
    FM_TOML,
    NORMAL,
    START,
    blank_document,
    blank_line,
    utf16_converter,
    words,
)
from blogeditor.core.spelling.scan import document_misspellings, line_misspellings, to_utf16


def prose_words(line: str, state: int = NORMAL) -> list[str]:
    return [w for _, _, w in words(blank_line(line, state)[0])]


def test_code_spans_are_not_prose() -> None:
    assert prose_words("Run `kubctl aply` then ``teh `x` thing`` now") == ["Run", "then", "now"]


def test_link_and_image_targets_are_not_prose_but_their_text_is() -> None:
    line = (
        'See [the frobnik docs](https://exmple.com/frobnik "Frobnik titel") '
        "and ![an imagge](/ai/pic-thumbnal.png)"
    )
    # "frobnik" is in its link's target too: the name of what is linked, not prose.
    assert prose_words(line) == ["See", "the", "docs", "and", "an", "imagge"]
    assert prose_words("[frobnikk docs](https://exmple.com/frobnik)") == ["frobnikk", "docs"]


def test_reference_links_and_definitions() -> None:
    assert prose_words("Read [this][refrence] now") == ["Read", "this", "now"]
    assert prose_words("[refrence]: https://exmple.com/pathh \"Titel\"") == []


def test_shortcodes_and_their_arguments_are_not_prose() -> None:
    line = 'Watch {{< youtube id="dQw4w9" titel="Kubernetez" >}} and {{% notice warnig %}}'
    assert prose_words(line) == ["Watch", "and"]


def test_html_tags_and_attributes_are_not_prose_but_comment_text_is() -> None:
    line = '<!-- <img src="/k8s/thumbnal-03.jpg" style="width:50%; float:right"> Hiden text --> <b>bold</b>'
    assert prose_words(line) == ["Hiden", "text", "bold"]


def test_urls_emails_paths_files_and_identifiers_are_not_prose() -> None:
    line = (
        "Visit https://githb.com/x or www.exmple.org, mail me@exmple.com, edit content/_indx.md "
        "or thumbnal.jpg, set MY_VARR=1 with --dry-runn and $HOMME, then Pub/Sub and CI/CD"
    )
    got = prose_words(line)
    for junk in ("githb", "exmple", "indx", "thumbnal", "VARR", "runn", "HOMME"):
        assert junk not in got
    assert got == ["Visit", "or", "mail", "edit", "or", "set", "with", "and", "then", "Pub", "Sub", "and"]


def test_words_with_digits_single_letters_and_acronyms_are_skipped() -> None:
    assert prose_words("k8s and v2beta run on a NATS XRD box") == ["and", "run", "on", "box"]


def test_front_matter_only_at_the_start() -> None:
    text = '+++\ntitle = "Teh Titel"\n+++\n\nBody texxt\n\n---\n\nMore'
    blanked = blank_document(text).split("\n")
    assert blanked[1].strip() == ""
    assert "texxt" in blanked[4]
    assert "More" in blanked[8]  # a later --- is a separator, not front matter
    yaml = "---\ntitel: Teh\n---\nBody"
    assert blank_document(yaml).split("\n")[1].strip() == ""
    assert blank_line("+++", START)[1] == FM_TOML


def test_fenced_code_spans_lines_and_knows_its_fence() -> None:
    text = "Intro\n````md\n```\nnot clozed\n````\nAfter wordd\n~~~\ncodde\n~~~\nEnd"
    lines = blank_document(text).split("\n")
    assert lines[3].strip() == ""  # a shorter fence inside does not close the longer one
    assert "wordd" in lines[5]
    assert lines[7].strip() == ""
    assert "End" in lines[9]


def test_multi_line_shortcodes_tags_and_highlight_bodies() -> None:
    text = (
        "{{< figure src=\"x.png\"\n   caption=\"Captionn\" >}} after\n"
        "<img src=\"a.png\"\n  style=\"widthh: 50%\"> tail\n"
        "{{< highlight go >}}\nfunc mian() {}\n{{< /highlight >}} done\n"
        "<pre>\nprintt\n</pre> fin"
    )
    lines = blank_document(text).split("\n")
    assert lines[1].strip() == "after"
    assert lines[3].strip() == "tail"
    assert lines[5].strip() == ""
    assert lines[6].strip() == "done"
    assert lines[8].strip() == ""
    assert lines[9].strip() == "fin"


def test_positions_are_utf16_units_with_emoji_and_accents() -> None:
    line = "Café 🎉🎉 wrold ünd teh"
    found, _ = line_misspellings(line, NORMAL, lambda w: w not in {"wrold", "teh"})
    ranges = to_utf16(line, found)
    utf16 = line.encode("utf-16-le")
    for (start, length), word in zip(ranges, ("wrold", "teh"), strict=True):
        assert utf16[start * 2 : (start + length) * 2].decode("utf-16-le") == word
    assert utf16_converter("plain ascii") is None


def test_document_positions_are_lines_and_columns() -> None:
    text = "+++\ntitle = 'x'\n+++\nGood wrold"
    found = list(document_misspellings(text, lambda w: w != "wrold"))
    assert [(m.line, m.column, m.word) for m in found] == [(4, 6, "wrold")]


@given(st.text(alphabet=st.sampled_from(list("ab `~{}<>%[]()!-/\\_.:@=$&#*+\n\"'é🎉"))), st.integers(0, 9))
def test_blanking_keeps_every_position(text: str, state: int) -> None:
    for line in text.split("\n"):
        blanked, following = blank_line(line, state)
        assert len(blanked) == len(line)
        assert all(b == c or b == " " for b, c in zip(blanked, line, strict=True))
        assert isinstance(following, int)
        state = following


def test_front_matter_after_blank_lines_at_the_top_is_not_prose() -> None:
    # Hugo skips leading blank lines (and a byte-order mark) before the front matter.
    toml = '\n\n+++\ntitle = "Teh Titel"\n+++\nBody texxt'
    blanked = blank_document(toml).split("\n")
    assert blanked[3].strip() == ""
    assert "texxt" in blanked[5]
    yaml = "\ufeff\n---\ntitel: Teh\n---\nBody"
    assert blank_document(yaml).split("\n")[2].strip() == ""
    # Once a line of prose came, a later +++ or --- is not front matter.
    assert "Teh" in blank_document("Intro\n---\nTeh\n---").split("\n")[2]
