"""The part of the OParl 1.1 JSON schema that Ratsarchiv serves, written out for the tests.

No package on PyPI ships the OParl schema, and there is no internet here, so this is written
by hand from the OParl 1.1.1 specification's schema files (schema/System.json, Body.json,
Paper.json, File.json, Organization.json, and chapter 2.5 "Objektlisten und Paginierung"):
the same required fields, the same `type` URL patterns, the same property types and formats.
Stricter than OParl in one way, on purpose: unknown properties are rejected, so a misspelled
field name fails the test instead of being silently ignored by clients.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import jsonschema

URL = {"type": "string", "format": "url"}
URLS = {"type": "array", "items": URL}
TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
COMMON = {"license": TEXT, "keyword": {"type": "array", "items": TEXT}, "created": DATE_TIME,
          "modified": DATE_TIME, "web": URL, "deleted": {"type": "boolean"}}


def _type(name: str) -> dict:
    return {"type": "string", "pattern": rf"^https\:\/\/schema\.oparl\.org\/1\.1\/{name}$"}


def _object(name: str, required: list[str], props: dict) -> dict:
    return {"title": name, "type": "object", "required": ["id", "type", *required],
            "additionalProperties": False,
            "properties": {"id": URL, "type": _type(name), **props, **COMMON}}


FILE = _object("File", ["accessUrl"], {
    "name": TEXT, "fileName": TEXT, "mimeType": TEXT, "date": DATE, "size": {"type": "integer"},
    "sha1Checksum": TEXT, "sha512Checksum": TEXT, "text": TEXT, "accessUrl": URL, "downloadUrl": URL,
    "externalServiceUrl": URL, "masterFile": URL, "derivativeFile": URLS, "fileLicense": URL,
    "meeting": URLS, "agendaItem": URLS, "paper": URLS,
})

PAPER = _object("Paper", [], {
    "body": URL, "name": TEXT, "reference": TEXT, "date": DATE, "paperType": TEXT,
    "relatedPaper": URLS, "superordinatedPaper": URLS, "subordinatedPaper": URLS,
    "mainFile": FILE, "auxiliaryFile": {"type": "array", "items": FILE},
    "location": {"type": "array", "items": {"type": "object"}},
    "originatorPerson": URLS, "underDirectionOf": URLS, "originatorOrganization": URLS,
    "consultation": {"type": "array", "items": {"type": "object"}},
})

SYSTEM = _object("System", ["oparlVersion", "body"], {
    "oparlVersion": {"type": "string", "pattern": r"^https\:\/\/schema\.oparl\.org/1\.(0|1)\/$"},
    "otherOparlVersions": URLS, "license": URL, "body": URL, "name": TEXT, "contactEmail": TEXT,
    "contactName": TEXT, "website": URL, "vendor": URL, "product": URL,
})

BODY = _object("Body", ["name", "organization", "person", "meeting", "paper", "legislativeTerm"], {
    "system": URL, "shortName": TEXT, "name": TEXT, "website": URL, "license": URL,
    "licenseValidSince": DATE_TIME, "oparlSince": DATE_TIME, "ags": TEXT, "rgs": TEXT,
    "equivalent": URLS, "contactEmail": TEXT, "contactName": TEXT, "organization": URL,
    "person": URL, "meeting": URL, "paper": URL, "legislativeTerm": {"type": "array", "items": {"type": "object"}},
    "agendaItem": URL, "consultation": URL, "file": URL, "locationList": URL, "legislativeTermList": URL,
    "membership": URL, "classification": TEXT, "location": {"type": "object"},
})

ORGANIZATION = _object("Organization", [], {
    "body": URL, "name": TEXT, "membership": URLS, "meeting": URL, "consultation": URL,
    "shortName": TEXT, "post": {"type": "array", "items": TEXT}, "subOrganizationOf": URL,
    "organizationType": TEXT, "classification": TEXT, "startDate": DATE, "endDate": DATE,
    "website": URL, "location": {"type": "object"}, "externalBody": URL,
})


def list_of(item: dict) -> dict:
    """A page of an external object list (spec 2.5): data, pagination, links."""
    count = {"type": "integer", "minimum": 0}
    return {"type": "object", "required": ["data", "pagination", "links"],
            "properties": {
                "data": {"type": "array", "items": item},
                "pagination": {"type": "object", "additionalProperties": False, "properties": {
                    "totalElements": count, "elementsPerPage": count, "currentPage": count,
                    "totalPages": count}},
                "links": {"type": "object", "additionalProperties": False, "properties": {
                    k: URL for k in ("first", "prev", "self", "next", "last", "web")}},
            }}


ERROR = {"type": "object", "required": ["type", "message"],
         "properties": {"type": {"const": "https://schema.oparl.org/1.1/Error"}, "message": TEXT}}

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _is_url(value) -> bool:
    parts = urlparse(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date")
def _is_date(value) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(dt.date.fromisoformat(value))


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    # OParl: ISO 8601 with a time zone, e.g. 2011-11-11T11:11:00+01:00
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
        return False
    return dt.datetime.fromisoformat(value).tzinfo is not None


def validate(obj, schema: dict) -> None:
    """Raise jsonschema.ValidationError when obj does not follow the schema (formats checked)."""
    jsonschema.Draft7Validator(schema, format_checker=FORMATS).validate(obj)
