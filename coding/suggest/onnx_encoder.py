"""all-MiniLM-L6-v2 as an int8 ONNX model: the same encoder, faster and lighter on a CPU.

The packaged model is exported once to ONNX (torch's legacy exporter), quantised
to int8 (per channel) with onnxruntime's dynamic quantisation, and cached under
``.cache/models/`` in the project (git-ignored). Tokenising uses the model's own
``tokenizer.json``; pooling is the mean over real tokens then L2 normalisation,
as in the model's sentence-transformers config. Its embeddings are not bit-equal
to the torch ones (cosine about 0.99), so it carries its own ``name``: the store
never mixes the two.

``fast_encoder()`` returns this encoder when onnxruntime and the export work, and
falls back to the torch encoder otherwise (with a warning: it is 2.5x slower). It is
the default encoder (``encoder.default_encoder``); ``make setup`` runs the export once
(``python -m coding.suggest.onnx_encoder``) so the first import does not pay for it.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import numpy as np

from coding.errors import ModelUnavailable
from coding.suggest.encoder import MODEL_NAME, ONNX_NAME, model_path, torch_encoder

__all__ = ["ONNX_NAME", "OnnxEncoder", "export_int8", "fast_encoder"]
MAX_TOKENS = 256
CACHE_DIR = Path(os.environ.get("CODING_MODEL_CACHE", Path(__file__).resolve().parents[2] / ".cache" / "models"))


def export_int8(target_dir: Path = CACHE_DIR) -> Path:
    """Export the packaged model to ONNX and quantise it; returns the int8 file (cached)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    int8 = target_dir / f"{MODEL_NAME}-int8-perchannel.onnx"
    if int8.exists():
        return int8
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class _Wrapped(torch.nn.Module):
        # Keyword arguments: the positional order of BertModel.forward changes between versions.
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    model = _Wrapped(AutoModel.from_pretrained(model_path())).eval()
    fp32 = target_dir / f"{MODEL_NAME}-fp32.{os.getpid()}.onnx"
    dummy = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (dummy, dummy, torch.zeros_like(dummy)),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
            opset_version=14,
            dynamo=False,
        )
    partial = target_dir / f"{MODEL_NAME}-int8.{os.getpid()}.onnx"
    # Per-channel scales: cosine 0.99 to the torch embeddings on interview quotes, against
    # 0.96 per-tensor, which cost two dev quotes their top-1 theme.
    quantize_dynamic(str(fp32), str(partial), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink(missing_ok=True)
    partial.replace(int8)  # atomic: a concurrent process sees the whole file or none
    return int8


class OnnxEncoder:
    """int8 ONNX all-MiniLM-L6-v2 through onnxruntime; same interface as the torch encoder."""

    # One text per run. Dynamic int8 quantisation scales the activations over the whole input tensor, so in a
    # batch of 32 a text's vector moved with its batch-mates (cosine down to 0.978 between two imports of the
    # same answer): a suggestion must depend on the answer, not on what was imported beside it. One at a
    # time pads nothing and measured no slower (253 interview texts: 0.6-0.94x the time of batches of 32).
    def __init__(self, onnx_path: str | Path | None = None, batch_size: int = 1, threads: int | None = None):
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable(f"onnxruntime or tokenizers is missing ({exc})") from exc
        path = Path(onnx_path) if onnx_path else export_int8()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
        # Threads that spin while waiting for work held a core each: with anything else running (a second
        # user, spaCy, a browser) encoding took twice as long on 2 cores as with them sleeping (1.9 s against
        # 0.95 s for 253 interview texts, same run, load average 3).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(Path(model_path()) / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.name = ONNX_NAME
        self.dim = 384
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by length keeps padding small inside each batch.
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            for start in range(0, len(texts), self.batch_size):
                idx = order[start : start + self.batch_size]
                encodings = self._tokenizer.encode_batch([texts[i] for i in idx])
                ids = np.array([e.ids for e in encodings], dtype=np.int64)
                mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
                feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
                hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
                m = mask[:, :, None].astype(np.float32)
                pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
                out[idx] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


_fast = None
_fast_lock = threading.Lock()


def fast_encoder():
    """The int8 ONNX encoder if it can be built here, else the torch encoder (same model)."""
    global _fast
    with _fast_lock:
        if _fast is None:
            try:
                _fast = OnnxEncoder()
            except ModelUnavailable:
                raise
            except Exception as exc:  # an export or runtime failure must not take suggestions down
                logging.getLogger(__name__).warning("int8 ONNX encoder unavailable (%s): using torch", exc)
                _fast = torch_encoder()
        return _fast


if __name__ == "__main__":  # make setup: build the int8 model once, offline
    print(export_int8())
