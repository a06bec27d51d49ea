using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lookout.Contacts.Contacts;

/// <summary>
/// A write that would give two contacts of one workspace the same email address: the unique index
/// (<c>ux_ct_contacts_email</c>) caught what a check before the write cannot, e.g. two requests at the same moment.
/// </summary>
internal sealed class DuplicateEmailException : Exception
{
    public DuplicateEmailException()
        : base(Contacts.ContactRules.EmailTaken)
    {
    }

    public DuplicateEmailException(string message)
        : base(message)
    {
    }

    public DuplicateEmailException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether <paramref name="exception"/> is the email index refusing a row, in either dialect.</summary>
    public static bool IsViolation(DbException exception) => exception switch
    {
        // SQLITE_CONSTRAINT_UNIQUE; the message names the index's columns.
        SqliteException { SqliteExtendedErrorCode: 2067 } sqlite => sqlite.Message.Contains("ct_contacts.email", StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == "ux_ct_contacts_email",
        _ => false,
    };
}
