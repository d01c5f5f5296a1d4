using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Donors;

/// <summary>The Secretariat records a donor organisation; its people are then invited with the Donor role and this donor's id.</summary>
public sealed class CreateDonor(Access access, DonorStore donors, AuditLog audit, TimeProvider time)
{
    [Function(nameof(CreateDonor))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "donors")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<DonorRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var donor = body.Value;
        var errors = new Dictionary<string, string[]>();
        donor.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entity = new DonorEntity
        {
            RowKey = Guid.CreateVersion7().ToString(),
            Name = donor.Name.Trim(),
            Kind = donor.Kind,
            Country = donor.Country ?? string.Empty,
            CreatedAt = time.GetUtcNow(),
        };
        var entry = audit.Stage(entity.PartitionKey, caller, "donor.created", "donor:" + entity.RowKey, null, entity.ToView());
        await audit.CommitAsync(donors.Client, [new TableTransactionAction(TableTransactionActionType.Add, entity)], entry, cancellationToken);
        return TypedResults.Created($"/api/donors/{entity.RowKey}", entity.ToView());
    }
}

public sealed record DonorRequest(string Name, string Kind, string? Country = null)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200)
        {
            errors["name"] = ["Give the donor's name, up to 200 characters."];
        }

        if (!DonorKinds.All.Contains(Kind, StringComparer.Ordinal))
        {
            errors["kind"] = ["Choose from: " + string.Join(", ", DonorKinds.All) + "."];
        }

        if (Country is not null && !CountryCode.TryParse(Country, out _))
        {
            errors["country"] = ["Give the country as an ISO 3166-1 alpha-2 code, such as NO or JP, or leave it out."];
        }
    }
}
