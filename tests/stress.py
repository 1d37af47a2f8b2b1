"""Long, messy articles that stress the printed layouts: the stress set.

Short stories look fine in every layout; long ones are what break a page. This module builds,
as newsdoc model objects, the articles the print tests (tests/test_pdf_stress.py) and the
documentation's pictures are made from:

- :data:`LONG_STORY`: about 3,300 words of English in several sections, with a 40-row table
  and its caption (a row-header column of place names, numbers and one long cell), pictures
  at 16:9, 2:3 and 3:1, a block of code with long lines, a pull quote, ordinary quotes, a
  long URL and a list;
- :data:`ARABIC_STORY`: 600-odd words of Arabic (right to left) with English and Hebrew runs,
  a URL, numbers and percentages;
- :data:`RUSSIAN_STORY`: a Russian story under a headline that wraps to about seven lines;
- :data:`EDITION`: the three as an edition :class:`~newsdoc.Collection`.

All the text is written for these tests. The body paragraphs are put together from sentence
parts with a seeded random generator, so the prose varies in sentence length and rhythm as a
reporter's does, and the same text comes out on every run. The pictures are drawn flat shapes
in tests/fixtures/stress/ (:func:`draw_pictures` draws them again); :data:`BASE_DIR` is the
folder to give the PDF writer as ``base_dir``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

import newsdoc as nd
from newsdoc.model.inline import Code, Emphasis, Link, Strong, Text

__all__ = [
    "ARABIC_STORY",
    "BASE_DIR",
    "EDITION",
    "LONG_STORY",
    "PICTURES",
    "RUSSIAN_STORY",
    "STORIES",
    "draw_pictures",
    "word_count",
]

BASE_DIR = Path(__file__).resolve().parent / "fixtures" / "stress"
#: The pictures by file name: (width, height) in pixels.
PICTURES: dict[str, tuple[int, int]] = {
    "wide-16x9.png": (1600, 900),
    "portrait-2x3.png": (800, 1200),
    "chart-3x1.png": (1500, 500),
}
_TZ = dt.timezone(dt.timedelta(hours=4))
_PUBLISHER = nd.Organization(name="Caucasus Daily Wire", url="https://newsdoc.example.org/")
LONG_URL = (
    "https://newsdoc.example.org/data/2026/05/water-network-survey/"
    "appendix-c-municipal-supply-interruptions-by-district-and-month.csv?format=full&lang=en"
)


# ---------------------------------------------------------------------------------------------
# English prose
# ---------------------------------------------------------------------------------------------

_PLACES = (
    "Tbilisi", "Gyumri", "Vanadzor", "Kutaisi", "Batumi", "Rustavi", "Yerevan", "Dilijan",
    "Ijevan", "Goris", "Kapan", "Zugdidi", "Poti", "Gori", "Telavi", "Borjomi", "Sevan",
    "Abovyan", "Armavir", "Martuni",
)  # fmt: skip
_PEOPLE = (
    ("Nino Kapanadze", "a hydrologist at the regional water agency"),
    ("Armen Grigoryan", "the deputy mayor"),
    ("Tamar Lomidze", "who runs a bakery near the station"),
    ("Hovhannes Sahakyan", "an engineer on the pipeline crew"),
    ("Elene Jaiani", "a schoolteacher"),
    ("Davit Melikyan", "the utility's chief operator"),
)
_OPENERS = (
    "By mid-morning",
    "Across the district",
    "In the older quarters",
    "Since the spring floods",
    "For most households",
    "At the pumping station",
    "Two winters ago",
    "On paper",
    "In practice",
    "According to the survey",
)
# Each subject with what may be said of it, so that the sentences agree and make sense.
_CLAIMS = (
    ("the water network", (
        "has been stretched thinner than anyone planned for",
        "loses almost a third of what it carries before it reaches a tap",
        "tells a different story from the official figures",
    )),
    ("the old cast-iron main", (
        "was last replaced when the street still had a tram line",
        "bursts at least once a month in the cold season",
    )),
    ("the reservoir on the hill", (
        "holds a third less than it did ten years ago",
        "was cut off for a week while the crews cleared the intake",
    )),
    ("the night shift", (
        "works until dawn so that the morning peak can be met",
        "opens the standpipes in the market square at nine",
    )),
    ("the monthly bill", ("rose twice in eighteen months", "is now higher than the rent for some")),
    ("the pressure in the upper streets", (
        "falls each evening as the suburbs fill their tanks",
        "drops to almost nothing by eight o'clock",
    )),
    ("the budget for pipes", (
        "was cut in half and then partly restored",
        "has become the subject of every meeting in the town hall",
    )),
    ("the main pumping station", (
        "depends on a single pump built in another century",
        "runs on a generator whenever the power fails",
    )),
)  # fmt: skip
_TAILS = (
    "and residents have learned to keep a bucket by the door",
    "which is why the engineers want to start with the valves",
    "though nobody at the utility would say so on the record",
    "while the repairs move from one street to the next",
    "as the summer heat arrives earlier each year",
    "even after the new line to the reservoir was opened",
    "and the queue at the standpipe starts before dawn",
    "according to figures the council published in March",
)
_SHORT = (
    "Nobody disputes that.",
    "The numbers are stark.",
    "It did not last.",
    "That changed in April.",
    "The crews are still there.",
    "Few were surprised.",
    "The tap stayed dry.",
    "Then the rain came.",
)


def _sentence(rng: random.Random) -> str:
    """One sentence: short, middling or long, as a reporter's sentences vary."""
    kind = rng.random()
    if kind < 0.18:
        return rng.choice(_SHORT)
    subject, verbs = rng.choice(_CLAIMS)
    verb = rng.choice(verbs)
    if kind < 0.45:
        return f"{subject[0].upper()}{subject[1:]} {verb}."
    opener = rng.choice(_OPENERS)
    if kind < 0.75:
        place = rng.choice(_PLACES)
        return f"{opener} in {place}, {subject} {verb}."
    name, role = rng.choice(_PEOPLE)
    tail = rng.choice(_TAILS)
    return f"{opener}, {subject} {verb}, {tail}, said {name}, {role}."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _paragraphs(rng: random.Random, count: int) -> list[nd.Paragraph]:
    return [nd.Paragraph(content=_paragraph(rng, rng.randint(3, 8))) for _ in range(count)]


