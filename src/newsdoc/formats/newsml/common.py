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
XML_LANG_ATTR = qname(XML_NS, "lang")
NSMAP = {None: G2_NS, "nd": ND_NS}

RELATIONS = {
    Relation.RELATED: "irel:seeAlso",
    Relation.READ_ALSO: "nd:readAlso",
    Relation.LATEST: "nd:latest",
    Relation.SOURCE: "nd:source",
    Relation.CORRECTION_OF: "nd:correctionOf",
    Relation.TRANSLATION_OF: "nd:translationOf",
    Relation.PREVIOUS_VERSION: "nd:previousVersion",
}
RELATIONS_BACK = {code: rel for rel, code in RELATIONS.items()}
CORRECTION_ROLES = {kind: f"nd:{kind.value}" for kind in CorrectionKind}
CORRECTION_BACK = {code: kind for kind, code in CORRECTION_ROLES.items()}
SIGNALS = {
    CorrectionKind.CORRECTION: "sig:correction",
    CorrectionKind.CLARIFICATION: "sig:correction",
    CorrectionKind.UPDATE: "sig:update",
}
QCODE_SCHEME = C.Check(lambda v: v.isascii() and v.replace("-", "").isalnum(), "", None)


def g2_tag(local: str) -> str:
    return f"{{{G2_NS}}}{local}"


def nd_tag(local: str) -> str:
    return f"{{{ND_NS}}}{local}"


def sub_element(parent: Element, local: str, text: str | None = None, **attrib: str) -> Element:
    element = etree.SubElement(parent, g2_tag(local), attrib)
    if text is not None:
        element.text = text
    return element


def g2_datetime(value: dt.datetime) -> str:
    # The model holds only offsets in whole minutes up to ±14:00, as xs:dateTime wants.
    return value.isoformat()


def decimal_text(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")
