"""Template syntax in Markdown bodies: Hugo shortcodes and Jekyll's Liquid tags.

Static-site generators expand ``{{< name ... >}}`` and ``{{% name ... %}}`` (Hugo) and
``{% tag ... %}`` and ``{{ variable }}`` (Liquid) when they build a site; newsdoc has no site
to expand them against. Before the body is parsed:

- a highlight block (``{{< highlight go >}}`` ... ``{{< /highlight >}}``, ``{% highlight ruby
  %}`` ... ``{% endhighlight %}``) becomes a fenced code block with that language, its lines
  kept as written;
- a Hugo ``figure`` on a line of its own is a figure (``src``, ``alt``, ``caption``, ``attr``
  as its credit, ``width``, ``height``; other parameters are reported);
- ``{% raw %}`` and ``{% endraw %}`` are removed and what is between them kept as written;
- a ``{% comment %}`` ... ``{% endcomment %}`` block or span is left out, reported;
- any other shortcode, tag or ``{{ variable }}`` is left out, each reported with its line
  (``dropped``); text between a paired shortcode's opening and closing tags
  (``{{% note %}}Bring a passport.{{% /note %}}``) stays, as text.

Fenced code and code spans are never touched. Every line keeps its number, so warnings and
errors about the body name the lines of the file.
"""

from __future__ import annotations

import re

from newsdoc.diagnostics import warn

__all__ = ["FIGURE_MARK", "expand_template_syntax"]

#: What stands for a Hugo figure in the body handed to the parser: the mark, its number, the
#: mark again (private-use characters, which no text the reader keeps holds).
FIGURE_MARK = "\ue001"

_TAG = re.compile(
    r"\{\{<\s*(?P<hclose>/)?\s*(?P<hname>[\w./-]*)[^\n]*?>\}\}"
    r"|\{\{%\s*(?P<pclose>/)?\s*(?P<pname>[\w./-]*)[^\n]*?%\}\}"
    r"|\{%-?\s*(?P<lname>\w*)(?P<largs>[^\n]*?)-?%\}"
    r"|\{\{-?(?P<var>[^\n{}]*?)-?\}\}"
)
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
_FIGURE_LINE = re.compile(r"^\s*\{\{[<%]\s*figure\s+(?P<args>[^\n]*?)\s*/?[>%]\}\}\s*$")
_ARG = re.compile(r"""(\w+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))""")
_FIGURE_PARAMS = {
    "src": "src",
    "alt": "alt",
    "caption": "caption",
    "attr": "credit",
    "width": "width",
    "height": "height",
}
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HIGHLIGHT_OPEN = re.compile(
    r"^\s*(?:\{\{[<%]\s*highlight\s+(?P<h>[\w+#.-]+)[^\n]*?[>%]\}\}"
    r"|\{%-?\s*highlight\s+(?P<l>[\w+#.-]+)[^\n]*?-?%\})\s*$"
)
_HIGHLIGHT_CLOSE = re.compile(
    r"^\s*(?:\{\{[<%]\s*/\s*highlight\s*[>%]\}\}|\{%-?\s*endhighlight\s*-?%\})\s*$"
)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_INLINE_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}")
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")
_COMMENT = re.compile(r"^\s*\{%-?\s*comment\s*-?%\}\s*$")
_ENDCOMMENT = re.compile(r"^\s*\{%-?\s*endcomment\s*-?%\}\s*$")


