using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tandem.Server.Hosting;

/// <summary>The service's answer to bad input: a 400 validation problem whose `errors` names the field; and the reading
/// of the inputs every route shares.</summary>
internal static class Problems
{
    /// <summary>A 400 naming <paramref name="field"/> with <paramref name="message"/>.</summary>
    public static IResult Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: $"Invalid {field}");

    /// <summary>An optional time parameter: its value (UTC; a stamp without offset is UTC), null when absent, or the
    /// problem naming <paramref name="name"/>.</summary>
    public static (DateTimeOffset? Value, IResult? Problem) TimeParameter(string? text, string name)
    {
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? (t, null)
            : (null, Problem(name, $"'{text}' is not a date and time (ISO 8601, e.g. 2023-05-08T12:00:00Z)"));
    }
}
