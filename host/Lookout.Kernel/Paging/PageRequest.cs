using Lookout.Kernel.Http;
using Microsoft.AspNetCore.Mvc;

namespace Lookout.Kernel.Paging;

/// <summary>
/// Which page of a list a client asks for, the same on every list endpoint: <c>?page=2&amp;pageSize=50</c>, bound with
/// <c>[AsParameters]</c>. Pages count from 1; a page past the end is an empty page, not an error.
/// </summary>
public sealed record PageRequest
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>1-based; 1 when left out.</summary>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>1 to <see cref="MaxPageSize"/>; <see cref="DefaultPageSize"/> when left out.</summary>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    public int Number => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;

    /// <summary>How many items come before this page (long: page × size can pass an int).</summary>
    public long Skip => (long)(Number - 1) * Size;

    /// <summary>Adds what is wrong with the page asked for, naming <c>page</c> or <c>pageSize</c>, to the request's other errors.</summary>
    public FieldErrors AddErrors(FieldErrors errors)
    {
        if (Page is < 1)
        {
            errors.Add("page", "At least 1.");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Between 1 and {MaxPageSize}.");
        }
        return errors;
    }

    /// <summary>This page of <paramref name="items"/>, out of <paramref name="total"/> in all.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> items, long total) => new(items, total, Number, Size);
}
