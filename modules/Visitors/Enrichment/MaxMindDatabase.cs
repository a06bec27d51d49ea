using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Lookout.Visitors.Enrichment;

/// <summary>
/// One MaxMind DB (<c>.mmdb</c>) file, read whole into memory once: the binary search tree over the address bits and
/// the data section its leaves point into. A lookup walks at most 128 nodes and allocates nothing.
/// </summary>
/// <remarks>Format: https://maxmind.github.io/MaxMind-DB/ (version 2).</remarks>
internal sealed class MaxMindDatabase
{
    private const int MaxMetadataSize = 128 * 1024;
    private const int DataSectionSeparatorSize = 16;
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly byte[] _file;
    private readonly int _nodeCount;
    private readonly int _recordSize;
    private readonly int _dataStart;
    private readonly int _dataLength;
    private readonly int _ipv4Root;

    private MaxMindDatabase(string name, byte[] file)
    {
        Name = name;
        _file = file;
        var searchFrom = Math.Max(0, file.Length - MaxMetadataSize);
        var marker = file.AsSpan(searchFrom).LastIndexOf(MetadataMarker);
        if (marker < 0)
        {
            throw new InvalidDataException("the MaxMind DB metadata marker is missing");
        }
        var metadataStart = searchFrom + marker + MetadataMarker.Length;
        Metadata = MaxMindMetadata.Read(new MaxMindDecoder(file.AsSpan(metadataStart)));
        _nodeCount = (int)Metadata.NodeCount;
        _recordSize = Metadata.RecordSize;
        var treeSize = Metadata.NodeCount * _recordSize / 4;
        var dataEnd = searchFrom + marker;
        if (treeSize + DataSectionSeparatorSize > dataEnd)
        {
            throw new InvalidDataException($"a search tree of {Metadata.NodeCount} nodes does not fit in the file");
        }
        _dataStart = (int)treeSize + DataSectionSeparatorSize;
        _dataLength = dataEnd - _dataStart;
        _ipv4Root = 0;
        if (Metadata.IpVersion == 6)
        {
            // IPv4 addresses live under ::/96: follow 96 zero bits once rather than on every lookup.
            for (var i = 0; i < 96 && _ipv4Root < _nodeCount; i++)
            {
                _ipv4Root = (int)Math.Min(ReadRecord(_ipv4Root, 0), int.MaxValue);
            }
        }
    }

    /// <summary>The file's path, for messages.</summary>
    public string Name { get; }

    public MaxMindMetadata Metadata { get; }

    /// <summary>A decoder over the data section, where <see cref="Find"/>'s offsets point.</summary>
    public MaxMindDecoder Data => new(_file.AsSpan(_dataStart, _dataLength));

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a MaxMind DB; the message says why.</exception>
    public static MaxMindDatabase Open(string path) => FromBytes(File.ReadAllBytes(path), path);

    /// <exception cref="InvalidDataException">The bytes are not a MaxMind DB; the message names <paramref name="name"/> and says why.</exception>
    public static MaxMindDatabase FromBytes(byte[] file, string name)
    {
        try
        {
            return new MaxMindDatabase(name, file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name} is not a usable MaxMind DB (.mmdb) file: {e.Message.TrimEnd('.')}.", e);
        }
    }

    /// <summary>
    /// The data section offset of <paramref name="address"/>'s record, or -1 when the database has none. IPv4-mapped
    /// IPv6 addresses are looked up as IPv4; IPv6 addresses in an IPv4 database have none.
    /// </summary>
    public int Find(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return -1;
        }
        scoped ReadOnlySpan<byte> bits;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bits = bytes[..4];
        }
        else if (address.IsIPv4MappedToIPv6)
        {
            bits = bytes[12..16];
        }
        else if (Metadata.IpVersion == 6 && written == 16)
        {
            bits = bytes[..16];
        }
        else
        {
            return -1;
        }
        long node = bits.Length == 4 ? _ipv4Root : 0;
        var bitCount = bits.Length * 8;
        for (var i = 0; i < bitCount && node < _nodeCount; i++)
        {
            node = ReadRecord((int)node, (bits[i >> 3] >> (7 - (i & 7))) & 1);
        }
        if (node <= _nodeCount)
        {
            // Equal is the format's "no data"; still inside the tree after every bit would be a corrupt tree.
            return node == _nodeCount ? -1 : throw new InvalidDataException($"{Name}: the search tree is deeper than the address");
        }
        var offset = node - _nodeCount - DataSectionSeparatorSize;
        return offset >= 0 && offset < _dataLength ? (int)offset : throw new InvalidDataException($"{Name}: a record points outside the data section");
    }

    private long ReadRecord(int node, int right)
    {
        var file = _file.AsSpan();
        switch (_recordSize)
        {
            case 24:
                var at24 = node * 6 + right * 3;
                return file[at24] << 16 | file[at24 + 1] << 8 | file[at24 + 2];
            case 28:
                // Seven bytes per node; the middle byte's high nibble belongs to the left record, its low to the right.
                var at28 = node * 7;
                return right == 0
                    ? (file[at28 + 3] & 0xF0) << 20 | file[at28] << 16 | file[at28 + 1] << 8 | file[at28 + 2]
                    : (file[at28 + 3] & 0x0F) << 24 | file[at28 + 4] << 16 | file[at28 + 5] << 8 | file[at28 + 6];
            default:
                return BinaryPrimitives.ReadUInt32BigEndian(file[(node * 8 + right * 4)..]);
        }
    }
}