_TABLE_HEADER = ("Town", "Households", "Hours a day", "Loss %", "Notes")
_NOTES = (
    "New meters",
    "Pump replaced",
    "",
    "Tanker supply",
    "Valves pending",
    "Main relaid in 2024",
)
_LONG_NOTE = (
    "Supply cut to alternate days through the summer while the main from the reservoir was "
    "relaid; the council paid for tanker deliveries to the two schools and the hospital, and "
    "the night shift opened the standpipes in the market square every evening at nine."
)


def _table(rng: random.Random) -> nd.Table:
    """The survey's table: 40 rows; each row's loss figure is printed by that row alone."""
    rows: list[list[str]] = []
    for number in range(40):
        place = _PLACES[number % len(_PLACES)]
        if number >= len(_PLACES):
            place = f"{place} (district {number // len(_PLACES) + 1})"
        note = _LONG_NOTE if number == 17 else rng.choice(_NOTES)
        rows.append(
            [
                place,
                f"{rng.randint(1, 120) * 100:,}",
                f"{rng.randint(6, 24)}",
                f"{(80 + number * 9 + rng.randint(0, 8)) / 10:.1f}",  # unique: a row's anchor
                note,
            ]
        )
    return nd.Table(
        header=list(_TABLE_HEADER),
        rows=rows,
        caption=(
            "Water supply in forty towns and districts, spring 2026: households served, hours "
            "of supply a day and the share of water lost on the way"
        ),
    )


# Long lines on purpose: a print layout must wrap them without losing a character.
_CODE = "\n".join(
    [
        "# Hourly supply per district, smoothed over half an hour, from the open data file",
        "import pandas as pd",
        'readings = pd.read_csv("appendix-c-municipal-supply-interruptions-by-district-and-'
        'month.csv", parse_dates=["timestamp"])',
        'smoothed = readings.set_index("timestamp").groupby("district")["litres_per_second"]'
        '.rolling("30min").mean()',
        'worst = smoothed.groupby(level="district").min().sort_values().head(10)  # the ten '
        "districts with the lowest trough",
        'print(worst.to_string(float_format=lambda value: f"{value:,.1f} l/s"))',
        "",
    ]
)


