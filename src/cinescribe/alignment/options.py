"""The `align` section's tunables (config/schema.yaml holds the defaults and their meaning)."""

from dataclasses import dataclass

from cinescribe.runtime.options import StageOptions


@dataclass
class AlignOptions(StageOptions):
    layout: str = "auto"
    min_heard_share: float = 0.25
    min_shared_share: float = 0.2
    unscripted_min_words: int = 3
    switch_cost: float = 10.0
    outlier_s: float = 1.0
    onset_window_s: float = 0.3
