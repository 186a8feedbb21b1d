"""A deterministic corpus of synthetic blog posts in MyST Markdown.

``generate(root, n, tags=None, seed=1)`` writes *n* posts to
``root/posts/YYYY/post-NNNNN.md``: dates spread over ten years, one to four
tags drawn with Zipf-like popularity from *tags* tags, 300 to 800 words with
headings, a list, a code block and a link. The same seed gives the same
files, byte for byte.

The front matter suits both blog extensions benchmarked: sphinx-blogarchive
reads ``date``, ``tags``, ``category`` and ``author``; ABlog also needs
``blogpost: true``, which sphinx-blogarchive ignores. Tags are written as
comma-separated text, which both read.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

#: First day of the ten years the posts are spread over.
START = dt.date(2016, 1, 1)
DAYS = 3652
CATEGORIES = ("essay", "note", "tutorial", "review", "news")
AUTHORS = ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra")
#: The last paragraph of every post ends with this sentence; ``edit_body`` changes it.
END_MARK = "End of post."
_WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "data leverage model system user label train network archive signal value power "
    "market public policy collective action platform content search query index build "
    "release review source commit branch merge test result figure table measure sample "
    "average median cost time memory page tag year author reader writer editor draft "
    "feed link theme layout sidebar toctree domain role directive parser token output "
    "input cache record key manifest render write read change delete add update patch "
    "small large fast slow steady growth scale limit bound linear quadratic constant "
    "the a of to and in for on with by from as at is are was be this that it we they"
).split()


def tag_names(count: int) -> list[str]:
    """The names of *count* tags, most popular first."""
    return [f"topic-{i:03d}" for i in range(1, count + 1)]


def default_tags(n: int) -> int:
    """A tag vocabulary that grows like the square root of the number of posts."""
    return max(8, round(2 * n**0.5))


def _sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> tuple[str, int]:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences), count


def post_text(rng: random.Random, number: int, tags: list[str], date: dt.date) -> str:
    """One post: front matter, a title, sections with a list, a code block and a link."""
    weights = [1 / (rank**1.1) for rank in range(1, len(tags) + 1)]
    chosen: list[str] = []
    for _ in range(rng.randint(1, 4)):
        tag = rng.choices(tags, weights)[0]
        if tag not in chosen:
            chosen.append(tag)
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 7))).title()
    target = rng.randint(300, 800)
    lines = [
        "---",
        f"date: {date.isoformat()}",
        f"tags: {', '.join(chosen)}",
        f"category: {rng.choice(CATEGORIES)}",
        f"author: {rng.choice(AUTHORS)}",
        "blogpost: true",
        "---",
        "",
        f"# {title} {number}",
        "",
    ]
    words = 0
    intro, count = _paragraph(rng, 40)
    lines += [intro, ""]
    words += count
    sections = rng.randint(2, 4)
    for section in range(sections):
        lines += [f"## {_sentence(rng, 2, 5).rstrip('.')}", ""]
        if section == 0:
            items = [f"- {_sentence(rng, 3, 8)}" for _ in range(rng.randint(3, 5))]
            lines += [*items, ""]
            words += sum(len(item.split()) - 1 for item in items)
        if section == 1:
            lines += [
                "```python",
                f"def post_{number}(values):",
                "    return sorted(v for v in values if v)",
                "```",
                "",
                f"More in [the reference](https://example.org/ref/{number}).",
                "",
            ]
            words += 3
        share = max(20, (target - words) // (sections - section))
        para, count = _paragraph(rng, share)
        lines += [para, ""]
        words += count
    lines += [f"Thanks for reading. {END_MARK}", ""]
    return "\n".join(lines)


def generate(root: Path, n: int, tags: int | None = None, seed: int = 1) -> list[Path]:
    """Write *n* posts under ``root/posts``; return their paths in creation order."""
    rng = random.Random(seed)
    names = tag_names(tags if tags is not None else default_tags(n))
    paths: list[Path] = []
    for number in range(1, n + 1):
        date = START + dt.timedelta(days=rng.randrange(DAYS))
        path = root / "posts" / str(date.year) / f"post-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post_text(rng, number, names, date), encoding="utf-8")
        paths.append(path)
    return paths


def new_post(root: Path, n: int, tags: int | None = None, seed: int = 1) -> Path:
    """Write one more post, dated the day after the ten years (the newest)."""
    rng = random.Random(seed + 1_000_003)
    names = tag_names(tags if tags is not None else default_tags(n))
    date = START + dt.timedelta(days=DAYS)
    path = root / "posts" / str(date.year) / "post-added.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(rng, n + 1, names, date), encoding="utf-8")
    return path


def edit_body(path: Path) -> None:
    """Change one word of the last paragraph: no title, date, tag, excerpt or length change."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(END_MARK, "Fin of post."), encoding="utf-8")


def retag(path: Path, n: int, tags: int | None = None) -> None:
    """Replace the post's first tag with the most popular tag it does not have."""
    names = tag_names(tags if tags is not None else default_tags(n))
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\ntags: ")
    line, _, tail = rest.partition("\n")
    current = [t.strip() for t in line.split(",")]
    other = next(name for name in names if name not in current)
    new = ", ".join([other, *current[1:]])
    path.write_text(f"{head}\ntags: {new}\n{tail}", encoding="utf-8")