def _long_story() -> nd.Article:
    rng = random.Random(23)
    figure = {
        name: nd.Figure(
            src=name,
            alt=alt,
            caption=caption,
            credit="Illustration: newsdoc stress set",
            width=PICTURES[name][0],
            height=PICTURES[name][1],
            media_type="image/png",
        )
        for name, alt, caption in (
            (
                "wide-16x9.png",
                "A wide view of a reservoir below a range of hills",
                "The reservoir above the town holds a third less than it did ten years ago.",
            ),
            (
                "portrait-2x3.png",
                "A tall water tower drawn against a pale sky",
                "The water tower by the station, built in 1958, still feeds the upper streets.",
            ),
            (
                "chart-3x1.png",
                "A bar chart of daily supply hours in twelve months",
                "Hours of supply a day, month by month: the summer trough is deeper every year.",
            ),
        )
    }
    sections = [
        nd.Section(
            blocks=[
                *_paragraphs(rng, 4),
                nd.Quote(
                    text=(
                        "We fix one street and the pressure bursts the pipe in the next. "
                        "It is like mending a net while the fish are still in it."
                    ),
                    speaker=nd.Person(name="Hovhannes Sahakyan", role="Pipeline engineer"),
                ),
                *_paragraphs(rng, 3),
                figure["wide-16x9.png"],
                *_paragraphs(rng, 3),
            ]
        ),
        nd.Section(
            heading="What the survey found",
            blocks=[
                *_paragraphs(rng, 2),
                _table(rng),
                *_paragraphs(rng, 3),
                nd.Quote(
                    text="The tap is not a luxury. It is the first thing a town promises.",
                    kind="pull",
                ),
                *_paragraphs(rng, 3),
                figure["portrait-2x3.png"],
                *_paragraphs(rng, 2),
            ],
        ),
        nd.Section(
            heading="Reading the data yourself",
            blocks=[
                nd.Paragraph(
                    content=[
                        Text(text="The full survey is published as a table of readings at "),
                        Link(href=LONG_URL, children=[Text(text=LONG_URL)]),
                        Text(
                            text=(
                                ". A reader who wants the worst districts can get them in a "
                                "few lines with "
                            )
                        ),
                        Code(text="pandas"),
                        Text(text=", as the utility's own analysts do:"),
                    ]
                ),
                nd.Preformatted(text=_CODE, syntax="python"),
                *_paragraphs(rng, 2),
                figure["chart-3x1.png"],
                *_paragraphs(rng, 3),
                nd.ListBlock(
                    items=[
                        "Replace the valves on the upper streets before the summer.",
                        "Publish the pressure readings every week, district by district.",
                        "Pay for tanker deliveries to schools while the mains are relaid.",
                        "Ask the state fund for the second half of the reservoir repair.",
                    ],
                    ordered=True,
                ),
            ],
        ),
        nd.Section(
            heading="The summer ahead",
            blocks=[
                *_paragraphs(rng, 2),
                nd.Quote(
                    text=(
                        "If the valves are in by July, the upper streets will have water every "
                        "day. If not, we will be back to the buckets."
                    ),
                    speaker=nd.Person(name="Davit Melikyan", role="Chief operator"),
                    place="Vanadzor",
                ),
                *_paragraphs(rng, 2),
                nd.Paragraph(
                    content=[
                        Strong(children=[Text(text="Correction policy: ")]),
                        Emphasis(
                            children=[
                                Text(text="figures in this story come from the survey above.")
                            ]
                        ),
                    ]
                ),
            ],
        ),
    ]
    return nd.Article(
        id="urn:newsdoc:stress:water-network",
        headline="A third of the water never reaches the tap: inside the region's leaking network",
        subheadline="Forty towns surveyed, and the summer trough is deeper every year",
        summary=(
            "A survey of forty towns finds that old mains lose up to 42 per cent of the water "
            "they carry, and that the upper streets of several towns go without for days."
        ),
        bylines=[
            nd.Person(name="Nino Kapanadze-Abashidze", role="Environment correspondent"),
            nd.Person(name="Armen Ter-Grigoryan", role="Data reporter"),
        ],
        dateline=nd.Dateline(place="Vanadzor", country_code="AM", date=dt.date(2026, 5, 4)),
        published=dt.datetime(2026, 5, 4, 9, 30, tzinfo=_TZ),
        updated=dt.datetime(2026, 5, 5, 11, 45, tzinfo=_TZ),
        language="en",
        section="Environment",
        lead_image=nd.Figure(
            src="wide-16x9.png",
            alt="A wide view of a reservoir below a range of hills",
            caption="The reservoir above Vanadzor at the end of April.",
            credit="Illustration: newsdoc stress set",
            width=1600,
            height=900,
            media_type="image/png",
        ),
        sections=sections,
        key_points=[
            nd.KeyPoint(text="Old mains lose up to 42 per cent of the water they carry."),
            nd.KeyPoint(text="Upper streets in several towns get water for six hours a day."),
            nd.KeyPoint(text="New valves are promised before July."),
        ],
        related=[
            nd.RelatedLink(
                url="https://newsdoc.example.org/2026/03/reservoir-repair-fund",
                title="State fund pays for half of the reservoir repair",
                relation="read-also",
                date=dt.date(2026, 3, 12),
            )
        ],
        publisher=_PUBLISHER,
        corrections=[
            nd.Correction(
                date=dt.datetime(2026, 5, 5, 11, 45, tzinfo=_TZ),
                text="An earlier version gave the loss in Gyumri as 24 per cent. It is 34.",
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# Arabic
# ---------------------------------------------------------------------------------------------

_AR_SENTENCES = (
    "افتتحت البلدية صباح الأحد مكتبة عامة جديدة في وسط المدينة بعد ثلاث سنوات من العمل.",
    "تضم المكتبة أكثر من {n} ألف كتاب باللغات العربية والإنجليزية والعبرية والأرمنية.",
    "وقالت مديرة المكتبة إن نسبة الكتب المخصصة للأطفال بلغت {p}% من المجموعة.",
    "ويمكن للزوار حجز الكتب عبر الموقع {url} قبل وصولهم بيوم واحد.",
    "وأضافت أن قاعة القراءة الكبرى تتسع لـ{n} قارئ في وقت واحد.",
    "وتعمل المكتبة من الساعة التاسعة صباحا حتى العاشرة مساء طوال أيام الأسبوع.",
    "وأشار أحد المهندسين إلى أن المبنى يستهلك طاقة أقل بنسبة {p}% من المباني المماثلة.",
    "ويحمل الجناح الجديد اسم {en} تكريما لمتبرع أسهم في تمويل المشروع.",
    "وفي الطابق الثاني ركن للكتب العبرية كتب على لوحته {he} بخط كبير.",
    "وارتفع عدد المشتركين في الأسبوع الأول إلى {n} مشترك، أي بزيادة {p}% عن التوقعات.",
    "ولم يخف بعض السكان قلقهم من ازدحام الشارع المؤدي إلى المبنى في ساعات الذروة.",
    "وتخطط البلدية لفتح فرعين آخرين في الأحياء الشمالية خلال العام المقبل.",
    "وقال طالب جامعي إنه يقضي في القاعة ساعات طويلة لأن الإنترنت فيها سريع ومجاني.",
    "وتبلغ تكلفة المشروع نحو {n} مليون دولار، دفعت الحكومة منها {p}%.",
    "وتستضيف المكتبة كل خميس أمسية للقراءة يشارك فيها كتاب من مدن مختلفة.",
    "وسيبدأ في الشهر المقبل برنامج لتعليم كبار السن استخدام الحاسوب.",
)
_AR_ENGLISH = ("Reading Room", "Open Library Project", "Friends of the Library")
_AR_HEBREW = ("ספרייה ציבורית", "ספרים בעברית", "חדר קריאה")
_AR_URL = "https://library.example.org/ar/reserve?branch=central"


def _arabic_paragraph(rng: random.Random) -> nd.Paragraph:
    sentences = rng.sample(_AR_SENTENCES, rng.randint(4, 6))
    text = " ".join(
        s.format(
            n=rng.randint(12, 950),
            p=rng.randint(5, 60),
            url=_AR_URL,
            en=rng.choice(_AR_ENGLISH),
            he=rng.choice(_AR_HEBREW),
        )
        for s in sentences
    )
    return nd.Paragraph(content=text)


def _arabic_story() -> nd.Article:
    rng = random.Random(6)
    return nd.Article(
        id="urn:newsdoc:stress:library-ar",
        headline="افتتاح مكتبة عامة جديدة في وسط المدينة بعد ثلاث سنوات من العمل",
        subheadline="أكثر من مئة ألف كتاب بأربع لغات وقاعة قراءة تتسع لمئات الزوار",
        bylines=[nd.Person(name="ليلى حداد", role="مراسلة الشؤون الثقافية")],
        dateline=nd.Dateline(place="عمّان", country_code="JO", date=dt.date(2026, 5, 3)),
        published=dt.datetime(2026, 5, 3, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        language="ar",
        section="ثقافة",
        publisher=_PUBLISHER,
        sections=[
            nd.Section(blocks=[_arabic_paragraph(rng) for _ in range(5)]),
            nd.Section(
                heading="قاعة القراءة",
                blocks=[
                    _arabic_paragraph(rng),
                    nd.Quote(
                        text="المكتبة ليست مخزنا للكتب، بل مكان يلتقي فيه الناس.",
                        speaker=nd.Person(name="سلمى الخطيب", role="مديرة المكتبة"),
                    ),
                    *(_arabic_paragraph(rng) for _ in range(4)),
                ],
            ),
        ],
    )


# ---------------------------------------------------------------------------------------------
# Russian
# ---------------------------------------------------------------------------------------------

_RU_HEADLINE = (
    "Городской совет после восьми часов споров, трёх перерывов и одного отключения света "
    "одобрил план ремонта старого трамвайного депо, который жители окраинных районов "
    "обсуждали почти десять лет и который, по словам мэрии, обойдётся городскому бюджету "
    "дешевле, чем строительство нового депо на пустыре у железнодорожного вокзала, "
    "хотя независимые инженеры и часть депутатов с этим по-прежнему не согласны"
)
_RU_SENTENCES = (
    "Заседание началось в десять утра и закончилось уже после наступления темноты.",
    "Депутаты спорили о стоимости работ, о сроках и о том, кто будет отвечать за подрядчика.",
    "Трамвайное депо построено в 1936 году и с тех пор ни разу не ремонтировалось целиком.",
    "В мэрии считают, что ремонт займёт два с половиной года.",
    "Жители соседних улиц опасаются шума и пыли.",
    "Инженеры предлагали снести старые цеха и построить новые на том же месте.",
    "Часть депутатов голосовала против, ссылаясь на доклад независимой комиссии.",
    "По данным мэрии, в депо сейчас обслуживаются сорок два вагона.",
    "Первые работы начнутся осенью, когда закончится сезон отпусков.",
    "Пассажиры почти не заметят перемен, обещают в транспортном управлении.",
    "Вечером свет в зале погас на двадцать минут, и заседание продолжили при фонариках.",
    "Мэр назвал решение компромиссом, который устроит большинство горожан.",
)


def _russian_story() -> nd.Article:
    rng = random.Random(7)
    paragraphs = [
        nd.Paragraph(content=" ".join(rng.sample(_RU_SENTENCES, rng.randint(3, 6))))
        for _ in range(7)
    ]
    return nd.Article(
        id="urn:newsdoc:stress:tram-depot-ru",
        headline=_RU_HEADLINE,
        bylines=[nd.Person(name="Ольга Семёнова-Ковальчук", role="Корреспондент")],
        dateline=nd.Dateline(place="Ванадзор", country_code="AM", date=dt.date(2026, 5, 5)),
        published=dt.datetime(2026, 5, 5, 21, 10, tzinfo=_TZ),
        language="ru",
        section="Город",
        publisher=_PUBLISHER,
        sections=[
            nd.Section(blocks=paragraphs[:4]),
            nd.Section(heading="Что будет с депо", blocks=paragraphs[4:]),
        ],
    )


# ---------------------------------------------------------------------------------------------
# The set
# ---------------------------------------------------------------------------------------------

LONG_STORY = _long_story()
ARABIC_STORY = _arabic_story()
RUSSIAN_STORY = _russian_story()
#: The stories by short name.
STORIES: dict[str, nd.Article] = {
    "long": LONG_STORY,
    "arabic": ARABIC_STORY,
    "russian": RUSSIAN_STORY,
}
EDITION = nd.Collection(
    id="urn:newsdoc:stress:edition",
    title="Caucasus Daily Wire — Stress edition",
    date=dt.date(2026, 5, 6),
    description="A long lead story, an Arabic story and a Russian story with a long headline.",
    publisher=_PUBLISHER,
    language="en",
    articles=[LONG_STORY, ARABIC_STORY, RUSSIAN_STORY],
)


def word_count(article: nd.Article) -> int:
    """The words of ``article``'s body text (paragraphs, quotes, lists, captions and cells)."""
    texts: list[str] = []
    for section in article.sections:
        for block in section.blocks:
            if isinstance(block, nd.Paragraph):
                texts.append(nd.plain_text(block.content))
            elif isinstance(block, nd.Quote):
                texts.append(nd.plain_text(block.text))
            elif isinstance(block, nd.ListBlock):
                texts.extend(nd.plain_text(item) for item in block.items)
            elif isinstance(block, nd.Table):
                texts.extend(nd.plain_text(cell) for row in block.rows for cell in row)
            elif isinstance(block, nd.Figure) and block.caption:
                texts.append(nd.plain_text(block.caption))
    return sum(len(text.split()) for text in texts)


def draw_pictures(folder: Path, names: Sequence[str] = tuple(PICTURES)) -> None:
    """Draw the stress set's pictures into ``folder``: flat shapes, so the files stay small."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        width, height = PICTURES[name]
        image = Image.new("RGB", (width, height), (214, 228, 236))
        draw = ImageDraw.Draw(image)
        if name.startswith("chart"):
            for month in range(12):
                bar = int(height * (0.25 + 0.6 * abs(6 - month) / 6))
                left = 60 + month * (width - 120) // 12
                draw.rectangle(
                    (left, height - bar, left + (width - 120) // 14, height - 30),
                    fill=(40, 90, 140),
                )
            draw.line((40, height - 30, width - 40, height - 30), fill=(20, 20, 20), width=4)
        elif name.startswith("portrait"):
            draw.rectangle(
                (width // 2 - 70, height // 3, width // 2 + 70, height), fill=(120, 110, 100)
            )
            draw.ellipse(
                (width // 2 - 220, height // 8, width // 2 + 220, height // 3 + 80),
                fill=(90, 80, 75),
            )
        else:
            draw.polygon(
                [(0, height * 2 // 3), (width // 3, height // 4), (width * 2 // 3, height // 2),
                 (width, height // 5), (width, height), (0, height)],
                fill=(96, 128, 88),
            )  # fmt: skip
            draw.rectangle((0, height * 3 // 4, width, height), fill=(60, 110, 160))
        image.save(folder / name, optimize=True)


#: The pages docs/pdf.md shows: (document, layout, first pages to show).
SHEETS: dict[str, tuple[nd.Article | nd.Collection, str, int]] = {
    "pdf-long-report": (LONG_STORY, "report", 4),
    "pdf-long-newspaper": (LONG_STORY, "newspaper", 4),
    "pdf-long-edition": (EDITION, "edition", 4),
}


def contact_sheets(folder: Path) -> list[Path]:
    """Write docs/pdf.md's pictures of the stress set into ``folder``: the first pages of each
    layout side by side, small (30 dpi, 64 colours). Needs pdftoppm (poppler-utils)."""
    import subprocess
    import tempfile

    from PIL import Image

    from newsdoc.formats import pdf

    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, (document, layout, count) in SHEETS.items():
            source = Path(work) / f"{name}.pdf"
            source.write_bytes(pdf.write(document, layout=layout, base_dir=str(BASE_DIR)))
            prefix = Path(work) / name
            command = ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", str(count)]
            subprocess.run([*command, str(source), str(prefix)], check=True)
            pages = [Image.open(p).convert("RGB") for p in sorted(Path(work).glob(f"{name}-*.png"))]
            sheet = Image.new("RGB", (sum(p.width + 6 for p in pages) - 6, pages[0].height), "gray")
            left = 0
            for page in pages:
                sheet.paste(page, (left, 0))
                left += page.width + 6
            target = folder / f"{name}.png"
            sheet.quantize(64).save(target, optimize=True)
            written.append(target)
    return written


if __name__ == "__main__":  # pragma: no cover - regenerates the committed pictures
    import sys

    if sys.argv[1:]:  # python -m tests.stress docs/images
        for path in contact_sheets(Path(sys.argv[1])):
            print(path)
    else:
        draw_pictures(BASE_DIR)
        for key, story in STORIES.items():
            print(key, word_count(story), "words")
