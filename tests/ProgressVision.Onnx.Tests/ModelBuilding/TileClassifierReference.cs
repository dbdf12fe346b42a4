namespace ProgressVision.Onnx.Tests.ModelBuilding;

/// <summary>
/// The tile classifier computed directly from its definition in double precision, without ONNX Runtime:
/// the independent truth ONNX Runtime's float32 results are compared with.
/// </summary>
public static class TileClassifierReference
{
    /// <summary>Logits and softmax probabilities for each tile of the batch, [batch][classes].</summary>
    public static (double[][] Logits, double[][] Probabilities) Compute(TileClassifierModel model, float[] tiles, int batch)
    {
        int c = model.Channels, h = model.Height, w = model.Width, f = model.Filters, k = model.Classes;
        var logits = new double[batch][];
        var probabilities = new double[batch][];
        for (var n = 0; n < batch; n++)
        {
            var tile = n * c * h * w;
            var features = new double[f];
            for (var o = 0; o < f; o++)
            {
                double sum = 0;
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        // Conv 3×3 with zero padding 1: output (y, x) sees input (y + ky - 1, x + kx - 1).
                        double acc = model.ConvBias[o];
                        for (var ci = 0; ci < c; ci++)
                        {
                            for (var ky = 0; ky < 3; ky++)
                            {
                                var iy = y + ky - 1;
                                if (iy < 0 || iy >= h)
                                {
                                    continue;
                                }

                                for (var kx = 0; kx < 3; kx++)
                                {
                                    var ix = x + kx - 1;
                                    if (ix < 0 || ix >= w)
                                    {
                                        continue;
                                    }

                                    acc += (double)model.ConvWeights[(((o * c) + ci) * 9) + (ky * 3) + kx]
                                         * tiles[tile + (((ci * h) + iy) * w) + ix];
                                }
                            }
                        }

                        sum += Math.Max(acc, 0); // Relu, then accumulate for the global average.
                    }
                }

                features[o] = sum / (h * w);
            }

            logits[n] = new double[k];
            for (var j = 0; j < k; j++)
            {
                // Gemm with transB = 1: logits = features · fc_wᵀ + fc_b, fc_w stored [classes, filters].
                double acc = model.FcBias[j];
                for (var i = 0; i < f; i++)
                {
                    acc += features[i] * model.FcWeights[(j * f) + i];
                }

                logits[n][j] = acc;
            }

            // Softmax shifted by the max for stability (same value mathematically).
            var max = logits[n].Max();
            var exps = logits[n].Select(v => Math.Exp(v - max)).ToArray();
            var total = exps.Sum();
            probabilities[n] = exps.Select(e => e / total).ToArray();
        }

        return (logits, probabilities);
    }
}
