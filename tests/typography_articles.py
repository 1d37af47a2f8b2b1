"""Long articles of our own that strain print typography: names, URLs, code, pull quotes,
right-to-left text with left-to-right runs, and a long Russian story for hyphenation.

The texts are written for these tests (composed from the sentences below, so each article is
long without repeating one paragraph word for word).
"""

from __future__ import annotations

import itertools

import newsdoc as nd

LONG_URL = "https://open-data.transport-ministry.example/rail-freight/border-crossings-2026.csv"
CODE = (
    "import pandas as pd\n"
    "\n"
    "def border_load(frame):\n"
    '    hourly = frame.set_index("timestamp").resample("1h").sum()\n'
    "    smoothed = hourly.rolling_mean(minutes=30, centre=True, fill_gaps_with_previous=True)\n"
    '    return smoothed.clip(lower=0, upper=frame.attrs["capacity_limit_megawatts"])\n'
)
NAMES = ["Hakobyan", "Beridze", "Tbilisi", "Gyumri", "Vanadzor", "Sadakhlo", "Khachatryan"]

_EN = [
    "Freight trains between Gyumri and Tbilisi ran on time for the first week since the "
    "winter timetable began, the railway's operations director Anahit Hakobyan said.",
    "At the Sadakhlo crossing, customs officers checked containers with handheld scanners, "
    "cutting the average wait from four hours to just under ninety minutes.",
    "Giorgi Beridze, who drives the overnight service from Vanadzor, described the new "
    "arrangements as unrecognisable compared with the congestion of previous winters.",
    "The ministry publishes the hourly crossings at " + LONG_URL + " every Monday morning, "
    "together with a summary of delays and their causes.",
    "Khachatryan, an economist at the university in Gyumri, warned that the improvement "
    "depends on the maintenance crews keeping the mountain section clear of snow.",
    "Passengers on the international service noticed the difference too: the carriages "
    "were heated throughout, and the restaurant car reopened after three years.",
    "Hauliers nevertheless complained that the documentation requirements remain "
    "extraordinarily complicated, especially for refrigerated agricultural consignments.",
]

_RU = [
    "Железнодорожники Гюмри и Тбилиси впервые за несколько лет выполнили зимнее расписание "
    "грузовых перевозок без существенных задержек на пограничных переходах.",
    "Представители таможенной администрации подчеркнули, что модернизированное "
    "досмотровое оборудование значительно ускорило оформление контейнерных поездов.",
    "Экономисты предупреждают, что благоприятная конъюнктура сохранится лишь при условии "
    "своевременного финансирования ремонтно-восстановительных работ на горном участке.",
    "Перевозчики сельскохозяйственной продукции жалуются на необходимость предоставлять "
    "многочисленные сопроводительные документы и согласовывать их с контролирующими "
    "организациями.",
    "Начальник Ванадзорского отделения железной дороги Анаит Акопян заявила, что "
    "пропускная способность перегона увеличилась приблизительно на сорок процентов.",
    "Международный пассажирский поезд теперь отапливается круглосуточно, а вагон-ресторан "
    "возобновил работу после трёхлетнего перерыва, вызванного недостаточной загруженностью.",
]


def _paragraphs(sentences: list[str], count: int, per: int = 3) -> list[nd.Paragraph]:
    cycle = itertools.cycle(range(len(sentences)))
    found = []
    for index in range(count):
        chosen = [sentences[next(cycle)] for _ in range(per)]
        # Rotate so that no two paragraphs are word for word the same.
        shift = index % per
        found.append(nd.Paragraph(content=" ".join(chosen[shift:] + chosen[:shift])))
    return found


