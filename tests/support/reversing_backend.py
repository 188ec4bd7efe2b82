"""A translation backend for tests, loaded by the workflow as `reversing_backend:Reverse`.

It spells every word backwards: text that went through a backend is unmistakable, and its word count
matches the source, so the test can check that timing and wrapping survive the trip.
"""


class Reverse:
    def __init__(self, **options):
        self.options = options

    def translate(self, texts, source, target):
        return [" ".join(word[::-1] for word in text.split()) for text in texts]
