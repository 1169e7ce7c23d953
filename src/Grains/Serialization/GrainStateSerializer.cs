using System.Buffers;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansPricing.Grains.Serialization;

/// <summary>
/// Grain state as the storage providers keep it: Orleans' binary serializer behind a one-byte mark, or JSON as Orleans
/// writes it by default (<see cref="GrainStateOptions.Format"/>). Reading tells the two apart by the first byte, so rows
/// written before the binary format, or by a silo told to write JSON, still read. Why binary: a customer's first quote
/// after activation spent 44% of its allocations in the JSON serializer (type names parsed and bound for every object
/// of a state), and its states are written and read on every activation (docs/benchmarks.md, "What a first quote allocates").
/// </summary>
public sealed class GrainStateSerializer(Serializer binary, OrleansJsonSerializer json, IOptions<GrainStateOptions> options) : IGrainStorageSerializer
{
    /// <summary>The first byte of a binary row. JSON text never starts with it: in UTF-8 it only continues a character.</summary>
    public const byte BinaryMark = 0xB1;

    /// <summary>A buffer per thread for writing (serializing never awaits); one grown past this is not kept.</summary>
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly JsonGrainStorageSerializer _json = new(json);

    private readonly bool _writeBinary = options.Value.Format == GrainStateOptions.Binary;

    public BinaryData Serialize<T>(T? input)
    {
        if (!_writeBinary)
        {
            return _json.Serialize(input);
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        buffer.GetSpan(1)[0] = BinaryMark;
        buffer.Advance(1);
        binary.Serialize(input, buffer);

        // The provider keeps the data (the memory provider holds it as the stored row): an array of its own, exactly sized.
        var data = new BinaryData(buffer.WrittenSpan.ToArray());
        if (buffer.Capacity > KeptBufferBytes)
        {
            t_buffer = null;
        }

        return data;
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        return !bytes.IsEmpty && bytes.Span[0] == BinaryMark ? binary.Deserialize<T>(bytes[1..]) : _json.Deserialize<T>(input);
    }
}
