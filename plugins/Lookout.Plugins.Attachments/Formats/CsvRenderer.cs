using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CsvHelper;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>
/// CSV attachments in the recipient's CSV preference: delimiter, header row or not, date format, UTF-8 with or
/// without a byte order mark. Rows are written with <c>{{ a | csv_row: b, c }}</c> (and
/// <c>{{ "A" | csv_header: "B", "C" }}</c>, left out when the recipient wants no header); every cell, and every
/// plain <c>{{ value }}</c>, is quoted as needed and one that a spreadsheet would run as a formula (starting with
/// <c>= + - @</c>, a tab or CR) gets a <c>'</c> in front. Each line of output is a row: blank lines are dropped and
/// rows end with CRLF.
/// </summary>
internal sealed class CsvRenderer(TemplateEngine engine) : TemplatedRenderer(engine)
{
    private static readonly string[] Delimiters = [",", ";", "\t"];

    public override string Format => "csv";

    public override string ContentType => "text/csv; charset=utf-8";

    public override string FileExtension => "csv";

    public override string DefaultDateFormat(Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return recipient.Csv.DateFormat;
    }

    public override FormatSession Start(Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var preference = recipient.Csv;
        if (!Delimiters.Contains(preference.Delimiter))
        {
            throw new ArgumentException($"The CSV delimiter must be a comma, a semicolon or a tab, not '{preference.Delimiter}'.", nameof(recipient));
        }
        if (preference.Encoding is not (CsvPreference.Utf8 or CsvPreference.Utf8WithBom))
        {
            throw new ArgumentException($"The CSV encoding must be {CsvPreference.Utf8} or {CsvPreference.Utf8WithBom}, not '{preference.Encoding}'.", nameof(recipient));
        }
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(preference.DateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The CSV date format '{preference.DateFormat}' is not a .NET date format.", nameof(recipient));
        }
        return new Session(preference);
    }

    private sealed class Session : FormatSession
    {
        private readonly CsvPreference _preference;
        private readonly Cells _cells;

        public Session(CsvPreference preference)
        {
            _preference = preference;
            _cells = new Cells(preference.Delimiter[0]);
            Encoder = new CellEncoder(_cells);
            Filters = new Dictionary<string, LiquidFilter>(StringComparer.Ordinal)
            {
                ["csv_row"] = (input, arguments, scope) => new LiquidRaw(_cells.Row(Texts(input, arguments, scope))),
                ["csv_header"] = (input, arguments, scope) => new LiquidRaw(_preference.Header ? _cells.Row(Texts(input, arguments, scope)) : ""),
            };
        }

        public override TextEncoder Encoder { get; }

        public override IReadOnlyDictionary<string, LiquidFilter> Filters { get; }

        private static string[] Texts(object? input, IReadOnlyList<object?> arguments, LiquidFilterScope scope)
        {
            scope.CheckTime();
            return [scope.Text(input), .. arguments.Select(scope.Text)];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _cells.Dispose();
            }
            base.Dispose(disposing);
        }

        public override byte[] Finish(string output)
        {
            var text = Rows(output);
            return _preference.Encoding == CsvPreference.Utf8WithBom
                ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]
                : Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Each line that is not blank becomes a row ending in CRLF; line breaks inside a quoted cell stay in it.</summary>
        private static string Rows(string output)
        {
            var rows = new StringBuilder(output.Length + 64);
            var row = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < output.Length; i++)
            {
                var c = output[i];
                if (c == '"')
                {
                    quoted = !quoted;
                }
                if (!quoted && c is '\r' or '\n')
                {
                    if (c == '\r' && i + 1 < output.Length && output[i + 1] == '\n')
                    {
                        i++;
                    }
                    End(rows, row);
                    continue;
                }
                row.Append(c);
            }
            End(rows, row);
            return rows.ToString();
        }

        private static void End(StringBuilder rows, StringBuilder row)
        {
            if (!string.IsNullOrWhiteSpace(row.ToString()))
            {
                rows.Append(row).Append("\r\n");
            }
            row.Clear();
        }
    }

    /// <summary>CSV cells through CsvHelper: quoting and formula neutralisation.</summary>
    private sealed class Cells : IDisposable
    {
        private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
        private readonly CsvWriter _csv;

        public Cells(char delimiter)
        {
            _csv = CsvWriter.Create(_buffer, new CsvWriterOptions
            {
                Separator = delimiter,
                Injection = CsvInjection.Escape,
                NewLine = "\n",
                FormatProvider = CultureInfo.InvariantCulture,
            }, leaveOpen: true);
        }

        public void Dispose()
        {
            _csv.Dispose();
            _buffer.Dispose();
        }

        public string Row(string[] cells)
        {
            _csv.WriteRecord(cells);
            _csv.Flush();
            var written = _buffer.GetStringBuilder();
            var row = written.ToString(0, written.Length - 1);
            written.Clear();
            return row;
        }
    }

    /// <summary>
    /// Writes a plain <c>{{ value }}</c> as one CSV cell. An encoder sees text in pieces that fit the output's buffer,
    /// but a cell is quoted or not by what it holds as a whole: the whole value arrives in the first call, its cell is
    /// made then and handed out over as many calls as the buffer needs.
    /// </summary>
    private sealed class CellEncoder(Cells cells) : TextEncoder
    {
        private string? _cell;
        private int _given;

        public override int MaxOutputCharactersPerInputCharacter => 1;

        public override System.Buffers.OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
        {
            _cell ??= cells.Row([source.ToString()]);
            var count = Math.Min(destination.Length, _cell.Length - _given);
            _cell.AsSpan(_given, count).CopyTo(destination);
            _given += count;
            charsWritten = count;
            if (_given < _cell.Length)
            {
                // Nothing of the source counts as read until its whole cell is out.
                charsConsumed = 0;
                return System.Buffers.OperationStatus.DestinationTooSmall;
            }
            (_cell, _given) = (null, 0);
            charsConsumed = source.Length;
            return System.Buffers.OperationStatus.Done;
        }

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => textLength == 0 ? -1 : 0;

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            // Only reached if a caller encodes scalar by scalar, which cannot quote a cell: write it as it is.
            var text = char.ConvertFromUtf32(unicodeScalar);
            if (bufferLength < text.Length)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            for (var i = 0; i < text.Length; i++)
            {
                buffer[i] = text[i];
            }
            numberOfCharactersWritten = text.Length;
            return true;
        }

        public override bool WillEncode(int unicodeScalar) => true;
    }
}
