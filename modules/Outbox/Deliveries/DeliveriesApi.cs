using Lookout.Kernel.Http;
using Lookout.Kernel.Paging;
using Lookout.Kernel.Tenancy;
using Lookout.Outbox.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lookout.Outbox.Deliveries;

/// <summary>The delivery log: every member reads it; admins resend dead letters.</summary>
internal static class DeliveriesApi
{
    private const int MaxIdLength = 64;

    /// <summary>
    /// A delivery as the admin SPA shows it. <see cref="Address"/> is empty for a recipient who could not be reached;
    /// <see cref="NextAttemptAt"/> is set while it is pending or retrying; <see cref="Sending"/> while a host is attempting it.
    /// </summary>
    public sealed record DeliveryView(
        string Id,
        string Channel,
        string Address,
        string? RecipientName,
        string Subject,
        string Status,
        long Attempts,
        long AttemptCount,
        string? LastReason,
        bool Sending,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? NextAttemptAt,
        DateTimeOffset? DeliveredAt,
        string MessageKey);

    /// <summary>One attempt; <see cref="Outcome"/> (delivered, transient, permanent, interrupted) is null while it runs.</summary>
    public sealed record AttemptView(long Number, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Outcome, string? Reason);

    public sealed record DeliveryDetail(DeliveryView Delivery, IReadOnlyList<AttemptView> Attempts);

    public static void MapDeliveriesApi(this RouteGroupBuilder group)
    {
        group.MapGet("/deliveries", List).WithName("ListDeliveries").WithSummary("List the delivery log").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapGet("/deliveries/{id}", Get).WithName("GetDelivery").WithSummary("Get a delivery with its attempts").RequireWorkspaceRole(WorkspaceRole.SalesRep);
        group.MapPost("/deliveries/{id}/resend", Resend).WithName("ResendDelivery").WithSummary("Send a failed delivery again").RequireWorkspaceRole(WorkspaceRole.Admin);
    }

    private static async Task<Results<Ok<Page<DeliveryView>>, ValidationProblem>> List(
        string? channel, string? status, string? recipient, [AsParameters] PageRequest page, WorkspaceScope scope, DeliveryLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Text("channel", channel, 50, required: false)
            .Text("recipient", recipient, 200, required: false);
        if (!string.IsNullOrWhiteSpace(status) && !DeliveryStatus.All.Contains(status.Trim()))
        {
            errors.Add("status", $"One of {string.Join(", ", DeliveryStatus.All)}.");
        }
        if (page.AddErrors(errors).Any)
        {
            return errors.ToProblem();
        }
        var filter = new DeliveryFilter(Blank(channel), Blank(status), Blank(recipient));
        var (rows, total) = await log.PageAsync(scope.WorkspaceId, filter, page, cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return TypedResults.Ok(page.Of(rows.Select(r => View(r, now)).ToList(), total));
    }

    private static async Task<Results<Ok<DeliveryDetail>, NotFound>> Get(string id, WorkspaceScope scope, DeliveryLog log, TimeProvider clock, CancellationToken cancellationToken) =>
        await DetailAsync(id, scope, log, clock, cancellationToken) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    /// <summary>Makes a dead letter due now with a fresh attempt budget; anything else is a 409.</summary>
    private static async Task<Results<Ok<DeliveryDetail>, NotFound, ProblemHttpResult>> Resend(
        string id, WorkspaceScope scope, DeliveryLog log, DispatchSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (id.Length > MaxIdLength)
        {
            return TypedResults.NotFound();
        }
        if (!await log.ResendAsync(scope.WorkspaceId, id, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            var delivery = await log.FindAsync(scope.WorkspaceId, id, cancellationToken);
            return delivery switch
            {
                null => TypedResults.NotFound(),
                { Address: "" } => TypedResults.Problem(
                    title: "This recipient has no address to send to.", detail: delivery.LastReason, statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.Problem(
                    title: $"Only dead letters can be resent; this delivery is {delivery.Status}.", statusCode: StatusCodes.Status409Conflict),
            };
        }
        signal.Wake();
        return TypedResults.Ok((await DetailAsync(id, scope, log, clock, cancellationToken))!);
    }

    private static async Task<DeliveryDetail?> DetailAsync(string id, WorkspaceScope scope, DeliveryLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (id.Length > MaxIdLength || await log.FindAsync(scope.WorkspaceId, id, cancellationToken) is not { } row)
        {
            return null;
        }
        var attempts = await log.AttemptsAsync(scope.WorkspaceId, id, cancellationToken);
        return new DeliveryDetail(
            View(row, clock.GetUtcNow().ToUnixTimeMilliseconds()),
            attempts.Select(a => new AttemptView(a.Number, At(a.StartedAt), a.FinishedAt is { } f ? At(f) : null, a.Outcome, a.Reason)).ToList());
    }

    private static DeliveryView View(DeliveryRow row, long now)
    {
        var sending = row.ClaimedUntil > now;
        var due = row.Status is DeliveryStatus.Pending or DeliveryStatus.Retrying && !sending;
        return new DeliveryView(
            row.Id, row.Channel, row.Address, row.RecipientName, row.Subject, row.Status, row.Attempts, row.AttemptCount, row.LastReason, sending,
            At(row.CreatedAt), At(row.UpdatedAt), due ? At(row.DueAt) : null, row.DeliveredAt is { } delivered ? At(delivered) : null, row.MessageKey);
    }

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
