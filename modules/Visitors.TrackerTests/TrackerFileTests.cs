using System.IO.Compression;
using Lookout.Visitors.Tracker.Tests.Support;

namespace Lookout.Visitors.Tracker.Tests;

public sealed class TrackerFileTests
{
    [Fact]
    public void The_tracker_is_at_most_5_KB_gzipped()
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(TrackerFile.Path));
        }
        Assert.InRange(gzipped.Length, 1, 5120);
    }
}
