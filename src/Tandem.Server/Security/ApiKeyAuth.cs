using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Storage.Keys;

namespace Tandem.Server.Security;

/// <summary>API keys on a route: the key comes in the X-Api-Key header (or as "Authorization: Bearer KEY"); none, or one
/// that is unknown or revoked, is 401; a key whose role the route does not allow is 403 (admin is allowed everywhere).
/// The key is checked in middleware, before the request's body is read. The key itself is never logged or echoed;
/// the caller's key is put in <see cref="HttpContext.Items"/> for the route.</summary>
public static class ApiKeyAuth
{
    /// <summary>The header a key is sent in.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Marks a route (or group) as needing a key with one of <paramref name="roles"/> (admin always passes).</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, params ApiRole[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRoles(roles));

    /// <summary>The roles a route allows.</summary>
    public sealed record RequiredRoles(ApiRole[] Roles);

    /// <summary>The middleware: checks the key of a route marked by <see cref="RequireKey"/> before anything of the
    /// request (its body) is read.</summary>
    public static async Task Check(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiredRoles>() is not { } required)
        {
            await next(http);
            return;
        }
        var presented = Presented(http.Request);
        var key = http.RequestServices.GetRequiredService<ApiKeyStore>().Authenticate(presented);
        IResult? refusal = null;
        if (key is null)
            refusal = TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: presented is null ? $"send an API key in the {Header} header" : "the API key is not known, or was revoked");
        else if (key.Role != ApiRole.Admin && !required.Roles.Contains(key.Role))
            refusal = TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"a {ApiKeyStore.RoleName(key.Role)} key may not do this; it needs {string.Join(" or ", required.Roles.Append(ApiRole.Admin).Select(ApiKeyStore.RoleName))}");
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http);
            return;
        }
        http.Items[typeof(ApiKeyInfo)] = key;
        await next(http);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[Header] is { Count: > 0 } h && !string.IsNullOrEmpty(h[0])) return h[0];
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
    }
}
