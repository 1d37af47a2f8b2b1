"""The model's data form, below the formats: a document as plain JSON data and back.

- :mod:`newsdoc.wire.data`: :func:`~newsdoc.wire.data.to_dict` and
  :func:`~newsdoc.wire.data.from_dict` (and the same as JSON bytes), which the JSON format,
  Markdown's front matter and the PDF's attachment share;
- :mod:`newsdoc.wire.tags`: each block and inline class's tag, the model's classes, the hooks;
- :mod:`newsdoc.wire.fast`: the generated hooks that build and take apart the model's objects;
- :mod:`newsdoc.wire.detailed`: the cattrs converter that names every problem of bad data.

Nothing here imports a format; the formats import this.
"""
