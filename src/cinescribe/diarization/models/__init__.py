"""The networks diarization runs, apart from the pipeline that uses them: CAM++ (speaker_encoder over
campplus) and segmentation-3.0 (segmentation); each on CPU through ONNX Runtime, elsewhere through torch.
"""
