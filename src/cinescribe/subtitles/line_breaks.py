"""Where a cue's text breaks into lines: after punctuation, before a conjunction or a preposition (Netflix's
English guide: a break anywhere else splits a phrase, and costs), balanced, and never leaving an article, a
preposition or a conjunction dangling at a line's end.

Lengths are visible characters (graphemes), so a Devanagari line of 42 shows 42 characters; lines only break
at spaces, never inside a word. Hindi has postpositions instead of prepositions: a line must not start with
one (the noun it follows stays on the line above), and a break before a Hindi conjunction reads naturally.
"""

from cinescribe.text.graphemes import visible_length

CONJUNCTIONS = {"and", "but", "or", "so", "because", "that", "which", "who", "when", "while", "if", "although",
                "though", "until", "unless", "where", "whether", "nor", "yet", "than",
                "और", "लेकिन", "पर", "मगर", "कि", "क्योंकि", "या", "तो", "जब", "अगर", "जो", "ताकि", "वरना"}
PREPOSITIONS = {"of", "to", "in", "on", "at", "for", "with", "from", "by", "into", "onto", "about", "over", "under",
                "between", "through", "after", "before"}
DANGLING = PREPOSITIONS | {"a", "an", "the", "my", "your", "his", "her", "its", "our", "their", "this", "these",
                           "those", "as", "i", "i'm", "i'll", "we", "you", "not"}
POSTPOSITIONS = {"का", "की", "के", "को", "में", "से", "ने", "पर", "तक", "वाला", "वाले", "वाली", "है", "हैं", "था",
                 "थे", "थी", "हूँ", "हूं", "हो"}
BREAK_AFTER = ",.;:?!।॥"  # punctuation a line may end on
MID_PHRASE = 8  # a break neither after punctuation nor before a conjunction or preposition


def _bare(word):
    return word.strip(".,;:!?\"'“”()-।॥").lower()


def _break_cost(head, tail):
    cost = abs(visible_length(head) - visible_length(tail))
    punctuated = head[-1] in BREAK_AFTER
    if punctuated:
        cost -= 14
    first, last = _bare(tail.split()[0]), _bare(head.split()[-1])
    if first in CONJUNCTIONS:
        cost -= 6
    elif not punctuated and first not in PREPOSITIONS:
        cost += MID_PHRASE
    if first in POSTPOSITIONS:
        cost += 20
    if last in DANGLING or (last in CONJUNCTIONS and not punctuated):
        cost += 20
    return cost


def wrap(text, max_chars=42, max_lines=2):
    """Lines of at most max_chars (at most max_lines of them) at the most natural break; None if impossible."""
    words = text.split()
    if not words:
        return []
    if visible_length(text) <= max_chars:
        return [text]
    if max_lines == 1:
        return None
    best = None
    for i in range(1, len(words)):
        head = " ".join(words[:i])
        if visible_length(head) > max_chars:
            break
        rest = wrap(" ".join(words[i:]), max_chars, max_lines - 1)
        if rest is None:
            continue
        cost = _break_cost(head, rest[0]) + (len(rest) - 1) * 5
        if best is None or cost < best[0]:
            best = (cost, [head] + rest)
    return best[1] if best else None
