"""Words already typed in a record, offered again as the keyer types: a surname shared by a
household, the head's name again as the informant's. Right arrow takes the word offered."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester


def words_of(texts: Iterable[str]) -> list[str]:
    """The distinct words (space-separated runs) of some answers, in the order first seen;
    numbers and single characters are not worth offering."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in text.split():
            if len(word) > 1 and not word.replace("/", "").isdigit():
                seen.setdefault(word, None)
    return list(seen)


class WordSuggester(Suggester):
    """Completes the word being typed (the last one) with a word of `words` it starts."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.words = list(words)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value[-1].isspace():
            return None
        head, _, last = value.rpartition(" ")
        for word in self.words:
            if word.startswith(last) and word != last:
                return f"{head} {word}" if head else word
        return None
