"""What the formats that render pages share, below the formats: the one HTML renderer and its
templates' filters (:mod:`newsdoc.render.renderer`), dates for people and for machines
(:mod:`newsdoc.render.dates`), schema.org JSON-LD (:mod:`newsdoc.render.jsonld`), the options
of everything rendered (:mod:`newsdoc.render.options`), and the pictures a page embeds: the
resource loader (:mod:`newsdoc.render.resources`), the SVG check (:mod:`newsdoc.render.svg`)
and picture sizes read from their headers (:mod:`newsdoc.render.pixels`).

Nothing here imports a format; HTML, EPUB, PDF, Word and the feeds import this.
"""
