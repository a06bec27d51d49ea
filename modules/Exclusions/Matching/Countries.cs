using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Lookout.Exclusions.Matching;

/// <summary>A country as an exclusion names it: its ISO 3166-1 alpha-2 code and its English name.</summary>
internal sealed record Country(string Code, string Name);

/// <summary>
/// Every ISO 3166-1 country with its common English name and a few other names people type (the ISO long form, former
/// names). Names are matched ignoring case, accents and repeated spaces: "cote d'ivoire" is CI.
/// </summary>
internal static class Countries
{
    // code|name|other names...
    private const string Table = """
        AD|Andorra
        AE|United Arab Emirates|UAE
        AF|Afghanistan
        AG|Antigua and Barbuda
        AI|Anguilla
        AL|Albania
        AM|Armenia
        AO|Angola
        AQ|Antarctica
        AR|Argentina
        AS|American Samoa
        AT|Austria
        AU|Australia
        AW|Aruba
        AX|Åland Islands
        AZ|Azerbaijan
        BA|Bosnia and Herzegovina
        BB|Barbados
        BD|Bangladesh
        BE|Belgium
        BF|Burkina Faso
        BG|Bulgaria
        BH|Bahrain
        BI|Burundi
        BJ|Benin
        BL|Saint Barthélemy
        BM|Bermuda
        BN|Brunei|Brunei Darussalam
        BO|Bolivia|Bolivia, Plurinational State of
        BQ|Bonaire, Sint Eustatius and Saba|Caribbean Netherlands
        BR|Brazil
        BS|Bahamas|The Bahamas
        BT|Bhutan
        BV|Bouvet Island
        BW|Botswana
        BY|Belarus
        BZ|Belize
        CA|Canada
        CC|Cocos (Keeling) Islands|Cocos Islands
        CD|Democratic Republic of the Congo|Congo, The Democratic Republic of the|DR Congo
        CF|Central African Republic
        CG|Congo|Republic of the Congo
        CH|Switzerland
        CI|Côte d'Ivoire|Ivory Coast
        CK|Cook Islands
        CL|Chile
        CM|Cameroon
        CN|China
        CO|Colombia
        CR|Costa Rica
        CU|Cuba
        CV|Cabo Verde|Cape Verde
        CW|Curaçao
        CX|Christmas Island
        CY|Cyprus
        CZ|Czechia|Czech Republic
        DE|Germany
        DJ|Djibouti
        DK|Denmark
        DM|Dominica
        DO|Dominican Republic
        DZ|Algeria
        EC|Ecuador
        EE|Estonia
        EG|Egypt
        EH|Western Sahara
        ER|Eritrea
        ES|Spain
        ET|Ethiopia
        FI|Finland
        FJ|Fiji
        FK|Falkland Islands|Falkland Islands (Malvinas)
        FM|Micronesia|Micronesia, Federated States of
        FO|Faroe Islands
        FR|France
        GA|Gabon
        GB|United Kingdom|UK|Great Britain|United Kingdom of Great Britain and Northern Ireland
        GD|Grenada
        GE|Georgia
        GF|French Guiana
        GG|Guernsey
        GH|Ghana
        GI|Gibraltar
        GL|Greenland
        GM|Gambia|The Gambia
        GN|Guinea
        GP|Guadeloupe
        GQ|Equatorial Guinea
        GR|Greece
        GS|South Georgia and the South Sandwich Islands
        GT|Guatemala
        GU|Guam
        GW|Guinea-Bissau
        GY|Guyana
        HK|Hong Kong
        HM|Heard Island and McDonald Islands
        HN|Honduras
        HR|Croatia
        HT|Haiti
        HU|Hungary
        ID|Indonesia
        IE|Ireland
        IL|Israel
        IM|Isle of Man
        IN|India
        IO|British Indian Ocean Territory
        IQ|Iraq
        IR|Iran|Iran, Islamic Republic of
        IS|Iceland
        IT|Italy
        JE|Jersey
        JM|Jamaica
        JO|Jordan
        JP|Japan
        KE|Kenya
        KG|Kyrgyzstan
        KH|Cambodia
        KI|Kiribati
        KM|Comoros
        KN|Saint Kitts and Nevis
        KP|North Korea|Korea, Democratic People's Republic of
        KR|South Korea|Korea, Republic of|Korea
        KW|Kuwait
        KY|Cayman Islands
        KZ|Kazakhstan
        LA|Laos|Lao People's Democratic Republic
        LB|Lebanon
        LC|Saint Lucia
        LI|Liechtenstein
        LK|Sri Lanka
        LR|Liberia
        LS|Lesotho
        LT|Lithuania
        LU|Luxembourg
        LV|Latvia
        LY|Libya
        MA|Morocco
        MC|Monaco
        MD|Moldova|Moldova, Republic of
        ME|Montenegro
        MF|Saint Martin|Saint Martin (French part)
        MG|Madagascar
        MH|Marshall Islands
        MK|North Macedonia|Macedonia
        ML|Mali
        MM|Myanmar|Burma
        MN|Mongolia
        MO|Macao|Macau
        MP|Northern Mariana Islands
        MQ|Martinique
        MR|Mauritania
        MS|Montserrat
        MT|Malta
        MU|Mauritius
        MV|Maldives
        MW|Malawi
        MX|Mexico
        MY|Malaysia
        MZ|Mozambique
        NA|Namibia
        NC|New Caledonia
        NE|Niger
        NF|Norfolk Island
        NG|Nigeria
        NI|Nicaragua
        NL|Netherlands|The Netherlands|Holland
        NO|Norway
        NP|Nepal
        NR|Nauru
        NU|Niue
        NZ|New Zealand
        OM|Oman
        PA|Panama
        PE|Peru
        PF|French Polynesia
        PG|Papua New Guinea
        PH|Philippines
        PK|Pakistan
        PL|Poland
        PM|Saint Pierre and Miquelon
        PN|Pitcairn|Pitcairn Islands
        PR|Puerto Rico
        PS|Palestine|Palestine, State of
        PT|Portugal
        PW|Palau
        PY|Paraguay
        QA|Qatar
        RE|Réunion
        RO|Romania
        RS|Serbia
        RU|Russia|Russian Federation
        RW|Rwanda
        SA|Saudi Arabia
        SB|Solomon Islands
        SC|Seychelles
        SD|Sudan
        SE|Sweden
        SG|Singapore
        SH|Saint Helena, Ascension and Tristan da Cunha|Saint Helena
        SI|Slovenia
        SJ|Svalbard and Jan Mayen
        SK|Slovakia
        SL|Sierra Leone
        SM|San Marino
        SN|Senegal
        SO|Somalia
        SR|Suriname
        SS|South Sudan
        ST|Sao Tome and Principe
        SV|El Salvador
        SX|Sint Maarten|Sint Maarten (Dutch part)
        SY|Syria|Syrian Arab Republic
        SZ|Eswatini|Swaziland
        TC|Turks and Caicos Islands
        TD|Chad
        TF|French Southern Territories
        TG|Togo
        TH|Thailand
        TJ|Tajikistan
        TK|Tokelau
        TL|Timor-Leste|East Timor
        TM|Turkmenistan
        TN|Tunisia
        TO|Tonga
        TR|Türkiye|Turkey
        TT|Trinidad and Tobago
        TV|Tuvalu
        TW|Taiwan
        TZ|Tanzania|Tanzania, United Republic of
        UA|Ukraine
        UG|Uganda
        UM|United States Minor Outlying Islands
        US|United States|United States of America|USA
        UY|Uruguay
        UZ|Uzbekistan
        VA|Holy See|Vatican City|Vatican
        VC|Saint Vincent and the Grenadines
        VE|Venezuela|Venezuela, Bolivarian Republic of
        VG|British Virgin Islands|Virgin Islands, British
        VI|U.S. Virgin Islands|Virgin Islands, U.S.
        VN|Vietnam|Viet Nam
        VU|Vanuatu
        WF|Wallis and Futuna
        WS|Samoa
        YE|Yemen
        YT|Mayotte
        ZA|South Africa
        ZM|Zambia
        ZW|Zimbabwe
        """;

