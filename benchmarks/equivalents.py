"""The newsdoc article model written again in msgspec and in pydantic v2, for the benchmarks.

Each mirrors newsdoc's JSON shape (tagged unions on ``"type"``, a bare string for a text run,
ISO 8601 date-times that must carry a time zone) and its main constraints (non-empty strings,
URL and language patterns, number ranges), so the three libraries do comparable work.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
import pydantic
from pydantic import AwareDatetime, Field

# ---------------------------------------------------------------------------------------------
# Shared constraints

TEXT = r"\S"
URL = r"^https?://[^\s/?#]+\S*$"
URL_OR_URN = r"^(?:https?://[^\s/?#]+\S*|urn:[a-zA-Z0-9][a-zA-Z0-9\-]{0,31}:\S+)$"
URI = r"^[a-zA-Z][a-zA-Z0-9+.\-]*:\S+$"
LANG = r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$"
HREF = r"^(?:https?://[^\s/?#]+\S*|mailto:[^\s@]+@\S+|#\S+)$"
SYNTAX = r"^[A-Za-z0-9_+#.-]{1,40}$"

# ---------------------------------------------------------------------------------------------
# msgspec

MText = Annotated[str, msgspec.Meta(min_length=1, pattern=TEXT)]
MUrl = Annotated[str, msgspec.Meta(pattern=URL)]
MLang = Annotated[str, msgspec.Meta(pattern=LANG)]
MWhen = Annotated[dt.datetime, msgspec.Meta(tz=True)]


class MCode(msgspec.Struct, frozen=True, kw_only=True, tag="code", tag_field="type"):
    text: MText


class MLineBreak(msgspec.Struct, frozen=True, kw_only=True, tag="line_break", tag_field="type"):
    pass


class MEmphasis(msgspec.Struct, frozen=True, kw_only=True, tag="emphasis", tag_field="type"):
    children: MInlines


class MStrong(msgspec.Struct, frozen=True, kw_only=True, tag="strong", tag_field="type"):
    children: MInlines


class MLink(msgspec.Struct, frozen=True, kw_only=True, tag="link", tag_field="type"):
    href: Annotated[str, msgspec.Meta(pattern=HREF)]
    children: MInlines
    title: MText | None = None


class MInlineQuote(msgspec.Struct, frozen=True, kw_only=True, tag="inline_quote", tag_field="type"):
    children: MInlines
    lang: MLang | None = None


MInline = str | MEmphasis | MStrong | MLink | MLineBreak | MInlineQuote | MCode
MInlines = str | tuple[MInline, ...]


class MPerson(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    name: MText
    role: MText | None = None
    affiliation: MText | None = None
    url: MUrl | None = None


class MParagraph(
    msgspec.Struct, frozen=True, kw_only=True, tag="paragraph", tag_field="type", omit_defaults=True
):
    content: MInlines
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MQuote(
    msgspec.Struct, frozen=True, kw_only=True, tag="quote", tag_field="type", omit_defaults=True
):
    text: MInlines
    speaker: MPerson | None = None
    place: MText | None = None
    date: dt.date | None = None
    source_url: MUrl | None = None
    kind: Literal["block", "pull"] = "block"
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MListBlock(
    msgspec.Struct, frozen=True, kw_only=True, tag="list", tag_field="type", omit_defaults=True
):
    items: Annotated[tuple[MInlines, ...], msgspec.Meta(min_length=1)]
    ordered: bool = False
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MFigure(
    msgspec.Struct, frozen=True, kw_only=True, tag="figure", tag_field="type", omit_defaults=True
):
    src: MText
    alt: str
    caption: MInlines | None = None
    credit: MText | None = None
    width: Annotated[int, msgspec.Meta(ge=1)] | None = None
    height: Annotated[int, msgspec.Meta(ge=1)] | None = None
    media_type: str | None = None
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MTable(
    msgspec.Struct, frozen=True, kw_only=True, tag="table", tag_field="type", omit_defaults=True
):
    rows: Annotated[tuple[tuple[MInlines, ...], ...], msgspec.Meta(min_length=1)]
    header: tuple[MInlines, ...] = ()
    caption: MInlines | None = None
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MPreformatted(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    tag="preformatted",
    tag_field="type",
    omit_defaults=True,
):
    text: Annotated[str, msgspec.Meta(min_length=1)]
    syntax: Annotated[str, msgspec.Meta(pattern=SYNTAX)] | None = None
    lang: MLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class MSection(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    blocks: tuple[MParagraph | MQuote | MListBlock | MFigure | MTable | MPreformatted, ...]
    heading: MText | None = None


class MGeoPoint(msgspec.Struct, frozen=True, kw_only=True):
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)]


class MDateline(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    place: MText
    country_code: Annotated[str, msgspec.Meta(pattern="^[A-Z]{2}$")] | None = None
    geo: MGeoPoint | None = None
    date: dt.date | None = None


class MSubject(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    scheme: MText
    code: MText
    label: MText | None = None


class MKeyPoint(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    text: MInlines
    topics: tuple[MText, ...] = ()


class MRelatedLink(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    url: Annotated[str, msgspec.Meta(pattern=URL_OR_URN)]
    title: MText
    relation: Literal[
        "related",
        "read-also",
        "latest",
        "source",
        "correction-of",
        "translation-of",
        "previous-version",
    ] = "related"
    description: MText | None = None
    date: dt.date | None = None


class MOrganization(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    name: MText
    url: MUrl | None = None
    id: Annotated[str, msgspec.Meta(pattern=URI)] | None = None


class MRights(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    holder: MText | None = None
    notice: MText | None = None
    usage_terms: MText | None = None
    license_url: MUrl | None = None


class MCorrection(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    date: MWhen
    text: MText
    kind: Literal["correction", "clarification", "update"] = "correction"


class MArticle(
    msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True
):
    newsdoc: Literal[1]
    kind: Literal["article"] = "article"
    id: Annotated[str, msgspec.Meta(pattern=URI)]
    headline: MText
    version: Annotated[int, msgspec.Meta(ge=1)] = 1
    slug: MText | None = None
    subheadline: MText | None = None
    summary: MText | None = None
    bylines: tuple[MPerson, ...] = ()
    dateline: MDateline | None = None
    created: MWhen | None = None
    published: MWhen | None = None
    updated: MWhen | None = None
    language: MLang = "en"
    section: MText | None = None
    genre: MText | None = None
    subjects: tuple[MSubject, ...] = ()
    keywords: tuple[MText, ...] = ()
    lead_image: MFigure | None = None
    sections: tuple[MSection, ...] = ()
    key_points: tuple[MKeyPoint, ...] = ()
    related: tuple[MRelatedLink, ...] = ()
    publisher: MOrganization | None = None
    source: MOrganization | None = None
    canonical_url: MUrl | None = None
    rights: MRights | None = None
    corrections: tuple[MCorrection, ...] = ()
    embargo: MWhen | None = None
    urgency: Annotated[int, msgspec.Meta(ge=1, le=9)] | None = None
    status: Literal["usable", "withheld", "canceled"] = "usable"


_M_DECODER = msgspec.json.Decoder(MArticle)
_M_ENCODER = msgspec.json.Encoder()


def msgspec_load(data: bytes) -> MArticle:
    return _M_DECODER.decode(data)


def msgspec_dump(article: MArticle) -> bytes:
    return _M_ENCODER.encode(article)


# ---------------------------------------------------------------------------------------------
# pydantic v2

PText = Annotated[str, Field(min_length=1, pattern=TEXT)]
PUrl = Annotated[str, Field(pattern=URL)]
PLang = Annotated[str, Field(pattern=LANG)]
Frozen = pydantic.ConfigDict(frozen=True, extra="forbid")


class PModel(pydantic.BaseModel):
    model_config = Frozen


class PCode(PModel):
    type: Literal["code"]
    text: PText


class PLineBreak(PModel):
    type: Literal["line_break"]


class PEmphasis(PModel):
    type: Literal["emphasis"]
    children: PInlines


class PStrong(PModel):
    type: Literal["strong"]
    children: PInlines


class PLink(PModel):
    type: Literal["link"]
    href: Annotated[str, Field(pattern=HREF)]
    children: PInlines
    title: PText | None = None


class PInlineQuote(PModel):
    type: Literal["inline_quote"]
    children: PInlines
    lang: PLang | None = None


PNode = Annotated[
    PEmphasis | PStrong | PLink | PLineBreak | PInlineQuote | PCode, Field(discriminator="type")
]
PInline = str | PNode
PInlines = str | tuple[PInline, ...]


class PPerson(PModel):
    name: PText
    role: PText | None = None
    affiliation: PText | None = None
    url: PUrl | None = None


class PParagraph(PModel):
    type: Literal["paragraph"]
    content: PInlines
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class PQuote(PModel):
    type: Literal["quote"]
    text: PInlines
    speaker: PPerson | None = None
    place: PText | None = None
    date: dt.date | None = None
    source_url: PUrl | None = None
    kind: Literal["block", "pull"] = "block"
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class PListBlock(PModel):
    type: Literal["list"]
    items: Annotated[tuple[PInlines, ...], Field(min_length=1)]
    ordered: bool = False
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class PFigure(PModel):
    type: Literal["figure"]
    src: PText
    alt: str
    caption: PInlines | None = None
    credit: PText | None = None
    width: Annotated[int, Field(ge=1)] | None = None
    height: Annotated[int, Field(ge=1)] | None = None
    media_type: str | None = None
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class PTable(PModel):
    type: Literal["table"]
    rows: Annotated[tuple[tuple[PInlines, ...], ...], Field(min_length=1)]
    header: tuple[PInlines, ...] = ()
    caption: PInlines | None = None
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


class PPreformatted(PModel):
    type: Literal["preformatted"]
    text: Annotated[str, Field(min_length=1)]
    syntax: Annotated[str, Field(pattern=SYNTAX)] | None = None
    lang: PLang | None = None
    dir: Literal["ltr", "rtl"] | None = None


PBlock = Annotated[
    PParagraph | PQuote | PListBlock | PFigure | PTable | PPreformatted,
    Field(discriminator="type"),
]


class PSection(PModel):
    blocks: tuple[PBlock, ...]
    heading: PText | None = None


class PGeoPoint(PModel):
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]


class PDateline(PModel):
    place: PText
    country_code: Annotated[str, Field(pattern="^[A-Z]{2}$")] | None = None
    geo: PGeoPoint | None = None
    date: dt.date | None = None


class PSubject(PModel):
    scheme: PText
    code: PText
    label: PText | None = None


class PKeyPoint(PModel):
    text: PInlines
    topics: tuple[PText, ...] = ()


class PRelatedLink(PModel):
    url: Annotated[str, Field(pattern=URL_OR_URN)]
    title: PText
    relation: Literal[
        "related",
        "read-also",
        "latest",
        "source",
        "correction-of",
        "translation-of",
        "previous-version",
    ] = "related"
    description: PText | None = None
    date: dt.date | None = None


class POrganization(PModel):
    name: PText
    url: PUrl | None = None
    id: Annotated[str, Field(pattern=URI)] | None = None


class PRights(PModel):
    holder: PText | None = None
    notice: PText | None = None
    usage_terms: PText | None = None
    license_url: PUrl | None = None


class PCorrection(PModel):
    date: AwareDatetime
    text: PText
    kind: Literal["correction", "clarification", "update"] = "correction"


class PArticle(PModel):
    newsdoc: Literal[1]
    kind: Literal["article"] = "article"
    id: Annotated[str, Field(pattern=URI)]
    headline: PText
    version: Annotated[int, Field(ge=1)] = 1
    slug: PText | None = None
    subheadline: PText | None = None
    summary: PText | None = None
    bylines: tuple[PPerson, ...] = ()
    dateline: PDateline | None = None
    created: AwareDatetime | None = None
    published: AwareDatetime | None = None
    updated: AwareDatetime | None = None
    language: PLang = "en"
    section: PText | None = None
    genre: PText | None = None
    subjects: tuple[PSubject, ...] = ()
    keywords: tuple[PText, ...] = ()
    lead_image: PFigure | None = None
    sections: tuple[PSection, ...] = ()
    key_points: tuple[PKeyPoint, ...] = ()
    related: tuple[PRelatedLink, ...] = ()
    publisher: POrganization | None = None
    source: POrganization | None = None
    canonical_url: PUrl | None = None
    rights: PRights | None = None
    corrections: tuple[PCorrection, ...] = ()
    embargo: AwareDatetime | None = None
    urgency: Annotated[int, Field(ge=1, le=9)] | None = None
    status: Literal["usable", "withheld", "canceled"] = "usable"


def pydantic_load(data: bytes) -> PArticle:
    return PArticle.model_validate_json(data, strict=True)


def pydantic_dump(article: PArticle) -> bytes:
    return article.model_dump_json(exclude_defaults=True).encode()
