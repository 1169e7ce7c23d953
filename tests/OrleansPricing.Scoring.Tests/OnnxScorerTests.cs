using Microsoft.ML.OnnxRuntime;
using System.Globalization;
using OrleansPricing.Pricing.Learning;
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

        // Every model tried on CUDA (CudaMinWeights 0), as a large network would be.
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "auto", CudaMinWeights = 0 }, MissingCuda);

        Assert.Equal(ExecutionProviderChoice.Cpu, scorer.Provider.Provider);
        Assert.Contains("libcudnn.so.9", scorer.Provider.FallbackReason);
    }

    [Fact]
    public void Auto_mode_serves_a_model_of_fewer_weights_than_the_bar_on_the_cpu_without_trying_cuda_and_a_larger_one_on_cuda()
    {
        var network = SmallNetwork();
        var onnx = ResponseNetworkOnnx.Export(network, "network");
        var weights = OnnxWeights.Count(onnx);
        var cudaTried = 0;

        using var small = OnnxScorer.Load(onnx, "small", new ScoringOptions { ExecutionProvider = "auto", CudaMinWeights = weights + 1 }, _ => cudaTried++);
        using var large = OnnxScorer.Load(onnx, "large", new ScoringOptions { ExecutionProvider = "auto", CudaMinWeights = weights }, _ => cudaTried++);
        using var forced = OnnxScorer.Load(onnx, "forced", new ScoringOptions { ExecutionProvider = "cuda", CudaMinWeights = weights + 1 }, _ => cudaTried++);

        Assert.Equal((ExecutionProviderChoice.Cpu, (string?)null), (small.Provider.Provider, small.Provider.FallbackReason));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"auto: {weights:N0} weights, under Scoring:CudaMinWeights ({weights + 1:N0}); the CPU serves such a model faster"), small.Provider.AutoReason);
        Assert.Equal((ExecutionProviderChoice.Cuda, (string?)null), (large.Provider.Provider, large.Provider.AutoReason));
        Assert.Equal(ExecutionProviderChoice.Cuda, forced.Provider.Provider);
        Assert.Equal(2, cudaTried);
    }

    [Fact]
    public void A_models_weights_are_the_values_of_its_initializers_and_a_tree_ensemble_keeps_none_there()
    {
        var network = SmallNetwork();

        // A network's parameters and its graph's 17 constants (Slice bounds, axes, clip limits, its two steps' thresholds).
        Assert.Equal(network.ParameterCount + 17, OnnxWeights.Count(ResponseNetworkOnnx.Export(network, "network")));
        Assert.Equal(2, OnnxWeights.Count(Models.LightGbm)); // its trees are attributes: two constants of the converter's
        Assert.Equal(0, OnnxWeights.Count([1, 2, 3]));
    }

    [Fact]
    public void A_negative_weight_bar_for_cuda_is_refused()
    {
        var options = new ScoringOptions { CudaMinWeights = -1 };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(result => result.ErrorMessage);

        Assert.Equal(["Scoring:CudaMinWeights must not be negative."], errors);
    }

    private static ResponseNetwork SmallNetwork()
    {
        var random = new Random(21);
        const int Count = 200;
        var rows = Enumerable.Range(0, Count * FeatureDefinition.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Count).Select(_ => random.NextDouble() < 0.2).ToList();
        return ResponseNetwork.Train(rows, labels, Enumerable.Repeat(1.0, Count).ToList(), 1, new NetworkShape([16, 8], 3, Steps: [0.1, 0.2]), epochs: 1);
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
    public void Auto_mode_serves_the_tree_model_on_the_cpu_wherever_cuda_loads_and_says_why()
    {
        using var scorer = OnnxScorer.Load(Models.LightGbm, "2.0.0", new ScoringOptions { ExecutionProvider = "auto" });

        // The CPU with the reason: the tree model is under auto's bar for CUDA wherever CUDA's libraries are installed.
        Assert.Equal(ExecutionProviderChoice.Cpu, scorer.Provider.Provider);
        Assert.StartsWith("auto: 2 weights", scorer.Provider.AutoReason);
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
