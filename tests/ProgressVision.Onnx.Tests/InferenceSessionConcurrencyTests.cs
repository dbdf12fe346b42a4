using ProgressVision.Onnx.Tests.ModelBuilding;

namespace ProgressVision.Onnx.Tests;

public class InferenceSessionConcurrencyTests
{
    [Fact]
    public void Four_threads_running_at_once_get_identical_results()
    {
        var model = TestModels.Small;
        const int batch = 4;
        var tiles = model.MakeTiles(batch, seed: 21);
        using var session = InferenceSession.FromBytes(model.Bytes, new InferenceSessionOptions { IntraOpThreads = 1 });
        var expected = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))]);

        using var start = new Barrier(4);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var output = new float[batch * model.Classes];
            for (var i = 0; i < 100; i++)
            {
                // Alternate both output paths so each is exercised concurrently.
                float[] probabilities;
                if ((i + t) % 2 == 0)
                {
                    probabilities = session.Run([new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))])[1].Data;
                }
                else
                {
                    session.Run(
                        [new TensorInput(TileClassifierModel.InputName, tiles, model.InputShape(batch))],
                        [new TensorOutput(TileClassifierModel.ProbabilitiesName, output, new long[] { batch, model.Classes })]);
                    probabilities = output;
                }

                if (!probabilities.AsSpan().SequenceEqual(expected[1].Data))
                {
                    failures.Enqueue($"thread {t}, iteration {i}: results differ");
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }
}