def english() -> nd.Article:
    """A long English story: names, a long URL, in-text links, code, a pull quote, a table."""
    body = _paragraphs(_EN, 14)
    linked = nd.Paragraph(
        content=[
            nd.Text(text="The figures are in "),
            nd.Link(href="https://railway.example/reports/winter-2026", children="the report"),
            nd.Text(text=" and the timetable on "),
            nd.Link(href="https://timetable.example/gyumri-tbilisi", children="its own page"),
            nd.Text(text=". The model uses "),
            nd.Code(text="border_load(frame)"),
            nd.Text(text=" on the hourly data."),
        ]
    )
    pull = nd.Quote(
        text="Compared with the congestion of previous winters, the crossing is "
        "unrecognisable, and the drivers have noticed it before anyone else.",
        kind="pull",
        speaker=nd.Person(name="Giorgi Beridze", role="driver"),
        place="Vanadzor",
    )
    said = nd.Quote(
        text="The crossing in Tbilisi has never been quicker.",
        speaker=nd.Person(name="Anahit Hakobyan", role="operations director"),
        place="Tbilisi",
    )
    table = nd.Table(
        caption="Crossings by station",
        header=["Station", "Trains", "Average wait"],
        rows=[[n, str(10 + i), f"{40 + i} min"] for i, n in enumerate(NAMES)],
    )
    sections = [
        nd.Section(blocks=[*body[:4], linked, pull, *body[4:6], said, body[6]]),
        nd.Section(
            heading="How the load is measured",
            blocks=[body[7], nd.Preformatted(text=CODE, syntax="python"), *body[8:11], table],
        ),
        nd.Section(heading="What comes next", blocks=body[11:]),
    ]
    return nd.Article(
        id="urn:newsdoc:test:typography-en",
        headline="Winter freight between Gyumri and Tbilisi runs on time",
        bylines=[nd.Person(name="Anahit Khachatryan"), nd.Person(name="Levan Beridze")],
        dateline=nd.Dateline(place="Gyumri"),
        sections=sections,
        related=[
            nd.RelatedLink(
                url="https://railway.example/news/2025/border-crossing-reopens",
                title="The border crossing reopens",
            )
        ],
    )


def russian() -> nd.Article:
    """A long Russian story in long words: the hyphenation test."""
    body = _paragraphs(_RU, 24)
    return nd.Article(
        id="urn:newsdoc:test:typography-ru",
        headline="Зимние грузовые перевозки между Гюмри и Тбилиси идут по расписанию",
        language="ru",
        bylines=[nd.Person(name="Анаит Акопян")],
        dateline=nd.Dateline(place="Ванадзор"),
        sections=[nd.Section(blocks=body[:12]), nd.Section(heading="Что дальше", blocks=body[12:])],
    )


ARABIC_URL = "https://library.example/ar/opening-2026"


def arabic(repeat: int = 3) -> nd.Article:
    """An Arabic story with English and Hebrew runs, a URL and percentages (its paragraphs
    ``repeat`` times)."""
    paragraphs = [
        nd.Paragraph(
            content="افتتحت البلدية مكتبة عامة جديدة، وارتفع عدد الزوار بنسبة 40% في الأسبوع الأول."
        ),
        nd.Paragraph(
            content="وقالت المديرة إن المكتبة نفسها، أو كما كتبت بالإنجليزية the library itself "
            "is open to everyone، ستبقى مفتوحة سبعة أيام في الأسبوع."
        ),
        nd.Paragraph(content=f"يمكن الاطلاع على البرنامج الكامل في {ARABIC_URL} قبل الزيارة."),
        nd.Paragraph(
            content="وتضم المكتبة قسماً للكتب العبرية بعنوان ספרייה חדשה إلى جانب الكتب العربية، "
            "وتبلغ نسبة الكتب المترجمة 25% من المجموع."
        ),
        nd.Paragraph(
            content="Readers can borrow up to five books at a time and renew them online.",
            lang="en",
        ),
    ]
    return nd.Article(
        id="urn:newsdoc:test:typography-ar",
        headline="افتتاح مكتبة عامة جديدة في وسط المدينة",
        language="ar",
        sections=[nd.Section(blocks=paragraphs * repeat)],
    )


def edition() -> nd.Collection:
    """An English edition with the Arabic story in it (its headline in the running head)."""
    return nd.Collection(
        id="urn:newsdoc:test:typography-edition",
        title="The Morning Wire",
        articles=[english(), arabic()],
    )
