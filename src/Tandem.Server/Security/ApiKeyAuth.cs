using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Storage.Keys;

namespace Tandem.Server.Security;

/// <summary>API keys on a route: the key comes in the X-Api-Key header (or as "Authorization: Bearer KEY"); none, or one
/// that is unknown or revoked, is 401; a key whose role the route does not allow is 403 (admin is allowed everywhere).
/// The key itself is never logged or echoed; the caller's key is put in <see cref="HttpContext.Items"/> for the route.</summary>
public static class ApiKeyAuth
{
    /// <summary>The header a key is sent in.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The endpoint filter allowing <paramref name="roles"/> (and admin).</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Allow(params ApiRole[] roles) => async (ctx, next) =>
    {
        var http = ctx.HttpContext;
        var presented = Presented(http.Request);
        var key = http.RequestServices.GetRequiredService<ApiKeyStore>().Authenticate(presented);
        if (key is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: presented is null ? $"send an API key in the {Header} header" : "the API key is not known, or was revoked");
        if (key.Role != ApiRole.Admin && !roles.Contains(key.Role))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"a {ApiKeyStore.RoleName(key.Role)} key may not do this; it needs {string.Join(" or ", roles.Append(ApiRole.Admin).Select(ApiKeyStore.RoleName))}");
        http.Items[typeof(ApiKeyInfo)] = key;
        return await next(ctx);
    };

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[Header] is { Count: > 0 } h && !string.IsNullOrEmpty(h[0])) return h[0];
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..].Trim() : null;
    }
}
