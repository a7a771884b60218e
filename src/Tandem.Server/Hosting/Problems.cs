using Microsoft.AspNetCore.Http;

namespace Tandem.Server.Hosting;

/// <summary>The service's answer to bad input: a 400 validation problem whose `errors` names the field.</summary>
internal static class Problems
{
    /// <summary>A 400 naming <paramref name="field"/> with <paramref name="message"/>.</summary>
    public static IResult Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: $"Invalid {field}");
}
