using Lookout.Kernel.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;

namespace Lookout.Kernel.Security;

/// <summary>
/// Loads DataProtection's key ring at start, after the kernel's migrations created its table and before the server
/// listens, one host at a time: on an empty table the first host creates the key and the hosts after it read that key,
/// so every host protects with the same one.
/// </summary>
/// <remarks>
/// Left to itself, DataProtection creates its first key when it first needs one, on every host that finds the table
/// empty at that moment. Each host then protects with its own key, and looks in the table again for a key it does not
/// know only within two minutes of building its key ring, otherwise when its cached ring expires, about a day later:
/// in between, cookies that one host issued would be refused by another.
/// </remarks>
internal sealed class SharedKeyRing(LookoutDatabase database, IDataProtectionProvider protection) : IHostedLifecycleService
{
    // Any fixed number other than the migrations' lock: hosts sharing one PostgreSQL database take turns here.
    private const long PostgresLockId = 0x4c6f6f6b4b657973;

    public Task StartingAsync(CancellationToken cancellationToken) =>
        database.OneHostAtATimeAsync(PostgresLockId, () =>
        {
            LoadKeyRing();
            return Task.CompletedTask;
        }, cancellationToken);

    // Protecting anything reads the ring and, when it has no usable key, creates one and stores it.
    private void LoadKeyRing() => protection.CreateProtector(nameof(SharedKeyRing)).Protect([0]);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
