using System.Security.Cryptography;
using Lookout.Workspaces.Users;
using Microsoft.AspNetCore.Identity;

namespace Lookout.Workspaces.Account;

/// <summary>
/// Checks a password the same way whether or not the email has an account: for an unknown email it verifies against
/// a hash of a random password made by the same hasher (same algorithm and cost), so the answer takes as long.
/// </summary>
internal sealed class PasswordCheck(IPasswordHasher<UserAccount> hasher)
{
    private static readonly UserAccount Nobody = new("", "", "", "");

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public PasswordVerificationResult Verify(UserAccount? user, string password)
    {
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }
        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }
}
