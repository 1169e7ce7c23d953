using Google.Protobuf;
using Onnx;

namespace OrleansPricing.Scoring;

/// <summary>How many weights an ONNX model holds: the values of its initializers, the measure auto mode sizes a model by.</summary>
public static class OnnxWeights
{
    /// <summary>The values in the graph's initializers (0 when the bytes do not parse: ONNX Runtime refuses them with its own message).</summary>
    public static long Count(byte[] model)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(model).Graph?.Initializer.Sum(tensor => tensor.Dims.Aggregate(1L, (size, dim) => size * dim)) ?? 0;
        }
        catch (InvalidProtocolBufferException)
        {
            return 0;
        }
    }
}
