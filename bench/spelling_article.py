"""A realistic 266 KB Markdown article (the largest real article's size) for spelling benchmarks.

Prose paragraphs with the occasional typo, fenced code, shortcodes, links, images, tables and
raw HTML, in the proportions of the real blog's long articles. Deterministic (seeded).
"""

from __future__ import annotations

import random

_VOCABULARY = (
    "the a of to and in that is for it we with as on be this are can by what not or from "
    "have you will but all they which one do more if about when there so would their out up "
    "cluster deployment application release promotion environment production pipeline "
    "container image registry manifest controller resource operator policy secret configuration "
    "developer platform service database network storage monitoring metrics traces logs "
    "Kubernetes GitOps Crossplane Argo Helm Terraform Backstage Prometheus Grafana "
    "however, therefore, meanwhile, eventually, actually, probably, obviously, surprisingly "
    "create update remove manage operate deploy validate observe promote reconcile ensure "
    "simple complicated important valuable useful horrible brilliant flawed expected real"
)
_WORDS = _VOCABULARY.split()
_TYPOS = ["officiently", "compeling", "runnning", "recieve", "seperate", "definately", "teh"]
_CODE = """```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: silly-demo
  labels:
    app.kubernetes.io/name: silly-demo
spec:
  replicas: 3
  template:
    spec:
      containers:
        - image: ghcr.io/vfarcic/silly-demo:1.4.235
          name: silly-demo
```"""
_SHELL = """```sh
kubectl --namespace a-team apply --filename k8s/deploy.yaml

crossplane beta trace clusterclaim cluster-01 --namespace a-team
```"""


def _sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(_WORDS) for _ in range(n)]
    if rng.random() < 0.05:
        words[rng.randrange(n)] = rng.choice(_TYPOS)
    if rng.random() < 0.2:
        i = rng.randrange(n)
        words[i] = f"`{words[i]}`"
    if rng.random() < 0.15:
        i = rng.randrange(n)
        words[i] = f"[{words[i]}](https://github.com/vfarcic/{words[i]}-demo)"
    if rng.random() < 0.05:
        words.append("🎉")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_article(size: int = 266_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["+++\ntitle = 'A Very Long Article'\ndate = 2026-02-25T07:00:00+00:00\ndraft = false\n+++\n"]
    total = len(parts[0])
    while total < size:
        r = rng.random()
        if r < 0.55:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
        elif r < 0.70:
            block = rng.choice([_CODE, _SHELL])
        elif r < 0.76:
            block = f"## {_sentence(rng).rstrip('.')}"
        elif r < 0.82:
            block = f'{{{{< youtube id="{rng.randrange(10**8)}" title="Demo video" >}}}}'
        elif r < 0.88:
            block = f"![{_sentence(rng)}](/kubernetes/some-post/diagram-{rng.randrange(9)}.png)"
        elif r < 0.94:
            block = "| tool | purpose |\n| --- | --- |\n" + "\n".join(
                f"| {rng.choice(_WORDS)} | {_sentence(rng)} |" for _ in range(4)
            )
        else:
            block = f'<img src="/ai/post/img-{rng.randrange(99)}.jpg" style="width:50%; float:right">'
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts)[:size] + "\n"
