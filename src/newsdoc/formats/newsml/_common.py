"""What the NewsML-G2 writer and reader share: namespaces, codes, and small element helpers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from newsdoc.markup.xml import XML_NS, Element, etree, qname
from newsdoc.model import checks as C
from newsdoc.model.article import (
    CorrectionKind,
    Relation,
)

#: The NewsML-G2 (NAR) namespace.
G2_NS = "http://iptc.org/std/nar/2006-10-01/"
#: newsdoc's namespace for the few values NewsML-G2 has no element for.
ND_NS = "urn:newsdoc:ns:newsml-g2:1"
#: The URI of newsdoc's own scheme of codes (alias ``nd``).
ND_SCHEME = "urn:newsdoc:ns:codes:"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
GENERATOR = "newsdoc"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"
_LANG = qname(XML_NS, "lang")
_NSMAP = {None: G2_NS, "nd": ND_NS}

_RELATIONS = {
    Relation.RELATED: "irel:seeAlso",
    Relation.READ_ALSO: "nd:readAlso",
    Relation.LATEST: "nd:latest",
    Relation.SOURCE: "nd:source",
    Relation.CORRECTION_OF: "nd:correctionOf",
    Relation.TRANSLATION_OF: "nd:translationOf",
    Relation.PREVIOUS_VERSION: "nd:previousVersion",
}
_RELATIONS_BACK = {code: rel for rel, code in _RELATIONS.items()}
_CORRECTION_ROLES = {kind: f"nd:{kind.value}" for kind in CorrectionKind}
_CORRECTION_BACK = {code: kind for kind, code in _CORRECTION_ROLES.items()}
_SIGNALS = {
    CorrectionKind.CORRECTION: "sig:correction",
    CorrectionKind.CLARIFICATION: "sig:correction",
    CorrectionKind.UPDATE: "sig:update",
}
_QCODE_SCHEME = C.Check(lambda v: v.isascii() and v.replace("-", "").isalnum(), "", None)


def _g(local: str) -> str:
    return f"{{{G2_NS}}}{local}"


def _nd(local: str) -> str:
    return f"{{{ND_NS}}}{local}"


def _sub(parent: Element, local: str, text: str | None = None, **attrib: str) -> Element:
    element = etree.SubElement(parent, _g(local), attrib)
    if text is not None:
        element.text = text
    return element


def _when(value: dt.datetime) -> str:
    # The model holds only offsets in whole minutes up to ±14:00, as xs:dateTime wants.
    return value.isoformat()


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")
