"""The author a page names in its body, as trafilatura's ``extract_author`` finds it, for less. Pure.

``extract_author`` copies the whole page, deletes from the copy what its discard expressions select
(comment sections, dates, figures and the like), then takes the first element its author
expressions select whose text has a name's length. The copy and the deleting are a third of its
cost, and a page has only a few author candidates. So here the author expressions run on the page
itself and each candidate is checked alone: it is gone from the pruned copy when it or an ancestor
is discarded, which the discard expressions tell when turned to look upwards from the candidate;
its text is that of a copy of it pruned the same way. The author expressions test only element
names and attributes, which deleting other elements does not change, so the candidates, their order
and their texts are those of the pruned copy. A discard expression of a shape this cannot turn
(anything but one ``.//*[...]`` step, or element names alone) leaves the work to ``extract_author``.
"""
from __future__ import annotations

from copy import deepcopy

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, REGEXP_NS

__all__ = ["find_author"]

_MAX_CHARS = 120            # extract_author's bound on a name's length (it also wants more than 2)
_DESCENDANTS = ".//*"


def find_author(tree: HtmlElement) -> str | None:
    """The body's author, or None: the answer of ``trafilatura.metadata.extract_author(tree)``."""
    if _TURNED is None:
        author: str | None = trafilatura_metadata.extract_author(tree)
        return author
    upwards, by_name = _TURNED
    # A set of the elements themselves, not of their ids: it keeps lxml's proxies alive, so that the
    # same element is the same object when it turns up again.
    named = {element for expression in by_name for element in expression(tree)}
    for expression in AUTHOR_XPATHS:
        for candidate in expression(tree):
            if _discarded(candidate, upwards, named):
                continue
            text = trim(" ".join(prune_unwanted_nodes(deepcopy(candidate), AUTHOR_DISCARD_XPATHS).itertext()))
            if 2 < len(text) < _MAX_CHARS:
                return normalize_authors(None, text)
    return None


def _discarded(element: HtmlElement, upwards: list[XPath], named: set[HtmlElement]) -> bool:
    """Whether pruning deletes ``element`` or an ancestor. The ``.//*`` expressions select
    descendants of the page's root, so the root itself (the one without a parent) is never deleted."""
    if element in named or any(ancestor in named for ancestor in element.iterancestors()):
        return True
    return any(match.getparent() is not None for expression in upwards for match in expression(element))


def _turn(expressions: list[XPath]) -> tuple[list[XPath], list[XPath]] | None:
    """The discard expressions of one ``.//*[...]`` step as ``ancestor-or-self::*[...]``, and those
    that select element names alone (``//time|//figure``, cheap on the whole page); None otherwise."""
    upwards: list[XPath] = []
    by_name: list[XPath] = []
    for expression in expressions:
        path = expression.path.strip()
        predicates = path[len(_DESCENDANTS):]
        if path.startswith(_DESCENDANTS + "[") and _only_predicates(predicates):
            upwards.append(XPath("ancestor-or-self::*" + predicates, namespaces={"re": REGEXP_NS}))
        elif all(part.strip().startswith("//") and part.strip()[2:].isalpha() for part in path.split("|")):
            by_name.append(expression)
        else:
            return None
    return upwards, by_name


def _only_predicates(text: str) -> bool:
    """Whether ``text`` is a run of ``[...]`` with nothing between them (quoted brackets aside)."""
    depth, quote = 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and not char.isspace():
            return False
    return depth == 0 and not quote


_TURNED = _turn(AUTHOR_DISCARD_XPATHS)
