"""Times for words known to lie in a stretch but not heard one by one: the stretch shared by characters."""


def spread(words, start, end):
    """[(start, end)] for `words` (their text) over [start, end], each its share of the characters."""
    weights = [len(w) + 1 for w in words]
    total, t, out = sum(weights) or 1, start, []
    for weight in weights:
        step = (end - start) * weight / total
        out.append((round(t, 3), round(t + step, 3)))
        t += step
    return out
