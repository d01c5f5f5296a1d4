using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Funds;

/// <summary>The Secretariat sets up a fund; every amount in its rounds is in the fund's currency.</summary>
public sealed class CreateFund(Access access, FundStore funds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(CreateFund))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<FundRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var fund = body.Value;
        var errors = new Dictionary<string, string[]>();
        fund.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entity = new FundEntity
        {
            RowKey = Guid.CreateVersion7().ToString(),
            Name = fund.Name.Trim(),
            Currency = fund.Currency,
            Description = fund.Description ?? string.Empty,
            CreatedAt = time.GetUtcNow(),
        };
        var entry = audit.Stage(entity.PartitionKey, caller, "fund.created", "fund:" + entity.RowKey, null, entity.ToView());
        await audit.CommitAsync(funds.Client, [new TableTransactionAction(TableTransactionActionType.Add, entity)], entry, cancellationToken);
        return TypedResults.Created($"/api/funds/{entity.RowKey}", entity.ToView());
    }
}

public sealed record FundRequest(string Name, string Currency, string? Description = null)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200)
        {
            errors["name"] = ["Give the fund's name, up to 200 characters."];
        }

        if (!CurrencyCode.TryParse(Currency, out _))
        {
            errors["currency"] = ["Give the currency as an ISO 4217 code in capitals, such as USD or EUR."];
        }

        if ((Description ?? string.Empty).Length > 4000)
        {
            errors["description"] = ["The description has at most 4,000 characters."];
        }
    }
}
