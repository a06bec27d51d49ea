using System.Text.Json.Serialization;

namespace Lookout.Kernel.Paging;

/// <summary>
/// One page of a list as every list endpoint answers it: the items, how many match in all, and which page this is
/// (JSON <c>items</c>, <c>total</c>, <c>page</c>, <c>pageSize</c>).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, [property: JsonPropertyName("page")] int Number, int PageSize);
