"""Checks an article must pass before it is sent, with the original integration's messages (A3, A6, A7, A8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from brygga.domain import Article
from brygga.eekonomi.models_articles import ARTICLE_LIMITS
from brygga.errors import RuleViolation
from brygga.hints import hint_for
from brygga.mapping.eekonomi_articles import ArticleReference, coding_name_for

__all__ = ["check_article_for_eekonomi", "check_article_for_pm", "duplicate_code"]

# eEkonomi's own wording when CodingId is missing, as the original integration's error table quotes it (A8).
NULL_CODING = (
    "ValidateModelAttributeException - Error converting value {null} to type 'System.Guid'. "
    "Path 'CodingId', line 8, position 18."
)


def _prefix(article: Article, op: str) -> str:
    return f"Could not {op} {article.kind.english} {article.number} to Visma eAccounting. ErrorCode: 2000, "


def check_code(article: Article) -> RuleViolation | None:
    """Rule A6: a code is required; it becomes the article number."""
    if article.number:
        return None
    hint = hint_for(f"A6:{article.kind.value}")
    return RuleViolation(
        "A6",
        f'Det gick inte att föra över {article.kind.swedish} "{article.name}" till Visma eEkonomi, eftersom den '
        "saknar kod (artikelnummer).",
        hint=hint,
    )


def check_name(article: Article, op: str) -> RuleViolation | None:
    """Rule A7: eEkonomi requires a name; an empty or blank one is refused as eEkonomi words it ("required")."""
    if article.name.strip():
        return None
    return RuleViolation(
        "A7",
        _prefix(article, op) + "DeveloperErrorMessage: ValidateModelAttributeException - The Name field is required.",
        hint=f"{article.kind.swedish.capitalize()} med kod {article.number} saknar namn i Visma PM. Ange ett namn "
        "i Visma PM och kör igen.",
        hint_en=f"The {article.kind.english} with code {article.number} has no name in Visma PM. Enter a name in "
        "Visma PM and run again.",
        title="Artikeln saknar namn",
        title_en="The article has no name",
    )


def _too_long(fields: Mapping[str, Any]) -> list[str]:
    return [
        f"The field {name} must be a string with a maximum length of {ARTICLE_LIMITS[name]}."
        for name, value in fields.items()
        if isinstance(value, str) and name in ARTICLE_LIMITS and len(value) > ARTICLE_LIMITS[name]
    ]


def check_vat_and_lengths(article: Article, fields: Mapping[str, Any], op: str) -> RuleViolation | None:
    """Rules A7 and A8 in the original's format; both messages together when both apply, as eEkonomi says them."""
    lengths = _too_long(fields)
    missing_vat = article.vat_rate is None
    if not lengths and not missing_vat:
        return None
    details = " ".join(lengths)
    if missing_vat:
        details = f"{NULL_CODING} {details}".strip()
        hint = hint_for(f"A8:{article.kind.value}")
        rule = "A8"
        if lengths:  # the user has both to fix: the original's table answers this message with the name hint
            name_hint = hint_for(f"A7:{article.kind.value}", limit=ARTICLE_LIMITS["Name"])
            hint = replace(hint, sv=f"{hint.sv} {name_hint.sv}", en=f"{hint.en} {name_hint.en}")
    else:
        details = f"ValidateModelAttributeException - {details}"
        hint = hint_for(f"A7:{article.kind.value}", limit=ARTICLE_LIMITS["Name"])
        rule = "A7"
    return RuleViolation(rule, _prefix(article, op) + f"DeveloperErrorMessage: {details}", hint=hint)


PRICE_MAX = Decimal(99_000_000)  # ArticleApi: NetPrice and GrossPrice 0..99 000 000


def check_prices(article: Article, fields: Mapping[str, Any], op: str) -> RuleViolation | None:
    """Rule A5 within eEkonomi's range: a negative (discount) price or a gross price over 99 000 000 is refused."""
    out_of_range = [
        f"The field {name} must be between 0 and 99000000."
        for name in ("NetPrice", "GrossPrice")
        if isinstance(fields.get(name), Decimal) and not Decimal(0) <= fields[name] <= PRICE_MAX
    ]
    if not out_of_range:
        return None
    hint = hint_for("A5")
    details = "ValidateModelAttributeException - " + " ".join(out_of_range)
    return RuleViolation("A5", _prefix(article, op) + f"DeveloperErrorMessage: {details}", hint=hint)


def check_coding_and_unit(article: Article, ref: ArticleReference) -> RuleViolation | None:
    """Rule A3 needs a "Tjänster x% moms" coding for the VAT rate, rule A4 a unit."""
    if article.vat_rate is not None and ref.service_coding(article.vat_rate) is None:
        name = coding_name_for(article.vat_rate)
        hint = hint_for("A3", coding=name)
        return RuleViolation(
            "A3",
            f"Artikel {article.label}: det finns ingen artikelkontering för tjänster med "
            f'{(article.vat_rate * 100).normalize():f} % moms ("{name}") i Visma eEkonomi.',
            hint=hint,
        )
    if ref.unit_for(article) is None:
        hint = hint_for("A4")
        return RuleViolation("A4", f"Artikel {article.label}: ingen enhet i Visma eEkonomi passar.", hint=hint)
    return None


def duplicate_code(article: Article) -> RuleViolation:
    """Two PM items with one code would both become the same eEkonomi article (rule A2)."""
    hint = hint_for("A2:duplicate", code=article.number)
    return RuleViolation(
        "A2",
        f'Koden {article.number} på {article.kind.swedish} "{article.name}" används av flera poster i Visma PM.',
        hint=hint,
    )


def check_article_for_eekonomi(
    article: Article, fields: Mapping[str, Any], ref: ArticleReference, op: str = "add"
) -> RuleViolation | None:
    return (
        check_code(article)
        or check_name(article, op)
        or check_vat_and_lengths(article, fields, op)
        or check_prices(article, fields, op)
        or check_coding_and_unit(article, ref)
    )


def check_article_for_pm(article: Article) -> RuleViolation | None:
    """eEkonomi -> PM: the article number becomes the product code, which PM requires for matching (A6)."""
    return check_code(article)
