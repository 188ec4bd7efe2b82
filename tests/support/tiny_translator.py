"""A tiny many-to-many seq2seq model (M2M100, 128 dimensions) trained in ~10 s on a toy English → Portuguese word
list, saved like an NLLB directory (FLORES language tokens, forced first token): the transformers backend
loads, batches, decodes and refuses targets through its real code, with outputs that can be checked."""

import random

WORDS = {"the": "o", "cat": "gato", "dog": "cão", "eats": "come", "sees": "vê", "bread": "pão", "fish": "peixe",
         "big": "grande", "small": "pequeno", "runs": "corre", "today": "hoje", "now": "agora", ".": "."}
LANGUAGES = ["eng_Latn", "por_Latn"]


def toy_translation(text):
    """What the model learnt: word by word through WORDS (lower case; the full stop stays on its word)."""
    return " ".join(WORDS[w] for w in text.lower().replace(".", " .").split()).replace(" .", ".")


def build(folder, steps=300, seed=0):
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import M2M100Config, M2M100ForConditionalGeneration, PreTrainedTokenizerFast

    special = ["<pad>", "<s>", "</s>", "<unk>", *LANGUAGES]
    vocab = {t: i for i, t in enumerate(special + sorted(set(WORDS) | set(WORDS.values())))}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.normalizer = normalizers.Lowercase()
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    core.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", vocab["</s>"])])
    core.decoder = decoders.WordPiece()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", additional_special_tokens=LANGUAGES)
    config = M2M100Config(vocab_size=len(vocab), d_model=128, encoder_layers=2, decoder_layers=2,
                        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=256,
                        decoder_ffn_dim=256, max_position_embeddings=32, pad_token_id=0, bos_token_id=1,
                        eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2,
                        dropout=0.0, attention_dropout=0.0, activation_dropout=0.0)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a model this small trains as fast on one thread, for half the CPU time
    model = M2M100ForConditionalGeneration(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    # No dropout and a decaying rate: a model that has learnt the list for sure, so every backend and
    # quantization decodes it alike on any CPU (a half-trained one flipped a word on a new machine).
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 - step / steps)
    english = [w for w in WORDS if w != "."]
    target_token = vocab["por_Latn"]
    for _ in range(steps):
        sources = [" ".join(rng.choice(english) for _ in range(rng.randint(1, 8))) + rng.choice(["", " ."])
                   for _ in range(32)]
        batch = tokenizer(sources, return_tensors="pt", padding=True)
        labels = tokenizer([toy_translation(s) for s in sources], return_tensors="pt", padding=True)["input_ids"]
        labels = torch.cat([torch.full((len(sources), 1), target_token), labels], 1)
        labels[labels == vocab["<pad>"]] = -100
        loss = model(**batch, labels=labels).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
    torch.set_num_threads(threads)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