def expand_template_syntax(body: str, offset: int) -> tuple[str, list[dict[str, str]]]:
    """``body`` with its shortcodes and Liquid tags handled as the module docstring says,
    and the parameters of its Hugo figures (each figure's line holds :data:`FIGURE_MARK`,
    its index and the mark again); ``offset`` is the number of lines before the body in the
    file (for the warnings).

    >>> from newsdoc.diagnostics import collect
    >>> with collect() as found:
    ...     text, figures = expand_template_syntax("See {{< ref \\"a.md\\" >}} now.\\n", 4)
    >>> text, [str(d) for d in found]
    ('See now.\\n', ['line 5: Hugo shortcode {{< ref >}} left out (dropped)'])
    """
    figures: list[dict[str, str]] = []
    if "{{" not in body and "{%" not in body:
        return body, figures
    lines = body.split("\n")
    fence: str | None = None  # the fence of the code block we are in
    in_raw = in_comment = False
    for index, line in enumerate(lines):
        where = f"line {index + offset + 1}"
        if fence is not None:
            if _closes(line, fence):
                fence = None
            continue
        if in_comment:
            if _ENDCOMMENT.match(line):
                in_comment = False
            lines[index] = ""
            continue
        if in_raw:
            if _ENDRAW.search(line):
                in_raw = False
                lines[index] = _ENDRAW.sub("", line)
            continue
        opened = _FENCE.match(line)
        if opened is not None:
            fence = opened.group(1)
            continue
        figure = _FIGURE_LINE.match(line)
        if figure is not None and _alone(lines, index):
            figures.append(_figure_params(figure.group("args"), where))
            lines[index] = f"{FIGURE_MARK}{len(figures) - 1}{FIGURE_MARK}"
            continue
        highlight = _HIGHLIGHT_OPEN.match(line)
        if highlight is not None:
            fence = _fence_for(lines, index)
            lines[index] = fence + (highlight.group("h") or highlight.group("l"))
            _close_highlight(lines, index, fence)
            continue
        if _COMMENT.match(line):
            warn("a Liquid comment block left out", code="dropped", where=where)
            in_comment = True
            lines[index] = ""
            continue
        raw = _RAW.search(line)
        if raw is not None:
            before, after = line[: raw.start()], line[raw.end() :]
            if _ENDRAW.search(after):
                lines[index] = _tags(before, where) + _ENDRAW.sub("", after)
            else:
                lines[index] = _tags(before, where) + after
                in_raw = True
            continue
        lines[index] = _tags(line, where)
    return "\n".join(lines), figures


def _alone(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a paragraph of its own (blank lines or the ends around it)."""
    before = index == 0 or not lines[index - 1].strip()
    return before and (index + 1 == len(lines) or not lines[index + 1].strip())


def _figure_params(args: str, where: str) -> dict[str, str]:
    """The parameters of a Hugo figure that the model holds; the others are reported."""
    found: dict[str, str] = {}
    for match in _ARG.finditer(args):
        name = match.group(1)
        value = next(v for v in match.groups()[1:] if v is not None)
        field = _FIGURE_PARAMS.get(name)
        if field is None:
            warn(f"the figure's {name[:40]!r} left out", code="unmapped", where=where)
        else:
            found[field] = value.replace('\\"', '"')
    return found


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and stripped.startswith(fence)
        and set(stripped) == {fence[0]}
    )


def _fence_for(lines: list[str], start: int) -> str:
    """A backtick fence longer than any run of backticks in the highlight block."""
    longest = 2
    for line in lines[start + 1 :]:
        if _HIGHLIGHT_CLOSE.match(line):
            break
        longest = max([longest, *(len(run) for run in re.findall("`+", line))])
    return "`" * (longest + 1)


def _close_highlight(lines: list[str], start: int, fence: str) -> None:
    for index in range(start + 1, len(lines)):
        if _HIGHLIGHT_CLOSE.match(lines[index]):
            lines[index] = fence
            return
    lines.append(fence)  # never closed: the block runs to the end, as an open fence does


def _tags(line: str, where: str) -> str:
    if "{{" not in line and "{%" not in line:
        return line
    if _INLINE_COMMENT.search(line):
        warn("a Liquid comment left out", code="dropped", where=where)
        line = _SPACES.sub(" ", _INLINE_COMMENT.sub("", line))

    def drop(found: re.Match[str]) -> str:
        if found.group("var") is not None:
            what = f"Liquid output {{{{ {found.group('var').strip()[:40]} }}}}"
        elif found.group("lname") is not None:
            what = f"Liquid tag {{% {found.group('lname')[:40]} %}}"
        elif found.group("hname") is not None:
            close = "/" if found.group("hclose") else ""
            what = f"Hugo shortcode {{{{< {close}{found.group('hname')[:40]} >}}}}"
        else:
            close = "/" if found.group("pclose") else ""
            what = f"Hugo shortcode {{{{% {close}{found.group('pname')[:40]} %}}}}"
        warn(f"{what} left out", code="dropped", where=where)
        return ""

    parts = _CODE_SPAN.split(line)  # code spans (odd parts) are kept as written
    for number in range(0, len(parts), 2):
        kept = _TAG.sub(drop, parts[number])
        if kept != parts[number]:  # no double space where a tag stood between words
            kept = _SPACES.sub(" ", kept)
        parts[number] = kept
    return "".join(parts)