    private static readonly FrozenDictionary<string, Country> ByCode;
    private static readonly FrozenDictionary<string, Country> ByName;

    static Countries()
    {
        var byCode = new Dictionary<string, Country>(StringComparer.OrdinalIgnoreCase);
        var byName = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            var country = new Country(fields[0], fields[1]);
            byCode.Add(country.Code, country);
            foreach (var name in fields.Skip(1))
            {
                byName.Add(NameKey(name), country);
            }
        }
        ByCode = byCode.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        All = byCode.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every country, by name.</summary>
    public static IReadOnlyList<Country> All { get; }

    /// <summary>Finds a country by its two-letter code or one of its names, ignoring case and accents.</summary>
    public static bool TryFind(string? codeOrName, [NotNullWhen(true)] out Country? country)
    {
        country = null;
        if (string.IsNullOrWhiteSpace(codeOrName))
        {
            return false;
        }
        var text = codeOrName.Trim();
        return (text.Length == 2 && ByCode.TryGetValue(text, out country)) || ByName.TryGetValue(NameKey(text), out country);
    }

    /// <summary>Lower case, no accents, one space between words, one kind of apostrophe.</summary>
    private static string NameKey(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (key.Length > 0 && key[^1] != ' ')
                {
                    key.Append(' ');
                }
                continue;
            }
            key.Append(c is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(c));
        }
        return key.ToString().TrimEnd();
    }
}
