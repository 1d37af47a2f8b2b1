"""What the ninjs writer and reader share: versions, schema URIs and the names of 2.x."""

from __future__ import annotations

#: The ninjs versions newsdoc writes.
VERSIONS = ("3.1", "2.2")
SCHEMA_URIS = {
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    "2.2": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
}
BODY_CLASS = "newsdoc-body"
MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/"
COUNTRY_URI = "http://cvx.iptc.org/iso3166-1a2/"
VOID = frozenset({"br", "img", "hr", "col"})
# 3.x property names that 2.x spells differently than by lower-casing them.
TO_2X = {"embargoedUntil": "embargoed"}
_CAMEL = [
    "altIds",
    "aspectRatio",
    "charCount",
    "contactInfo",
    "contentCreated",
    "contentType",
    "copyrightHolder",
    "copyrightNotice",
    "digitalSourceType",
    "edNote",
    "embargoedUntil",
    "encodedRights",
    "eventDetails",
    "firstCreated",
    "frameRate",
    "geoJSON",
    "infoSources",
    "langId",
    "linkedRights",
    "plannedCoverage",
    "postalCode",
    "pubStatus",
    "representationType",
    "rightsInfo",
    "scanType",
    "sizeInBytes",
    "symbolType",
    "transportProtocol",
    "trustIndicators",
    "usageTerms",
    "versionCreated",
    "videoCodec",
    "wordCount",
]
FROM_2X = {name.lower(): name for name in _CAMEL} | {"embargoed": "embargoedUntil"}
