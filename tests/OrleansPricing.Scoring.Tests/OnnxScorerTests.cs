using Microsoft.ML.OnnxRuntime;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Scoring.Tests;

public sealed class OnnxScorerTests
{
    [Fact]
    public void Shipped_model_loads_and_scores_probabilities()
    {
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", Models.Cpu());
        var rows = new float[3 * FeatureDefinition.Count];
        rows[0] = 1f;

        var probabilities = scorer.Score(rows, 3);

        Assert.Equal(3, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(probabilities[1], probabilities[2]);
        Assert.Equal(ExecutionProviderChoice.Cpu, scorer.Provider.Provider);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_cpu_memory_arena_setting_reaches_the_session_and_leaves_the_scores_as_they_are(bool arena)
    {
        var (options, _) = ExecutionProviderChoice.Create(new ScoringOptions { ExecutionProvider = "cpu", CpuMemoryArena = arena });
        using (options)
        {
            Assert.Equal(arena, options.EnableCpuMemArena);
        }

        var random = new Random(5);
        var rows = Enumerable.Range(0, 64 * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "cpu", CpuMemoryArena = arena });
        using var other = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "cpu", CpuMemoryArena = !arena });

        Assert.Equal(other.Score(rows, 64), scorer.Score(rows, 64));
    }

    [Fact]
    public void Missing_cuda_falls_back_to_cpu_in_auto_mode_and_says_why()
    {
        void MissingCuda(SessionOptions _) => throw new DllNotFoundException("libcudnn.so.9: cannot open shared object file");

        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "auto" }, MissingCuda);

        Assert.Equal(ExecutionProviderChoice.Cpu, scorer.Provider.Provider);
        Assert.Contains("libcudnn.so.9", scorer.Provider.FallbackReason);
    }

    [Fact]
    public void Cuda_mode_refuses_to_fall_back()
    {
        void MissingCuda(SessionOptions _) => throw new DllNotFoundException("libcublasLt.so.13 not found");

        var error = Assert.Throws<InvalidOperationException>(() =>
            OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "cuda" }, MissingCuda));
        Assert.Contains("libcublasLt.so.13", error.Message);
    }

    [Fact]
    public void Cpu_mode_never_tries_cuda()
    {
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", Models.Cpu(), _ => throw new InvalidOperationException("must not be called"));

        Assert.Null(scorer.Provider.FallbackReason);
    }

    [Fact]
    public void Auto_mode_on_this_machine_reports_the_provider_it_got()
    {
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "auto" });

        // CUDA where its libraries are installed, else the CPU with the reason.
        Assert.True(scorer.Provider.Provider == ExecutionProviderChoice.Cuda || scorer.Provider.FallbackReason is { Length: > 0 });
    }

    [Fact]
    public void Corrupt_file_is_refused()
    {
        var error = Assert.Throws<InvalidScoringModelException>(() => OnnxScorer.Load([1, 2, 3, 4, 5], "bad", Models.Cpu()));

        Assert.Contains("not a loadable ONNX model", error.Message);
    }

    [Fact]
    public void Wrong_input_width_is_refused()
    {
        var error = Assert.Throws<InvalidScoringModelException>(() => OnnxScorer.Load(TinyOnnx.WrongWidthModel(), "narrow", Models.Cpu()));

        Assert.Contains($"expected Single[-1, {FeatureDefinition.Count}]", error.Message);
    }

    [Fact]
    public void Nan_outputs_on_the_probe_batch_are_refused()
    {
        var error = Assert.Throws<InvalidScoringModelException>(() => OnnxScorer.Load(TinyOnnx.NanModel(), "nan", Models.Cpu()));

        Assert.Contains("probe batch", error.Message);
        Assert.Contains("NaN", error.Message);
    }
}
