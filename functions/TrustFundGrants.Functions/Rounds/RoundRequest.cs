using System.Text.RegularExpressions;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>A call for proposals as the Secretariat defines it, for creation and for edits before it opens.</summary>
public sealed partial record RoundRequest(
    string Title,
    string? Description,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string TimeZone,
    AmountJson Envelope,
    AmountJson MinGrant,
    AmountJson MaxGrant,
    int MaxDurationMonths,
    IReadOnlyList<EligibilityQuestion> Eligibility,
    IReadOnlyList<Criterion> Criteria,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    int ReviewersPerApplication,
    bool BlindReview,
    DateTimeOffset? ReviewDueAt = null)
{
    public static readonly IReadOnlySet<string> AllowedContentTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
        "image/png",
    };

    public const long MaxDocumentBytes = 50L * 1024 * 1024;

    /// <summary>The amounts in the fund's currency once valid; errors name each offending field.</summary>
    public (Money Envelope, Money MinGrant, Money MaxGrant)? Validate(CurrencyCode currency, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Line(errors, "title", Title, 1, 200);
        Text(errors, "description", Description ?? string.Empty, 0, 8000);
        if (ClosesAt <= OpensAt)
        {
            errors["closesAt"] = ["The round must close after it opens."];
        }
        else if (ClosesAt <= now)
        {
            errors["closesAt"] = ["The closing date has passed."];
        }

        if (ReviewDueAt is { } due && due <= ClosesAt)
        {
            errors["reviewDueAt"] = [ReviewDue.AfterClosing];
        }

        if (!RoundSchedule.IsIanaTimeZone(TimeZone))
        {
            errors["timeZone"] = ["Give an IANA time zone, such as Africa/Nairobi, America/Mexico_City or UTC."];
        }

        var envelope = Envelope.Read(currency, "envelope", errors);
        var min = MinGrant.Read(currency, "minGrant", errors);
        var max = MaxGrant.Read(currency, "maxGrant", errors);
        if (envelope is { MinorUnits: <= 0 })
        {
            errors["envelope.amount"] = ["The envelope must be more than zero."];
        }

        if (min is { MinorUnits: <= 0 })
        {
            errors["minGrant.amount"] = ["The smallest grant must be more than zero."];
        }

        if (min is { } lo && max is { } hi && lo > hi)
        {
            errors["maxGrant.amount"] = ["The largest grant cannot be below the smallest."];
        }
        else if (max is { } top && envelope is { } all && top > all)
        {
            errors["maxGrant.amount"] = ["The largest grant cannot exceed the envelope."];
        }

        if (MaxDurationMonths is < 1 or > 60)
        {
            errors["maxDurationMonths"] = ["Grants last 1 to 60 months."];
        }

        if (ReviewersPerApplication is < 1 or > 10)
        {
            errors["reviewersPerApplication"] = ["Each application gets 1 to 10 reviewers."];
        }

        ValidateList(errors, "eligibility", Eligibility, 0, 30, q => q.Id, (q, f) => Line(errors, f + ".question", q.Question, 1, 500));
        ValidateList(errors, "criteria", Criteria, 1, 20, c => c.Id, (c, f) =>
        {
            Line(errors, f + ".title", c.Title, 1, 200);
            Text(errors, f + ".description", c.Description ?? string.Empty, 0, 2000);
            if (c.Weight is < 1 or > 100)
            {
                errors[f + ".weight"] = ["A weight is a whole number from 1 to 100."];
            }

            if (c.MaxScore is < 1 or > 100)
            {
                errors[f + ".maxScore"] = ["A maximum score is a whole number from 1 to 100."];
            }
            else
            {
                ValidateLevels(errors, f + ".levels", c.Levels ?? [], c.MaxScore);
            }
        });
        ValidateList(errors, "requiredDocuments", RequiredDocuments, 0, 20, d => d.Type, (d, f) =>
        {
            Line(errors, f + ".title", d.Title, 1, 200);
            if (d.MaxBytes is < 1 or > MaxDocumentBytes)
            {
                errors[f + ".maxBytes"] = [$"A document may be at most {MaxDocumentBytes:N0} bytes."];
            }

            if (d.ContentTypes is not { Count: > 0 } types || types.Any(t => !AllowedContentTypes.Contains(t)))
            {
                errors[f + ".contentTypes"] = ["Choose from PDF, DOCX, XLSX, JPEG and PNG: " + string.Join(", ", AllowedContentTypes) + "."];
            }
        }, "type");

        return errors.Count == 0 ? (envelope!.Value, min!.Value, max!.Value) : null;
    }

    // Each score is described at most once, and only scores a reviewer can give.
    private static void ValidateLevels(IDictionary<string, string[]> errors, string field, IReadOnlyList<ScoreLevel> levels, int maxScore)
    {
        if (levels.Count > Math.Min(maxScore + 1, 21))
        {
            errors[field] = [$"Describe at most {Math.Min(maxScore + 1, 21)} scores."];
            return;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < levels.Count; i++)
        {
            var level = $"{field}[{i}]";
            if (levels[i].Score < 0 || levels[i].Score > maxScore)
            {
                errors[level + ".score"] = [$"A described score is a whole number from 0 to the maximum score, {maxScore}."];
            }
            else if (!seen.Add(levels[i].Score))
            {
                errors[level + ".score"] = ["Each score is described once."];
            }

            Line(errors, level + ".description", levels[i].Description, 1, 300);
        }
    }

    // Titles and questions are shown as one line and go into email subjects and exports.
    private static void Line(IDictionary<string, string[]> errors, string field, string? value, int min, int max)
    {
        if (TextLine.Problem(value, min, max) is { } problem)
        {
            errors[field] = [problem];
        }
    }

    private static void Text(IDictionary<string, string[]> errors, string field, string? value, int min, int max)
    {
        var length = value?.Trim().Length ?? 0;
        if (length < min || length > max)
        {
            errors[field] = [min > 0 ? $"Give {min} to {max} characters." : $"At most {max} characters."];
        }
    }

    private static void ValidateList<T>(
        IDictionary<string, string[]> errors, string field, IReadOnlyList<T>? items, int min, int max,
        Func<T, string> idOf, Action<T, string> validate, string idName = "id")
    {
        if (items is null || items.Count < min || items.Count > max)
        {
            errors[field] = [$"Give {min} to {max} items."];
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = $"{field}[{i}]";
            var id = idOf(items[i]);

            // Ids become keys and URL segments later (a document type is part of its upload URL), so they are slugs.
            if (!Slug().IsMatch(id ?? string.Empty))
            {
                errors[$"{item}.{idName}"] = ["Use 1 to 40 lower-case letters, digits and hyphens."];
            }
            else if (!seen.Add(id!))
            {
                errors[$"{item}.{idName}"] = ["Each one needs its own " + idName + "."];
            }

            validate(items[i], item);
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}

/// <summary>When the panel's reviews fall due: reviewers are reminded before it (see RemindReviewers).</summary>
public sealed record ReviewDue(DateTimeOffset ReviewDueAt)
{
    public const string AfterClosing = "Reviews fall due after the round closes.";

    public void Validate(DateTimeOffset closesAt, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ReviewDueAt <= closesAt)
        {
            errors["reviewDueAt"] = [AfterClosing];
        }
        else if (ReviewDueAt <= now)
        {
            errors["reviewDueAt"] = ["Give a time that has not passed yet."];
        }
    }
}

/// <summary>A yes/no question; an applicant whose answer differs from <c>RequiredAnswer</c> is ineligible.</summary>
public sealed record EligibilityQuestion(string Id, string Question, bool RequiredAnswer);

/// <summary>One line of the scoring rubric; <c>Levels</c> say what a score means, shown to reviewers beside it.</summary>
public sealed record Criterion(string Id, string Title, string? Description, int Weight, int MaxScore, IReadOnlyList<ScoreLevel>? Levels = null);

/// <summary>What a score of a criterion stands for ("8: a clear plan with partners named"); a rubric describes some or all of its scores.</summary>
public sealed record ScoreLevel(int Score, string Description);

/// <summary>A document every application must include.</summary>
public sealed record RequiredDocument(string Type, string Title, long MaxBytes, IReadOnlyList<string> ContentTypes);
