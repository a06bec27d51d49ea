using Orleans.Storage;

namespace Lookout.Kernel.Orleans.Sqlite;

/// <summary>Options of one named <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>
    /// How states become bytes. Left unset, it is the silo's <see cref="IGrainStorageSerializer"/> (keyed by the
    /// provider's name first), as for Orleans' own providers: Newtonsoft JSON unless the silo says otherwise.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
