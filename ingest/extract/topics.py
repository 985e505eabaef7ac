"""Free topics from phrases that repeat across a corpus of titles.

A topic is a run of 2-4 words (Vietnamese: syllables) inside one clause (no comma or bracket
within) that (1) occurs in at least `min_df` different texts of the corpus, (2) neither starts nor
ends with a function word or a generic research word ("nghiên cứu", "study"), (3) is free on both
sides: no single word precedes (or follows) it in more than `MAX_NEIGHBOUR_SHARE` of its
occurrences, which rejects runs that cut a Vietnamese word in two ("dục tại các trường" always
follows "giáo"), and (4) is not contained in a longer phrase found in exactly as many texts.
This needs no tagger, which Vietnamese would lack anyway (spaCy ships no Vietnamese model): in
titles, word runs that recur across independent authors name things (crops, diseases, methods).
Curated keyword hits (gazetteer) are the other source of topics.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.text import fold, normalize

_WORD = re.compile(r"\w+", re.UNICODE)
_CLAUSE = re.compile(r"[,;:.!?()\[\]{}\"/|–-]+")
MAX_NEIGHBOUR_SHARE = 0.7

# Words that cannot start or end a topic (lowercase NFC; Vietnamese syllables and English words).
STOP_EDGES_TEXT = (
    # Vietnamese function syllables and generic research vocabulary
    "và của các cho tại ở trong trên với đến những một số về theo bằng là thì mà để nhằm từ giữa qua "
    "khi có được bị này đó như sau trước hoặc hay nhiều cùng vào ra lên đối góp phần tỉnh huyện xã "
    "thành phố nghiên cứu giải pháp đánh giá thực trạng ứng dụng phát triển xây dựng nâng cao hiệu "
    "quả vấn đề biên soạn giáo trình tài liệu tham khảo khảo sát tìm hiểu đề xuất cơ sở hoàn thiện "
    "thiết kế nhân tố ảnh hưởng mô hình hệ thống phương tăng cường việc sử dụng tác động vai trò bàn "
    # English function words and generic research vocabulary
    "the of and in for on with a an to by from at as its using based study studies analysis case new "
    "between into during via through their is are be toward towards under over within approach "
    "approaches implications evidence insights role effect effects impact application applications "
    "method methods model modeling modelling results assessment review use integrated province "
    "district factors influencing"
)
STOP_EDGES = frozenset(STOP_EDGES_TEXT.split())
# Frequent in titles of every field, so they say nothing about a topic (folded).
GENERIC_PHRASES = frozenset(
    {
        "phuc vu",
        "chat luong",
        "khoa hoc",
        "ket qua",
        "buoc dau",
        "ket qua buoc dau",
        "hien dai",
        "giai doan",
        "kho khan",
        "noi dung",
        "kha nang",
        "nhu cau",
        "so sanh",
        "tiep can",
        "phan tich",
        "huong dan",
        "cai tien",
        "bao dam",
        "ket hop",
        "viet nam",
        "tinh chat",
        "dac trung",
        "kiem soat",
        "dieu tra",
        "cong nghe",
        "ky thuat",
    }
)


@dataclass(frozen=True)
class CorpusTopic:
    key: str  # folded form, the Topic node's key
    name: str  # the display form most often written
    confidence: float  # cohesion: texts with the phrase / texts with its rarest word, in (0, 1]


def _clauses(text: str) -> list[list[tuple[str, str]]]:
    """Per clause, (lowercase NFC word, folded word) pairs."""
    found = []
    for clause in _CLAUSE.split(normalize(text)):
        words = [(w.lower(), fold(w)) for w in _WORD.findall(clause) if fold(w)]
        if words:
            found.append(words)
    return found


def _candidates(words: list[tuple[str, str]], n_max: int) -> Iterable[tuple[int, int]]:
    for n in range(2, n_max + 1):
        for start in range(len(words) - n + 1):
            run = words[start : start + n]
            if run[0][0] in STOP_EDGES or run[-1][0] in STOP_EDGES:
                continue
            if any(f.isdigit() or len(f) < 2 for _, f in (run[0], run[-1])):
                continue
            yield start, start + n


class CorpusPhrases:
    """Phrases that repeat across `texts`; `topics(text)` lists those a text contains."""

    def __init__(self, texts: Iterable[str], min_df: int = 3, n_max: int = 4) -> None:
        self.n_max = n_max
        phrase_df: Counter[str] = Counter()
        word_df: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        left: dict[str, Counter[str]] = defaultdict(Counter)  # the word before each occurrence
        right: dict[str, Counter[str]] = defaultdict(Counter)
        occurrences: Counter[str] = Counter()
        for text in texts:
            seen: set[str] = set()
            clauses = _clauses(text)
            word_df.update({f for words in clauses for _, f in words})
            for words in clauses:
                for start, end in _candidates(words, n_max):
                    key = " ".join(f for _, f in words[start:end])
                    occurrences[key] += 1
                    if start > 0:  # a clause edge is a boundary, not a neighbour
                        left[key][words[start - 1][1]] += 1
                    if end < len(words):
                        right[key][words[end][1]] += 1
                    if key not in seen:
                        seen.add(key)
                        forms[key][" ".join(w for w, _ in words[start:end])] += 1
            phrase_df.update(seen)
        frequent = {
            k: df
            for k, df in phrase_df.items()
            if df >= min_df
            and k not in GENERIC_PHRASES
            and all(
                not side[k] or side[k].most_common(1)[0][1] <= MAX_NEIGHBOUR_SHARE * occurrences[k]
                for side in (left, right)
            )
        }
        self.topics: dict[str, CorpusTopic] = {}
        for key, df in frequent.items():
            if any(
                df == other_df and f" {key} " in f" {other} "
                for other, other_df in frequent.items()
                if len(other) > len(key)
            ):
                continue  # subsumed by a longer phrase seen exactly as often
            rarest = min(word_df[w] for w in key.split())
            name = forms[key].most_common(1)[0][0]
            self.topics[key] = CorpusTopic(key, name, round(df / rarest, 3))

    def __len__(self) -> int:
        return len(self.topics)

    def topics_in(self, text: str, limit: int = 5) -> list[CorpusTopic]:
        """Corpus topics the text contains, longest first, none inside another one chosen."""
        found = {
            key: self.topics[key]
            for words in _clauses(text)
            for start, end in _candidates(words, self.n_max)
            if (key := " ".join(f for _, f in words[start:end])) in self.topics
        }
        chosen: list[CorpusTopic] = []
        for key in sorted(found, key=lambda k: (-len(k.split()), k)):
            if not any(f" {key} " in f" {c.key} " for c in chosen):
                chosen.append(found[key])
        return chosen[:limit]
