"""Generate a Hugo site the size of a long-running blog, for screenshots and benchmarks.

    python scripts/real_size_site.py DEST [--articles N] [--posts N] [--images N] [--seed N]
    python scripts/real_size_site.py DEST --real-size    # 5,000 / 10,000 / 20,000

Articles get TOML or YAML front matter (some after a blank line, as real ones do), prose of
a few hundred to a few thousand words with headings, lists, code and links, and images
copied from the demo site (so every thumbnail is a real, decodable picture; with
``--images`` each copy carries a comment of its own, so no two files have the same bytes).
The homepage lists the newest ``--posts`` articles as teasers, the two newest hidden as
drafts. More posts than articles: the rest link short pages in ``content/archive/`` (a
blog's imported old posts, text only), about one in twelve of them hidden.
Deterministic for a given seed; ``VERSION`` moves whenever the output does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import struct
import sys
import zlib
from pathlib import Path

#: Bumped whenever the same arguments would write a different site (bench caches key on it).
VERSION = 2
#: The real size the speed issue names.
REAL_SIZE = {"articles": 5000, "posts": 10_000, "images": 20_000}

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ["kubernetes", "ai", "ci-cd", "platform", "observability", "security", "misc"]
WORDS = (  # noqa: SIM905 (kept as prose, easier to extend)
    "cluster node pod deployment rollout service mesh ingress gateway controller operator "
    "pipeline build cache artifact registry image container runtime kernel network latency "
    "throughput request response queue topic stream event consumer producer schema migration "
    "database replica shard backup restore snapshot volume storage bucket policy role token "
    "secret certificate rotation audit alert dashboard metric trace span log sampling budget "
    "release version branch merge review commit test coverage flaky retry timeout deadline "
    "team author reader weekend morning coffee lesson mistake habit checklist template draft "
    "simple careful quiet boring reliable small fast honest clear useful practical real"
).split()
VERBS = "keeps makes breaks needs shows hides moves saves reads writes checks runs waits".split()  # noqa: SIM905
TITLE_WORDS = (  # noqa: SIM905
    "Quiet Clusters Boring Pipelines Honest Dashboards Small Models Careful Rollouts Cheap "
    "Backups Clear Alerts Fast Builds Tidy Registries Sane Defaults Real Budgets Useful Traces"
).split()


NOUNS = ("cluster", "pipeline", "build cache", "registry", "dashboard", "alert", "rollout",
         "release", "database", "backup", "team", "review", "test suite", "deadline", "service",
         "queue", "certificate", "budget", "runbook", "migration", "on-call rota", "log")
ADJECTIVES = ("quiet", "boring", "reliable", "small", "honest", "careful", "noisy", "slow",
              "fragile", "cheap", "expensive", "tidy", "old", "new")
TEMPLATES = (
    "The {a} {n} was never the problem; the {n2} that nobody watched was.",
    "We moved the {n} behind the {n2}, and the pages at night stopped.",
    "If the {n} needs a meeting to change, it is not {a} enough yet.",
    "Most teams I talk to keep a {a} {n} and a {a2} {n2}, and only read one of them.",
    "It took us a week to notice that the {n} {v} whenever the {n2} is {a}.",
    "Write down what the {n} {v}, then ask whether anyone still needs it.",
    "A {a} {n} is worth more than a clever one, especially on a Friday.",
    "Nobody reads the {n} until the {n2} breaks, so make it short.",
    "Here is the part that surprised me: the {n} {v} faster than the {n2}.",
    "Keep the {n} {a}, keep the {n2} {a2}, and review both every quarter.",
)


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.55:  # most sentences read like a person wrote them
        text = rng.choice(TEMPLATES).format(
            a=rng.choice(ADJECTIVES), a2=rng.choice(ADJECTIVES), n=rng.choice(NOUNS),
            n2=rng.choice(NOUNS), v=rng.choice(VERBS))
        return text[0].upper() + text[1:]
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"`{rng.choice(WORDS)}`"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _body(rng: random.Random, images: list[str]) -> str:
    parts = [_paragraph(rng)]
    for section in range(rng.randint(2, 8)):
        parts.append(f"## {rng.choice(TITLE_WORDS)} {rng.choice(WORDS)} {section + 1}")
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.15:
                parts.append("**Cons:**\n" + "\n".join(f"* {_sentence(rng)}" for _ in range(3)))
            elif kind < 0.25:
                parts.append("```yaml\n" + "\n".join(f"{w}: {rng.randint(1, 99)}"
                                                     for w in rng.sample(WORDS, 4)) + "\n```")
            elif kind < 0.32 and images:
                parts.append(f"![{rng.choice(WORDS)}]({rng.choice(images)})")
            else:
                parts.append(_paragraph(rng))
    return "\n\n".join(parts) + "\n"


def _title(rng: random.Random, n: int) -> str:
    words = rng.sample(TITLE_WORDS, 3) + [rng.choice(WORDS).title()]
    return " ".join(words) + f" ({n})"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _pictures() -> list[bytes]:
    demo = REPO / "resources" / "demo-site" / "content"
    return [p.read_bytes() for p in sorted([*demo.rglob("*.jpg"), *demo.rglob("*.png")])]


def _varied(picture: bytes, n: int) -> bytes:
    """The same picture with a comment naming copy ``n``: still decodable, other bytes."""
    note = f"real_size_site copy {n}".encode()
    if picture.startswith(b"\xff\xd8"):  # JPEG: a COM segment right after SOI
        return picture[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + picture[2:]
    if picture.startswith(b"\x89PNG\r\n\x1a\n"):  # PNG: a tEXt chunk after IHDR (33 bytes)
        body = b"tEXt" + b"Comment\0" + note
        chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
        return picture[:33] + chunk + picture[33:]
    return picture


def _image_counts(rng: random.Random, articles: int, images: int | None) -> list[int]:
    if images is None:
        return [rng.randint(1, 4) for _ in range(articles)]
    counts = [1] * articles  # every article has its thumbnail
    for n in rng.choices(range(articles), k=max(images - articles, 0)):
        counts[n] += 1
    return counts


def generate(dest: Path, *, articles: int = 1000, posts: int = 300, seed: int = 7,
             images: int | None = None) -> Path:
    """Write the site into ``dest``; ``images`` None: 1 to 4 per article, else exactly that
    many in all (at least one per article)."""
    rng = random.Random(seed)
    if images is None:
        pictures = [p.read_bytes() for p in sorted(
            (REPO / "resources" / "demo-site" / "content").rglob("thumbnail*.jpg"))]
    else:
        pictures = _pictures()
    jpegs = [p for p in pictures if p.startswith(b"\xff\xd8")]
    content = dest / "content"
    content.mkdir(parents=True, exist_ok=True)
    (dest / "hugo.toml").write_text('baseURL = "https://example.org/"\nlanguageCode = "en-us"\n'
                                    'title = "A Long-Running Blog"\n', encoding="utf-8")
    for section in SECTIONS:
        (content / section).mkdir(exist_ok=True)
        (content / section / "_index.md").write_text(
            f"+++\ntitle = '{section.title()}'\n+++\n", encoding="utf-8")
    start = dt.datetime(2019, 1, 7, 7, 0, tzinfo=dt.UTC)
    made: list[tuple[str, str, bool]] = []
    counts = _image_counts(rng, articles, images)
    copy = 0
    for n in range(articles):
        title = _title(rng, n)
        section = SECTIONS[rng.randrange(len(SECTIONS))]
        slug = _slug(title)
        bundle = content / section / slug
        bundle.mkdir(parents=True, exist_ok=True)
        names = []
        for k in range(counts[n]):
            # The thumbnail is a JPEG (the homepage names thumbnail.jpg); figures vary.
            source = jpegs if k == 0 else pictures
            picture = source[rng.randrange(len(source))]
            ext = ".png" if picture.startswith(b"\x89PNG") else ".jpg"
            name = "thumbnail.jpg" if k == 0 else f"figure-{k}{ext}"
            if images is not None:
                picture = _varied(picture, copy)
                copy += 1
            (bundle / name).write_bytes(picture)
            names.append(name)
        date = start + dt.timedelta(hours=n * 48 * 1000 // max(articles, 1000),
                                    minutes=rng.randint(0, 720))
        draft = n >= articles - 2
        if rng.random() < 0.7:
            front = (f"+++\ntitle = {title!r}\ndate = {date.isoformat()}\n"
                     f"draft = {str(draft).lower()}\ntags = ['{section}']\n+++\n")
        else:
            front = f"---\ntitle: \"{title}\"\ndate: {date.isoformat()}\ndraft: {str(draft).lower()}\n---\n"
        lead = "\n" if rng.random() < 0.15 else ""  # Hugo skips leading blank lines
        (bundle / "_index.md").write_text(lead + front + "\n" + _body(rng, names[1:]),
                                          encoding="utf-8")
        made.append((title, f"/{section}/{slug}", True))
    archive = _archive(rng, content, posts - articles, start)
    teasers = []
    newest = [*reversed(made), *archive][:posts]
    for i, (title, link, pictured) in enumerate(newest):
        img = (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
               if pictured else "")
        text = (f"{img}## [{title}]({link})\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n\n"
                f"**[Full article >>]({link})**\n\n")
        hidden = i < 2 or (not pictured and rng.random() < 1 / 12)
        teasers.append(f"<!-- {text}--- -->\n\n" if hidden else f"{text}---\n\n")
    homepage = "+++\ntitle = \"\"\n+++\n\n# Latest Posts\n\n" + "".join(teasers)
    (content / "_index.md").write_text(homepage.rstrip("-\n ") + "\n", encoding="utf-8")
    return dest


def _archive(rng: random.Random, content: Path, count: int,
             before: dt.datetime) -> list[tuple[str, str, bool]]:
    """Short text-only pages of imported old posts, newest first, in content/archive/."""
    if count <= 0:
        return []
    folder = content / "archive"
    folder.mkdir(exist_ok=True)
    (folder / "_index.md").write_text("+++\ntitle = 'Archive'\n+++\n", encoding="utf-8")
    out = []
    for n in range(count):
        title = _title(rng, 100_000 + n)
        slug = _slug(title)
        date = before - dt.timedelta(hours=6 * (n + 1))
        (folder / slug).mkdir(exist_ok=True)
        (folder / slug / "_index.md").write_text(
            f"+++\ntitle = {title!r}\ndate = {date.isoformat()}\ndraft = false\n+++\n\n"
            f"{_paragraph(rng)}\n\n{_paragraph(rng)}\n", encoding="utf-8")
        out.append((title, f"/archive/{slug}", False))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--images", type=int, default=None,
                        help="images in all (default: 1 to 4 per article)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--real-size", action="store_true",
                        help="5,000 articles, a 10,000-post homepage, 20,000 images")
    args = parser.parse_args(argv)
    if args.real_size:
        args.articles, args.posts, args.images = (REAL_SIZE[k] for k in ("articles", "posts", "images"))
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"{args.dest} is not empty", file=sys.stderr)
        return 2
    generate(args.dest, articles=args.articles, posts=args.posts, seed=args.seed,
             images=args.images)
    print(f"wrote {args.dest}: {args.articles} articles, {args.posts} homepage posts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
