"""The markup layer the formats share: safe XML, article bodies and inline text as elements.

Several formats carry the same markup: NewsML-G2's body is NITF or XHTML, ninjs carries the
XHTML form as its HTML body, NITF files are NITF. What maps that markup to and from the model
lives here once, never inside one format's private modules (pandoc keeps such code in its
``Shared`` modules):

- :mod:`newsdoc.markup.xml`: the one XML parser newsdoc uses on untrusted input (no DTD, no
  entities, no network, size limits) and helpers to build trees;
- :mod:`newsdoc.markup.json_text`: its JSON counterpart, which the newsdoc JSON and ninjs
  readers share (duplicate keys and too deep nesting refused);
- :mod:`newsdoc.markup.inline`: inline nodes to and from NITF or XHTML elements;
- :mod:`newsdoc.markup.body`: sections and blocks to and from NITF, XHTML or HTML bodies
  (reading rules in :mod:`newsdoc.markup.body_reader` and :mod:`newsdoc.markup.body_parts`);
- :mod:`newsdoc.markup.html`: HTML without a namespace (as mammoth, editors and feeds give it)
  parsed and read into sections.

HTML text in strings is parsed by the model's :func:`newsdoc.from_html`, whose rules (which
elements become which nodes, which links are safe) these codecs share.
"""
