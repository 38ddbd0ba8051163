"""Generate a Hugo site the size of a long-running blog, for screenshots and benchmarks.

    python scripts/real_size_site.py DEST [--articles N] [--posts N] [--seed N]

Articles get TOML or YAML front matter (some after a blank line, as real ones do), prose of
a few hundred to a few thousand words with headings, lists, code and links, and images
copied from the demo site (so every thumbnail is a real, decodable picture). The homepage
lists the newest ``--posts`` articles as teasers, the two newest hidden as drafts.
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path

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


def _sentence(rng: random.Random) -> str:
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


def generate(dest: Path, *, articles: int = 1000, posts: int = 300, seed: int = 7) -> Path:
    rng = random.Random(seed)
    demo_images = sorted((REPO / "resources" / "demo-site" / "content").rglob("thumbnail*.jpg"))
    pictures = [p.read_bytes() for p in demo_images]
    content = dest / "content"
    content.mkdir(parents=True, exist_ok=True)
    (dest / "hugo.toml").write_text('baseURL = "https://example.org/"\nlanguageCode = "en-us"\n'
                                    'title = "A Long-Running Blog"\n', encoding="utf-8")
    for section in SECTIONS:
        (content / section).mkdir(exist_ok=True)
        (content / section / "_index.md").write_text(
            f"+++\ntitle = '{section.title()}'\n+++\n", encoding="utf-8")
    start = dt.datetime(2019, 1, 7, 7, 0, tzinfo=dt.UTC)
    made: list[tuple[str, str]] = []
    for n in range(articles):
        title = _title(rng, n)
        section = SECTIONS[rng.randrange(len(SECTIONS))]
        slug = _slug(title)
        bundle = content / section / slug
        bundle.mkdir(parents=True, exist_ok=True)
        images = []
        for k in range(rng.randint(1, 4)):
            name = "thumbnail.jpg" if k == 0 else f"figure-{k}.jpg"
            (bundle / name).write_bytes(pictures[rng.randrange(len(pictures))])
            images.append(name)
        date = start + dt.timedelta(days=n * 2, hours=rng.randint(0, 12))
        draft = n >= articles - 2
        if rng.random() < 0.7:
            front = (f"+++\ntitle = {title!r}\ndate = {date.isoformat()}\n"
                     f"draft = {str(draft).lower()}\ntags = ['{section}']\n+++\n")
        else:
            front = f"---\ntitle: \"{title}\"\ndate: {date.isoformat()}\ndraft: {str(draft).lower()}\n---\n"
        lead = "\n" if rng.random() < 0.15 else ""  # Hugo skips leading blank lines
        (bundle / "_index.md").write_text(lead + front + "\n" + _body(rng, images[1:]),
                                          encoding="utf-8")
        made.append((title, f"/{section}/{slug}"))
    teasers = []
    newest = list(reversed(made))[:posts]
    for i, (title, link) in enumerate(newest):
        text = (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
                f"## [{title}]({link})\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n\n"
                f"**[Full article >>]({link})**\n\n")
        teasers.append(f"<!-- {text}--- -->\n\n" if i < 2 else f"{text}---\n\n")
    homepage = "+++\ntitle = \"\"\n+++\n\n# Latest Posts\n\n" + "".join(teasers)
    (content / "_index.md").write_text(homepage.rstrip("-\n ") + "\n", encoding="utf-8")
    return dest


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"{args.dest} is not empty", file=sys.stderr)
        return 2
    generate(args.dest, articles=args.articles, posts=args.posts, seed=args.seed)
    print(f"wrote {args.dest}: {args.articles} articles, {args.posts} homepage posts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
