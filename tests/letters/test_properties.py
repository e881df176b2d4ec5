"""Properties that hold for any input: the NHS number check and text surviving the trip into Word."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from letters.content import LetterContent, Paragraph, Subject
from letters.forms import TextField
from letters.services.render_docx import render_docx
from letters.validation import nhs_check_digit, normalise_nhs_number

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
separators = st.sampled_from(["", " ", "-", "  "])


@given(first_nine=nine_digits, sep1=separators, sep2=separators)
def test_every_number_with_the_right_check_digit_is_accepted(first_nine, sep1, sep2):
    check = nhs_check_digit(first_nine)
    assume(check is not None)
    digits = f"{first_nine}{check}"
    assert normalise_nhs_number(f"{digits[:3]}{sep1}{digits[3:6]}{sep2}{digits[6:]}") == digits


@given(first_nine=nine_digits, position=st.integers(0, 9), replacement=st.sampled_from("0123456789"))
def test_any_single_mistyped_digit_is_caught(first_nine, position, replacement):
    check = nhs_check_digit(first_nine)
    assume(check is not None)
    digits = f"{first_nine}{check}"
    assume(digits[position] != replacement)
    mistyped = digits[:position] + replacement + digits[position + 1 :]
    with pytest.raises(ValidationError):
        normalise_nhs_number(mistyped)


def letter_with(text: str) -> LetterContent:
    return LetterContent(
        title="t",
        file_stem="t",
        letterhead=(text,),
        date_line="3 June 2026",
        recipient=("Someone",),
        blocks=(Subject((f"Re: {text}",)), Paragraph(text)),
        footer="f",
    )


@settings(max_examples=150, deadline=None)
@given(text=st.text(min_size=1, max_size=200))
def test_whatever_the_form_accepts_reads_back_exactly_from_word(text):
    try:
        cleaned = TextField(max_length=500, multiline=True).clean(text.replace("\r", ""))
    except ValidationError:
        return  # refused with a form error: never reaches a renderer
    assume(cleaned)
    document = docx.Document(io.BytesIO(render_docx(content=letter_with(cleaned))))
    assert document.sections[0].first_page_header.paragraphs[0].text == cleaned  # the letterhead
    assert f"Re: {cleaned}" in [p.text for p in document.paragraphs]
    assert cleaned in [p.text for p in document.paragraphs]
