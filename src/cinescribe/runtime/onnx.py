"""Networks on CPU run in ONNX Runtime (which faster-whisper already brings) instead of torch, whose import alone
costs every CPU job about a second; on cuda and mps they run in torch. Networks that ship as torch weights are
exported once into the model cache."""

import warnings
from pathlib import Path

from cinescribe.runtime.atomic import atomic_path


def on_device(device, onnx_network, torch_network):
    """The network for `device`, by the one rule: `onnx_network()` on CPU, `torch_network()` on cuda or mps."""
    return onnx_network() if str(device) == "cpu" else torch_network()


def export_to_onnx(module, example, path, input_names, output_names, dynamic_axes, metadata=None):
    """`module` (in eval mode) traced on `example` into `path`, atomically; `metadata` (str → str) is stored
    in the file, where ONNX Runtime reads it back as the model's custom metadata."""
    import onnx
    import torch

    with atomic_path(path) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python control flow, fixed shapes here
        torch.onnx.export(module, example, str(tmp), input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=17, dynamo=False)
        if metadata:
            model = onnx.load(str(tmp))
            for key, value in metadata.items():
                model.metadata_props.add(key=key, value=str(value))
            onnx.save(model, str(tmp))
    return Path(path)


def cpu_session(path, threads=None):
    """An ONNX Runtime session on the CPU whose idle threads do not spin (numpy work runs between calls)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads or 0, 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.set_denormal_as_zero", "1")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
