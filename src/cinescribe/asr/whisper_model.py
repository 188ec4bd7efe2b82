"""faster-whisper's WhisperModel with the encoder run one window at a time on the CPU."""

import ctranslate2
import numpy as np
from faster_whisper import WhisperModel


class WindowByWindowEncoder(WhisperModel):
    """On the CPU a batch of windows costs Whisper's encoder no less per window than one window alone, while the
    decoder's beams are cheaper decoded together (docs/benchmarks.md): so a batch is encoded window by window
    and decoded as one. On a GPU the batch is encoded whole."""

    def encode(self, features):
        encode = super().encode
        if self.model.device != "cpu" or features.ndim == 2 or len(features) == 1:
            return encode(features)
        alone = [np.asarray(encode(window)) for window in features]
        return ctranslate2.StorageView.from_array(np.concatenate(alone))
