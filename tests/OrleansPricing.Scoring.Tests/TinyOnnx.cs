using System.Text;

namespace OrleansPricing.Scoring.Tests;

/// <summary>
/// Writes small ONNX models byte by byte (protobuf wire format) to test refusals: a graph whose output is
/// sqrt(−Σ features) — NaN for the probe batch — and one whose input has the wrong width.
/// </summary>
public static class TinyOnnx
{
    public static byte[] NanModel() => Model(OrleansPricing.Pricing.Features.FeatureDefinition.Count, "Probability.output");

    public static byte[] WrongWidthModel() => Model(5, "Probability.output");

    /// <summary>Features [N, width] → ReduceSum(axis 1) → Neg → Sqrt → output [N].</summary>
    private static byte[] Model(int width, string output)
    {
        var graph = new Proto()
            .Message(1, Node(["Features"], ["sum"], "ReduceSum", new Proto().String(1, "axes").Varint(20, 7).Packed(8, [1]),
                new Proto().String(1, "keepdims").Varint(20, 2).Varint(3, 0)))
            .Message(1, Node(["sum"], ["negative"], "Neg"))
            .Message(1, Node(["negative"], [output], "Sqrt"))
            .String(2, "tiny")
            .Message(11, ValueInfo("Features", [null, width]))
            .Message(12, ValueInfo(output, [null]));
        return new Proto()
            .Varint(1, 6)
            .Message(7, graph)
            .Message(8, new Proto().String(1, "").Varint(2, 11))
            .ToArray();
    }

    private static Proto Node(string[] inputs, string[] outputs, string op, params Proto[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(4, op);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute);
        }

        return node;
    }

    private static Proto ValueInfo(string name, int?[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            shape.Message(1, dim is { } value ? new Proto().Varint(1, value) : new Proto().String(2, "N"));
        }

        var tensor = new Proto().Varint(1, 1).Message(2, shape);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensor));
    }

    private sealed class Proto
    {
        private readonly List<byte> _bytes = [];

        public Proto Varint(int field, long value)
        {
            Key(field, 0);
            Raw(value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public Proto Packed(int field, long[] values)
        {
            var inner = new Proto();
            foreach (var value in values)
            {
                inner.Raw(value);
            }

            return Bytes(field, inner.ToArray());
        }

        public byte[] ToArray() => _bytes.ToArray();

        private Proto Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw(value.Length);
            _bytes.AddRange(value);
            return this;
        }

        private void Key(int field, int wireType) => Raw((field << 3) | wireType);

        private void Raw(long value)
        {
            var v = (ulong)value;
            do
            {
                var b = (byte)(v & 0x7F);
                v >>= 7;
                _bytes.Add(v == 0 ? b : (byte)(b | 0x80));
            }
            while (v != 0);
        }
    }
}
