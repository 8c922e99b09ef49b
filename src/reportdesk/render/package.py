"""The package around the text: parts, settings and properties Word and WPS read on opening.

Every document — built template, rendered report (from any template), sign-off sheet — goes
through :func:`tidy` before it is saved, so none carries what python-docx's base document left:

- ``stylesWithEffects.xml``, Word 2010's copy of the styles: it no longer matches styles.xml once
  styles are added, and Word may then "repair" the file. It is optional; Word 2013+ writes none.
- the thumbnail of some other document (``docProps/thumbnail.jpeg``) and the setting that asks
  Word to save one;
- ``compatibilityMode`` 14, which opens in 兼容模式: Word 2013+ layout is mode 15;
- ``themeFontLang`` ja-JP: theme fonts of a Chinese document are chosen for zh-CN;
- the properties of an empty Mac Word file: the author is the agency, the application reportdesk,
  and the statistics (pages, characters, paragraphs) are the document's own.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

APPLICATION = "reportdesk"
COMPATIBILITY_MODE = "15"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
WORD_URI = "http://schemas.microsoft.com/office/word"

# The children of w:settings that follow w:compat (and w:themeFontLang) in schema order; elements
# of later namespaces (w14:docId …) come last of all.
_AFTER_COMPAT = (
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
_AFTER_THEME_FONT_LANG = _AFTER_COMPAT[_AFTER_COMPAT.index("themeFontLang") + 1 :]
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _insert_before(parent: Any, child: Any, followers: tuple[str, ...]) -> None:
    """Insert ``child`` before the first element of ``followers`` or of another namespace."""
    for i, existing in enumerate(parent):
        tag = existing.tag
        if not isinstance(tag, str):
            continue
        if not tag.startswith(_W) or tag[len(_W) :] in followers:
            parent.insert(i, child)
            return
    parent.append(child)


def _settings(settings: Any) -> None:
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        _insert_before(settings, compat, _AFTER_COMPAT)
    mode = next(
        (s for s in compat.findall(qn("w:compatSetting")) if s.get(qn("w:name")) == "compatibilityMode"),
        None,
    )
    if mode is None:
        mode = OxmlElement("w:compatSetting")
        mode.set(qn("w:name"), "compatibilityMode")
        mode.set(qn("w:uri"), WORD_URI)
        compat.append(mode)
    mode.set(qn("w:val"), COMPATIBILITY_MODE)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        _insert_before(settings, lang, _AFTER_THEME_FONT_LANG)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)


def _drop_rels(rels: Any, reltype: str) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
        del rels[rid]


def tidy(doc: Any) -> None:
    """Drop stylesWithEffects and any thumbnail; compatibility mode 15, theme fonts for zh-CN."""
    _drop_rels(doc.part.rels, STYLES_WITH_EFFECTS)
    _drop_rels(doc.part.package.rels, RT.THUMBNAIL)
    _settings(doc.settings.element)


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_LATIN_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def _statistics(doc: Any) -> dict[str, int]:
    """Word's counts of the main text (tables included): words count each Chinese character
    and each run of other characters; characters without and with spaces; non-empty paragraphs."""
    body = doc.element.body
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    texts = [t for t in texts if t.strip()]
    joined = "\n".join(texts)
    return {
        "Words": len(_CJK.findall(joined)) + len(_LATIN_WORD.findall(joined)),
        "Characters": sum(1 for c in joined if not c.isspace()),
        "CharactersWithSpaces": sum(len(t) for t in texts),
        "Paragraphs": len(texts),
    }


def _app_part(doc: Any) -> Any:
    for rel in doc.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            return rel.target_part
    return None


def app_properties_xml(pages: int, company: str, statistics: dict[str, int]) -> bytes:
    """``docProps/app.xml``: the application, the page count and the document's own statistics."""
    stats = "".join(f"<{k}>{v}</{k}>" for k, v in statistics.items())
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Pages>{pages}</Pages>{stats}"
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{escape(company)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def set_properties(doc: Any, *, author: str, pages: int) -> None:
    """The agency as author (and company), reportdesk as the application, the real statistics."""
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.revision = 1
    part = _app_part(doc)
    if part is not None:
        part._blob = app_properties_xml(pages, author, _statistics(doc))
