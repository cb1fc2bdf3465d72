#!/usr/bin/env python3
"""Writes a Tend site of any size for benchmarks: articles with headings, lists, citations,
tags, links between articles, authors, a bibliography and site.yml.

Usage: make_corpus.py --articles N --out DIR [--refs N] [--seed S]
"""
import argparse
import os
import random

WORDS = ("calm breath partner repair trust sleep worry body safety listen pause notice small steady "
         "gentle conflict habit morning evening support rest kindness boundary feeling moment change "
         "practice attention connection distance warmth routine pressure relief").split()
TAGS = ["anxiety", "couples", "sleep", "stress", "grief", "parenting", "trauma", "mindfulness", "repair", "work"]


def sentence(rng, keys, cite):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    text = " ".join(words).capitalize()
    if cite and keys:
        if rng.random() < 0.5:
            text += f" [@{rng.choice(keys)}, p. {rng.randint(1, 300)}]"
        else:
            text = f"@{rng.choice(keys)} notes that " + text[0].lower() + text[1:]
    return text + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--refs", type=int, default=200)
    parser.add_argument("--seed", default="1")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    content = os.path.join(args.out, "content")
    for folder in ["articles", "authors"]:
        os.makedirs(os.path.join(content, folder), exist_ok=True)
    with open(os.path.join(content, "site.yml"), "w") as f:
        f.write("title: Benchmark Practice\nbase_url: https://bench.example.org/\ndescription: A generated site.\n"
                "practice:\n  name: Benchmark Practice\n  phone: \"(310) 555-0142\"\n  email: hello@example.org\n"
                "consultation:\n  headline: Book a free consultation\n  after_articles: true\n"
                "crisis:\n  message: Help is available now.\n  lines:\n    - { label: \"988 Lifeline\", phone: \"988\" }\n"
                "bibliography: [references.bib]\n")
    keys = [f"author{i}{1970 + i % 50}" for i in range(args.refs)]
    with open(os.path.join(content, "references.bib"), "w") as f:
        for i, key in enumerate(keys):
            f.write(f"@book{{{key},\n  author = {{Author{i}, Alex B. and Writer{i}, Casey}},\n  title = {{On {rng.choice(WORDS)} and {rng.choice(WORDS)}}},\n"
                    f"  publisher = {{Example Press}},\n  year = {{{1970 + i % 50}}}\n}}\n\n")
    for i in range(5):
        with open(os.path.join(content, "authors", f"author-{i}.md"), "w") as f:
            f.write(f"---\nname: Clinician {i}\ncredentials: LMFT\n---\nClinician {i} writes about relationships.\n")
    slugs = [f"article-{i:06d}" for i in range(args.articles)]
    for i, slug in enumerate(slugs):
        body = []
        for section in range(5):
            body.append(f"## Section {section + 1}: {rng.choice(WORDS)}\n")
            for _ in range(3):
                body.append(" ".join(sentence(rng, keys, rng.random() < 0.3) for _ in range(4)) + "\n")
            if section == 2:
                body.append("\n".join(f"- {sentence(rng, keys, False)}" for _ in range(4)) + "\n")
                body.append("\n".join(f"{n}. {sentence(rng, keys, False)}" for n in range(1, 4)) + "\n")
        other = slugs[rng.randrange(len(slugs))]
        body.append(f"Read more in [a related article](/articles/{other}/).\n")
        tags = rng.sample(TAGS, 2)
        date = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        with open(os.path.join(content, "articles", slug + ".md"), "w") as f:
            f.write(f"---\ntitle: \"Article {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}\"\nsummary: \"{sentence(rng, [], False)}\"\n"
                    f"date: {date}\nauthor: author-{i % 5}\nreviewed_by: author-{(i + 1) % 5}\nreviewed_on: {date}\ntags: [{', '.join(tags)}]\n---\n"
                    + "\n".join(body))


if __name__ == "__main__":
    main()
