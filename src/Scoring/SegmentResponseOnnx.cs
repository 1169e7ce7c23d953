using Onnx;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using static OrleansPricing.Scoring.LogisticOnnx;

namespace OrleansPricing.Scoring;

/// <summary>
/// A <see cref="SegmentResponseModel"/> as an ONNX graph of standard operators, computing what
/// <see cref="SegmentResponseModel.Expand"/> and the weights do: the gate's inputs from the row (Slice, Exp, Sub, Mul,
/// Min, Max, Div, Clip, Concat), the posterior over the segments (MatMul, Add, Softmax), the level hats (Sub, Div, Min,
/// Clip), each segment's curve (MatMul, Add) weighted by its membership and summed (Mul, MatMul), plus the row's own
/// terms → Sigmoid → Probability [n].
/// </summary>
public static class SegmentResponseOnnx
{
    public static byte[] Export(SegmentResponseModel model, string name)
    {
        var segments = model.Mixture.Segments.Count;
        var levels = model.Levels.Count;
        var rowWidth = FeatureDefinition.Count;
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Tensor("Features", [null, rowWidth]));
        graph.Output.Add(Tensor("Probability", [null]));
        graph.Initializer.Add(Longs("columns", 1));
        graph.Initializer.Add(Floats("one", [1], [1f]));
        graph.Initializer.Add(Floats("zero", [1], [0f]));

        // The gate's inputs, as BehaviourMixture.GateInputs computes them.
        AddColumn(graph, "Features", LearnedModel.PurchasesColumn, "frequency");
        AddColumn(graph, "Features", BehaviourMixture.ViewsColumn, "views_log");
        AddColumn(graph, "Features", BehaviourMixture.CartAddsColumn, "carts_log");
        AddColumn(graph, "Features", FeatureDefinition.DiscountedShareColumn, "discounted_share");
        AddColumn(graph, "Features", FeatureDefinition.DiscountDepthColumn, "depth");
        AddColumn(graph, "Features", FeatureDefinition.DiscountColumn, "discount");
        foreach (var (log, count) in new[] { ("frequency", "purchases"), ("views_log", "views"), ("carts_log", "carts") })
        {
            graph.Node.Add(Node("Exp", [log], $"{count}_plus_one"));
            graph.Node.Add(Node("Sub", [$"{count}_plus_one", "one"], count));
        }

        graph.Node.Add(Node("Mul", ["purchases", "discounted_share"], "discounted"));
        graph.Node.Add(Node("Sub", ["purchases", "discounted"], "at_list"));
        graph.Node.Add(Node("Min", ["discounted", "one"], "depth_weight"));
        AddUsualDepth(graph, "discounted_share", "depth", "usual");
        graph.Node.Add(Node("Mul", ["depth_weight", "usual"], "weighted_usual"));
        graph.Node.Add(Node("Mul", ["weighted_usual", "usual"], "weighted_usual_squared"));
        var gateInputs = Node("Concat", ["views", "carts", "purchases", "discounted", "at_list", "depth_weight", "weighted_usual", "weighted_usual_squared"], "gate_inputs");
        gateInputs.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gateInputs);

        // The posterior over the segments: softmax of each segment's bias and coefficients.
        var gate = model.Mixture.Gate();
        graph.Initializer.Add(Floats("gate_coefficients", [BehaviourMixture.GateWidth, segments],
            Enumerable.Range(0, BehaviourMixture.GateWidth).SelectMany(j => gate.Select(g => (float)g.Coefficients[j]))));
        graph.Initializer.Add(Floats("gate_bias", [segments], gate.Select(g => (float)g.Bias)));
        graph.Node.Add(Node("MatMul", ["gate_inputs", "gate_coefficients"], "gate_unbiased"));
        graph.Node.Add(Node("Add", ["gate_unbiased", "gate_bias"], "gate_logits"));
        var softmax = Node("Softmax", ["gate_logits"], "membership");
        softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(softmax);

        // Each segment's curve at the quoted discount: its base, plus its level values weighted by the level hats.
        var weights = model.Weights;
        double Base(int k) => weights[rowWidth + (k * (1 + levels))];
        double Curve(int k, int l) => weights[rowWidth + (k * (1 + levels)) + 1 + l];
        graph.Initializer.Add(Floats("segment_base", [segments], Enumerable.Range(0, segments).Select(k => (float)Base(k))));
        var curves = "segment_base";
        if (levels > 0)
        {
            var (lows, ats, highs) = (new float[levels], new float[levels], new float[levels]);
            for (var l = 0; l < levels; l++)
            {
                (lows[l], ats[l]) = (l == 0 ? 0f : (float)model.Levels[l - 1], (float)model.Levels[l]);
                highs[l] = l == levels - 1 ? ats[l] + SegmentResponseModel.BeyondDeepest : (float)model.Levels[l + 1];
            }

            graph.Initializer.Add(Floats("level_low", [levels], lows));
            graph.Initializer.Add(Floats("level_at", [levels], ats));
            graph.Initializer.Add(Floats("level_high", [levels], highs));
            graph.Node.Add(Node("Sub", ["discount", "level_low"], "above_low"));
            graph.Node.Add(Node("Sub", ["level_at", "level_low"], "rise"));
            graph.Node.Add(Node("Div", ["above_low", "rise"], "rising"));
            graph.Node.Add(Node("Sub", ["level_high", "discount"], "below_high"));
            graph.Node.Add(Node("Sub", ["level_high", "level_at"], "fall"));
            graph.Node.Add(Node("Div", ["below_high", "fall"], "falling"));
            graph.Node.Add(Node("Min", ["rising", "falling"], "hat_raw"));
            graph.Node.Add(Node("Clip", ["hat_raw", "zero", "one"], "hats"));
            graph.Initializer.Add(Floats("segment_curves", [levels, segments],
                Enumerable.Range(0, levels).SelectMany(l => Enumerable.Range(0, segments).Select(k => (float)Curve(k, l)))));
            graph.Node.Add(Node("MatMul", ["hats", "segment_curves"], "curve_at_discount"));
            graph.Node.Add(Node("Add", ["curve_at_discount", "segment_base"], "segment_logits"));
            curves = "segment_logits";
        }

        graph.Node.Add(Node("Mul", ["membership", curves], "weighted_segments"));
        graph.Initializer.Add(Floats("segment_sum", [segments, 1], Enumerable.Repeat(1f, segments)));
        graph.Node.Add(Node("MatMul", ["weighted_segments", "segment_sum"], "segment_term"));

        graph.Initializer.Add(Floats("row_weights", [rowWidth, 1], weights.Take(rowWidth).Select(w => (float)w)));
        graph.Initializer.Add(Floats("intercept", [1], [(float)model.Intercept]));
        graph.Initializer.Add(Longs("flat", -1));
        graph.Node.Add(Node("MatMul", ["Features", "row_weights"], "row_term"));
        graph.Node.Add(Node("Add", ["row_term", "segment_term"], "logit_without_intercept"));
        graph.Node.Add(Node("Add", ["logit_without_intercept", "intercept"], "logit"));
        graph.Node.Add(Node("Sigmoid", ["logit"], "probability_column"));
        graph.Node.Add(Node("Reshape", ["probability_column", "flat"], "Probability"));
        return ModelBytes(graph);
    }
}
