using System.Buffers.Binary;
using System.Text;

namespace Lookout.Visitors.Enrichment;

/// <summary>The data types of the MaxMind DB format; numbers are the format's own.</summary>
internal enum MaxMindType
{
    Extended = 0,
    Pointer = 1,
    Utf8String = 2,
    Double = 3,
    Bytes = 4,
    UInt16 = 5,
    UInt32 = 6,
    Map = 7,
    Int32 = 8,
    UInt64 = 9,
    UInt128 = 10,
    Array = 11,
    DataCacheContainer = 12,
    EndMarker = 13,
    Boolean = 14,
    Float = 15,
}

/// <summary>
/// One field's control bytes: its type, its size (a pointer's target; a boolean's value) and where its payload starts
/// (for a pointer, where the next field starts).
/// </summary>
internal readonly record struct MaxMindField(MaxMindType Type, int Size, int Payload);

/// <summary>
/// Reads a MaxMind DB data section (or the metadata section, which has the same encoding). Offsets are relative to
/// the section's start, as pointers are. Navigating to one value (<see cref="FindInMap"/>, <see cref="ReadString"/>)
/// allocates nothing but the string read; <see cref="Decode"/> builds the whole value. Out-of-range offsets, unknown
/// types and nesting deeper than the format allows throw <see cref="InvalidDataException"/>.
/// </summary>
internal readonly ref struct MaxMindDecoder(ReadOnlySpan<byte> section)
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _section = section;

    public MaxMindField ReadField(int offset)
    {
        var control = Byte(offset);
        var type = (MaxMindType)(control >> 5);
        var position = offset + 1;
        if (type == MaxMindType.Pointer)
        {
            var sizeBits = (control >> 3) & 0x3;
            var valueBits = control & 0x7;
            long target = sizeBits switch
            {
                0 => (valueBits << 8) | Byte(position),
                1 => ((valueBits << 16) | Bytes(position, 2)) + 2048,
                2 => ((long)valueBits << 24 | (uint)Bytes(position, 3)) + 526336,
                _ => (uint)Bytes(position, 4),
            };
            position += sizeBits + 1;
            return new(MaxMindType.Pointer, Offset(target), position);
        }
        if (type == MaxMindType.Extended)
        {
            var extended = Byte(position++) + 7;
            if (extended < (int)MaxMindType.Int32 || extended > (int)MaxMindType.Float)
            {
                throw Corrupt($"unknown extended type {extended} at {offset}");
            }
            type = (MaxMindType)extended;
        }
        var size = control & 0x1F;
        switch (size)
        {
            case 29:
                size = 29 + Byte(position);
                position += 1;
                break;
            case 30:
                size = 285 + Bytes(position, 2);
                position += 2;
                break;
            case 31:
                size = 65821 + Bytes(position, 3);
                position += 3;
                break;
        }
        return new(type, size, position);
    }

    /// <summary>The field at <paramref name="offset"/>, or the one its pointer points to.</summary>
    public MaxMindField Resolve(int offset)
    {
        var field = ReadField(offset);
        if (field.Type != MaxMindType.Pointer)
        {
            return field;
        }
        var target = ReadField(field.Size);
        return target.Type == MaxMindType.Pointer ? throw Corrupt($"pointer to a pointer at {offset}") : target;
    }

    /// <summary>Where the field after the one at <paramref name="offset"/> starts (a pointer is not followed).</summary>
    public int Skip(int offset) => Skip(offset, 0);

    /// <summary>
    /// The offset of the value under <paramref name="key"/> in the map at <paramref name="mapOffset"/>, or -1 when the
    /// key is absent, the field is not a map, or <paramref name="mapOffset"/> is itself -1 (so lookups chain).
    /// </summary>
    public int FindInMap(int mapOffset, ReadOnlySpan<byte> key)
    {
        if (mapOffset < 0)
        {
            return -1;
        }
        var map = Resolve(mapOffset);
        if (map.Type != MaxMindType.Map)
        {
            return -1;
        }
        var position = map.Payload;
        for (var i = 0; i < map.Size; i++)
        {
            var name = Resolve(position);
            if (name.Type != MaxMindType.Utf8String)
            {
                throw Corrupt($"map key of type {name.Type} at {position}");
            }
            var valueOffset = Skip(position);
            if (Slice(name.Payload, name.Size).SequenceEqual(key))
            {
                return valueOffset;
            }
            position = Skip(valueOffset);
        }
        return -1;
    }

    /// <summary>The string at <paramref name="offset"/>; null when the offset is -1 or the value is not a string.</summary>
    public string? ReadString(int offset)
    {
        if (offset < 0)
        {
            return null;
        }
        var field = Resolve(offset);
        return field.Type == MaxMindType.Utf8String ? Encoding.UTF8.GetString(Slice(field.Payload, field.Size)) : null;
    }

    /// <summary>
    /// The whole value at <paramref name="offset"/>: maps as <c>Dictionary&lt;string, object?&gt;</c>, arrays as
    /// <c>object?[]</c>, strings, <see cref="double"/>, <see cref="float"/>, <c>byte[]</c>, <see cref="ushort"/>,
    /// <see cref="uint"/>, <see cref="int"/>, <see cref="ulong"/>, <see cref="UInt128"/> and <see cref="bool"/>.
    /// </summary>
    public object? Decode(int offset) => Decode(offset, 0);

    private object? Decode(int offset, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nested deeper than {MaxDepth} at {offset}");
        }
        var field = Resolve(offset);
        var payload = field.Payload;
        var size = field.Size;
        switch (field.Type)
        {
            case MaxMindType.Utf8String:
                return Encoding.UTF8.GetString(Slice(payload, size));
            case MaxMindType.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(Slice(payload, ExpectSize(field, 8)));
            case MaxMindType.Float:
                return BinaryPrimitives.ReadSingleBigEndian(Slice(payload, ExpectSize(field, 4)));
            case MaxMindType.Bytes:
                return Slice(payload, size).ToArray();
            case MaxMindType.UInt16:
                return (ushort)Unsigned(field, 2);
            case MaxMindType.UInt32:
                return (uint)Unsigned(field, 4);
            case MaxMindType.Int32:
                // Shorter than four bytes means a non-negative value; four bytes are two's complement.
                return (int)(uint)Unsigned(field, 4);
            case MaxMindType.UInt64:
                return (ulong)Unsigned(field, 8);
            case MaxMindType.UInt128:
                return Unsigned(field, 16);
            case MaxMindType.Boolean:
                return size switch
                {
                    0 => false,
                    1 => true,
                    _ => throw Corrupt($"boolean of value {size} at {offset}"),
                };
            case MaxMindType.Map:
                var map = size <= _section.Length - payload
                    ? new Dictionary<string, object?>(size, StringComparer.Ordinal)
                    : throw Corrupt($"map longer than its section at {offset}");
                var position = payload;
                for (var i = 0; i < size; i++)
                {
                    var key = Decode(position, depth + 1) as string ?? throw Corrupt($"map key that is not a string at {position}");
                    position = Skip(position);
                    map[key] = Decode(position, depth + 1);
                    position = Skip(position);
                }
                return map;
            case MaxMindType.Array:
                // Every item takes at least a byte: a longer array is a lie that must not size an allocation.
                var items = size <= _section.Length - payload ? new object?[size] : throw Corrupt($"array longer than its section at {offset}");
                var next = payload;
                for (var i = 0; i < size; i++)
                {
                    items[i] = Decode(next, depth + 1);
                    next = Skip(next);
                }
                return items;
            default:
                throw Corrupt($"unsupported type {field.Type} at {offset}");
        }
    }

    private int Skip(int offset, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nested deeper than {MaxDepth} at {offset}");
        }
        var field = ReadField(offset);
        var position = field.Payload;
        switch (field.Type)
        {
            case MaxMindType.Pointer:
            case MaxMindType.Boolean:
                return position;
            case MaxMindType.Map:
                for (var i = 0; i < field.Size; i++)
                {
                    position = Skip(Skip(position, depth + 1), depth + 1);
                }
                return position;
            case MaxMindType.Array:
                for (var i = 0; i < field.Size; i++)
                {
                    position = Skip(position, depth + 1);
                }
                return position;
            case MaxMindType.DataCacheContainer:
            case MaxMindType.EndMarker:
                throw Corrupt($"unsupported type {field.Type} at {offset}");
            default:
                Slice(position, field.Size);
                return position + field.Size;
        }
    }

    private UInt128 Unsigned(MaxMindField field, int maxSize)
    {
        if (field.Size > maxSize)
        {
            throw Corrupt($"{field.Type} of {field.Size} bytes");
        }
        UInt128 value = 0;
        foreach (var b in Slice(field.Payload, field.Size))
        {
            value = (value << 8) | b;
        }
        return value;
    }

    private static int ExpectSize(MaxMindField field, int size) =>
        field.Size == size ? size : throw Corrupt($"{field.Type} of {field.Size} bytes");

    private int Byte(int offset) => (uint)offset < (uint)_section.Length ? _section[offset] : throw OutOfRange(offset);

    private int Bytes(int offset, int count)
    {
        var value = 0;
        foreach (var b in Slice(offset, count))
        {
            value = (value << 8) | b;
        }
        return value;
    }

    private ReadOnlySpan<byte> Slice(int offset, int length) =>
        offset >= 0 && length >= 0 && (long)offset + length <= _section.Length ? _section.Slice(offset, length) : throw OutOfRange(offset);

    private int Offset(long target) => target < _section.Length ? (int)target : throw OutOfRange(target);

    private static InvalidDataException OutOfRange(long offset) => Corrupt($"offset {offset} is outside the section");

    private static InvalidDataException Corrupt(string what) => new($"Corrupt MaxMind DB data: {what}.");
}
