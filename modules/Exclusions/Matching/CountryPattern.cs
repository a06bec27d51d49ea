using System.Collections.Frozen;
using Lookout.Exclusions.Contracts;

namespace Lookout.Exclusions.Matching;

/// <summary>Countries, each named by its ISO 3166 code (<c>FR</c>) or its English name (<c>France</c>, <c>Côte d'Ivoire</c>).</summary>
internal sealed class CountryPattern : ExclusionPattern
{
    private readonly FrozenSet<string> _codes;

    private CountryPattern(FrozenSet<string> codes)
    {
        _codes = codes;
    }

    public static CountryPattern Parse(string[] entries, List<string> errors)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (Countries.TryFind(entry, out var country))
            {
                codes.Add(country.Code);
            }
            else
            {
                errors.Add($"'{entry}' is not a country: use an ISO 3166 code such as FR or an English name such as France.");
            }
        }
        return new CountryPattern(codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    public override bool Matches(ExclusionSubject subject) =>
        subject.CountryCode is { Length: 2 } code && _codes.Contains(code);
}
