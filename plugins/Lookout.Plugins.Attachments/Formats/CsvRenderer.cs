using System.Globalization;
using System.Text;
using CsvHelper;
using HandlebarsDotNet;
using Lookout.Plugins.Attachments.Templates;

namespace Lookout.Plugins.Attachments.Formats;

/// <summary>
/// CSV attachments in the recipient's CSV preference: delimiter, header row or not, date format, UTF-8 with or
/// without a byte order mark. Rows are written with <c>{{csv a b c}}</c> (and <c>{{csvHeader "A" "B" "C"}}</c>, left
/// out when the recipient wants no header); every cell is quoted as needed and one that a spreadsheet would run as
/// a formula (starting with <c>= + - @</c>, a tab or CR) gets a <c>'</c> in front. Each line of output is a row:
/// blank lines are dropped and rows end with CRLF.
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

    public override FormatSession Start(TemplateRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        var preference = rendering.Recipient.Csv;
        if (!Delimiters.Contains(preference.Delimiter))
        {
            throw new ArgumentException($"The CSV delimiter must be a comma, a semicolon or a tab, not '{preference.Delimiter}'.", nameof(rendering));
        }
        if (preference.Encoding is not (CsvPreference.Utf8 or CsvPreference.Utf8WithBom))
        {
            throw new ArgumentException($"The CSV encoding must be {CsvPreference.Utf8} or {CsvPreference.Utf8WithBom}, not '{preference.Encoding}'.", nameof(rendering));
        }
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(preference.DateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The CSV date format '{preference.DateFormat}' is not a .NET date format.", nameof(rendering));
        }
        return new Session(preference, rendering.Budget);
    }

    private sealed class Session(CsvPreference preference, RenderBudget budget) : FormatSession
    {
        private readonly Cells _cells = new(preference.Delimiter[0]);

        public override ITextEncoder Encoder => _cells;

        public override void RegisterHelpers(IHandlebars handlebars)
        {
            handlebars.RegisterHelper("csv", (output, context, arguments) =>
            {
                budget.Check();
                output.Write(_cells.Row(arguments), false);
            });
            handlebars.RegisterHelper("csvHeader", (output, context, arguments) =>
            {
                budget.Check();
                if (preference.Header)
                {
                    output.Write(_cells.Row(arguments), false);
                }
            });
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
            return preference.Encoding == CsvPreference.Utf8WithBom
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

    /// <summary>CSV cells through CsvHelper: quoting and formula neutralisation; also the escaping of a plain <c>{{value}}</c>.</summary>
    private sealed class Cells : StringEncoder, IDisposable
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

        protected override void Escape(string text, TextWriter target) => target.Write(Row([text]));

        public string Row(Arguments arguments)
        {
            var cells = new string[arguments.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = TemplateRendering.Text(TemplateHelpers.Argument(arguments, i));
            }
            return Row(cells);
        }

        public void Dispose()
        {
            _csv.Dispose();
            _buffer.Dispose();
        }

        private string Row(string[] cells)
        {
            _csv.WriteRecord(cells);
            _csv.Flush();
            var written = _buffer.GetStringBuilder();
            var row = written.ToString(0, written.Length - 1);
            written.Clear();
            return row;
        }
    }
}
