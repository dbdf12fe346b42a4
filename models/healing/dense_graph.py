"""Derive the dense (whole-plane) form of the healing tile classifier from healing.onnx.

    /usr/bin/python3 models/healing/dense_graph.py models/healing/healing.onnx models/healing/healing-dense.onnx

The tile model is four 3x3 convolutions (three of stride 2), a mean over the 8x8 feature map, a linear head,
a temperature and a softmax. Classifying tiles on a 32-px grid runs every convolution up to four times over each
pixel (tiles overlap by half). The dense form runs the same convolutions once over a whole plane [N, 6, H, W] and
replaces the global mean by an 8x8 average with stride 4 on the stride-8 feature map: window (u, v) is exactly
the tile at plane origin (32u, 32v). The head is applied to each window as a 1x1 convolution (mean then linear,
as in the tile model). Output `probabilities` [N, 4, H', W'].

A model trained with context (input 64 + 2c, unpadded convolutions: the recipe since 2026-11-22) gives exactly the
tile model's numbers: the plane is padded with c zeros on every side (as the tile sampler fills pixels off the
planes), each feature reads only pixels a tile's input holds, and window (u, v) covers the features of the tile at
(32u, 32v). A model without context (64x64 tiles, convolutions padded with zeros) differs at a tile's edges, where
the tile model pads with zeros and the dense form sees the neighbouring pixels (a 64x64 plane gives the tile
model's output exactly). Needs only python3-onnx (and numpy); the output is deterministic.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def main(src: str, dst: str) -> None:
    tile = onnx.load(src)
    g = tile.graph
    init = {i.name: i for i in g.initializer}
    convs = [n for n in g.node if n.op_type == "Conv"]
    relus = [n for n in g.node if n.op_type == "Relu"]
    ops = [n.op_type for n in g.node]
    expected = ["Conv", "Relu"] * 4 + ["ReduceMean", "Gemm", "Div", "Softmax"]
    if ops != expected:
        sys.exit(f"{src}: unexpected graph {ops}; the dense form is derived only from the recipe's HealingTileNet")

    gemm = next(n for n in g.node if n.op_type == "Gemm")
    div = next(n for n in g.node if n.op_type == "Div")
    w = numpy_helper.to_array(init[gemm.input[1]])  # [classes, features]; Gemm has transB=1
    b = numpy_helper.to_array(init[gemm.input[2]])
    classes, features = w.shape

    size = g.input[0].type.tensor_type.shape.dim[2].dim_value
    context = (size - 64) // 2
    pads = {tuple(helper.get_attribute_value(a)) for c in convs for a in c.attribute if a.name == "pads"}
    if (context == 0) != (pads == {(1, 1, 1, 1)}) or (context and pads != {(0, 0, 0, 0)}):
        sys.exit(f"{src}: {size}-px input with convolution pads {pads}; expected 64 px padded or 64+2c px unpadded")

    nodes = []
    x = "plane"
    extra = []
    if context:
        # The tile sampler fills pixels off the planes with 0; padding the plane by the context does the same, and
        # puts the tile at plane origin (x0, y0) at padded origin (x0, y0): its features start at (x0/8, y0/8).
        extra.append(numpy_helper.from_array(np.array([0, 0, context, context, 0, 0, context, context], np.int64), "context_pads"))
        nodes.append(helper.make_node("Pad", ["plane", "context_pads"], ["padded"], name="context_pad", mode="constant"))
        x = "padded"
    for conv, relu in zip(convs, relus):
        out_c = f"{conv.name or conv.output[0]}_dense"
        nodes.append(helper.make_node("Conv", [x, conv.input[1], conv.input[2]], [out_c],
                                      name=out_c, **{a.name: helper.get_attribute_value(a) for a in conv.attribute}))
        out_r = out_c + "_relu"
        nodes.append(helper.make_node("Relu", [out_c], [out_r], name=out_r))
        x = out_r
    # The tile's 64x64 pixels are an 8x8 window of the stride-8 features; tiles every 32 px are windows every 4.
    nodes.append(helper.make_node("AveragePool", [x], ["window_mean"], name="window_mean",
                                  kernel_shape=[8, 8], strides=[4, 4]))
    nodes.append(helper.make_node("Conv", ["window_mean", "head_weight", "head_bias"], ["logits"], name="head"))
    nodes.append(helper.make_node("Div", ["logits", div.input[1]], ["scaled"], name="temperature"))
    nodes.append(helper.make_node("Softmax", ["scaled"], ["probabilities"], name="softmax", axis=1))

    keep = [init[n.input[i]] for n in convs for i in (1, 2)] + [init[div.input[1]]]
    head_w = numpy_helper.from_array(w.reshape(classes, features, 1, 1).astype(np.float32), "head_weight")
    head_b = numpy_helper.from_array(b.astype(np.float32), "head_bias")
    channels = g.input[0].type.tensor_type.shape.dim[1].dim_value
    graph = helper.make_graph(
        nodes, "healing_dense",
        [helper.make_tensor_value_info("plane", TensorProto.FLOAT, ["batch", channels, "height", "width"])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes, "rows", "columns"])],
        keep + [head_w, head_b] + extra)
    model = helper.make_model(graph, opset_imports=list(tile.opset_import), producer_name="progressvision-dense-graph")
    model.ir_version = tile.ir_version
    model.doc_string = (f"dense form of {src.split('/')[-1]}: 64x64 tiles every 32 px as 8x8 windows every 4 features"
                        + (f", plane padded by the tile model's {context}-px context" if context else ""))
    onnx.checker.check_model(model)
    onnx.save(model, dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
